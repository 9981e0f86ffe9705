import assert from "node:assert/strict";
import { withTestApp } from "../helpers/test_app.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

async function codeOf(response: Response): Promise<string> {
  const body = await response.json();
  assert.equal(typeof body.error.message, "string");
  return body.error.code;
}

Deno.test(
  { name: "[tasks api] CRUD: 201, 200, 204, 404, numbering never reused", ...opts },
  () =>
    withTestApp({}, async (app) => {
      const user = await app.register();
      const base = `/api/${user.id}/tasks`;
      const created = await app.api(user, "POST", base, { title: "  first  ", extra: "ignored" });
      assert.equal(created.status, 201);
      const task = (await created.json()).task;
      assert.deepEqual(Object.keys(task).sort(), [
        "completed",
        "created_at",
        "description",
        "id",
        "title",
        "updated_at",
      ]);
      assert.equal(task.id, 1);
      assert.equal(task.title, "first");
      assert.equal(task.description, null);
      assert.equal(task.completed, false);
      assert.ok(task.created_at.endsWith("Z"));

      const second =
        await (await app.api(user, "POST", base, { title: "second", description: "d" }))
          .json();
      assert.equal(second.task.id, 2);
      assert.equal(second.task.description, "d");

      const got = await app.api(user, "GET", `${base}/1`);
      assert.equal(got.status, 200);
      assert.deepEqual((await got.json()).task, task);

      const patched = await app.api(user, "PATCH", `${base}/1`, {
        completed: true,
        title: "First",
      });
      assert.equal(patched.status, 200);
      const updated = (await patched.json()).task;
      assert.equal(updated.completed, true);
      assert.equal(updated.title, "First");
      assert.equal(updated.created_at, task.created_at);

      const list = async (query = "") =>
        (await (await app.api(user, "GET", `${base}${query}`)).json()).tasks.map((
          t: { id: number },
        ) => t.id);
      assert.deepEqual(await list(), [1, 2]);
      assert.deepEqual(await list("?status=all"), [1, 2]);
      assert.deepEqual(await list("?status=pending"), [2]);
      assert.deepEqual(await list("?status=completed"), [1]);
      assert.deepEqual(await list("?search=FIRST"), [1]);

      const deleted = await app.api(user, "DELETE", `${base}/2`);
      assert.equal(deleted.status, 204);
      assert.equal(await deleted.text(), "");
      for (const method of ["GET", "PATCH", "DELETE"]) {
        const gone = await app.api(
          user,
          method,
          `${base}/2`,
          method === "PATCH" ? { title: "x" } : undefined,
        );
        assert.equal(gone.status, 404, method);
        assert.equal(await codeOf(gone), "not_found");
      }
      for (const id of ["0", "abc", "-1", "1.5", "99"]) {
        const response = await app.api(user, "GET", `${base}/${id}`);
        assert.equal(response.status, 404, id);
        await response.body?.cancel();
      }
      const third = await (await app.api(user, "POST", base, { title: "third" })).json();
      assert.equal(third.task.id, 3);
    }),
);

Deno.test(
  { name: "[tasks api] bad bodies and queries are 400 invalid_request", ...opts },
  () =>
    withTestApp({}, async (app) => {
      const user = await app.register();
      const base = `/api/${user.id}/tasks`;
      for (
        const body of [
          {},
          { title: "" },
          { title: "   " },
          { title: "x".repeat(201) },
          { title: 5 },
          { title: "ok", description: "d".repeat(2001) },
          null,
          "title",
        ]
      ) {
        const response = await app.api(user, "POST", base, body);
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.equal(await codeOf(response), "invalid_request");
      }
      await (await app.api(user, "POST", base, { title: "ok" })).body?.cancel();
      // Limits count characters: an emoji is one, though JavaScript counts two.
      const emoji = await app.api(user, "POST", base, {
        title: "🥛".repeat(200),
        description: "📝".repeat(2000),
      });
      assert.equal(emoji.status, 201);
      assert.equal((await emoji.json()).task.title, "🥛".repeat(200));
      for (
        const body of [{ title: "🥛".repeat(201) }, { title: "ok", description: "📝".repeat(2001) }]
      ) {
        const response = await app.api(user, "POST", base, body);
        assert.equal(response.status, 400, JSON.stringify(body).slice(0, 40));
        assert.equal(await codeOf(response), "invalid_request");
      }
      for (const body of [{}, { completed: "yes" }, { title: "" }]) {
        const response = await app.api(user, "PATCH", `${base}/1`, body);
        assert.equal(response.status, 400, JSON.stringify(body));
        await response.body?.cancel();
      }
      const headers = { authorization: `Bearer ${user.token}`, "content-type": "application/json" };
      const malformed = await app.fetch(base, { method: "POST", headers, body: "{not json" });
      assert.equal(malformed.status, 400);
      assert.match((await malformed.json()).error.message, /not valid JSON/);
      const notJson = await app.fetch(base, {
        method: "POST",
        headers: { authorization: `Bearer ${user.token}`, "content-type": "text/plain" },
        body: JSON.stringify({ title: "x" }),
      });
      assert.equal(notJson.status, 400);
      await notJson.body?.cancel();
      const badStatus = await app.api(user, "GET", `${base}?status=done`);
      assert.equal(badStatus.status, 400);
      await badStatus.body?.cancel();
    }),
);

/** A JSON-ish body of spaces, `limit` bytes long, pulled 64 KiB at a time. */
function spaces(limit: number): { stream: ReadableStream<Uint8Array>; sent(): number } {
  const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= limit) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, sent: () => sent };
}

Deno.test(
  { name: "[tasks api] bodies over 1 MiB are 413, declared or streamed", ...opts },
  () =>
    withTestApp({}, async (app) => {
      const user = await app.register();
      const base = `/api/${user.id}/tasks`;
      const big = JSON.stringify({ title: "x", description: "y".repeat(1024 * 1024) });
      const declared = await app.api(user, "POST", base, JSON.parse(big));
      assert.equal(declared.status, 413);
      assert.equal(await codeOf(declared), "payload_too_large");
      const headers = { authorization: `Bearer ${user.token}`, "content-type": "application/json" };
      // Over a socket: answered 413 before the (endless) body is read.
      const overHttp = spaces(64 * 1024 * 1024);
      const streamed = await app.fetch(base, { method: "POST", headers, body: overHttp.stream });
      assert.equal(streamed.status, 413);
      assert.equal(await codeOf(streamed), "payload_too_large");
      assert.ok(overHttp.sent() < 32 * 1024 * 1024, "the client could not send it all");
      // Straight to the handler, where no socket buffers hide how much it read.
      const direct = spaces(2 * 1024 * 1024);
      const request = new Request(new URL(base, app.base), {
        method: "POST",
        headers,
        body: direct.stream,
      });
      const answered = await app.handler(request);
      assert.equal(answered.status, 413);
      await answered.body?.cancel();
      assert.ok(direct.sent() < 2 * 1024 * 1024, "stopped reading soon after the limit");
    }),
);

Deno.test(
  { name: "[tasks api] 401 without credentials, 403 on another user's path", ...opts },
  () =>
    withTestApp({}, async (app) => {
      const alice = await app.register();
      const bob = await app.register();
      const none = await app.fetch(`/api/${alice.id}/tasks`);
      assert.equal(none.status, 401);
      assert.equal(await codeOf(none), "unauthenticated");
      await (await app.api(alice, "POST", `/api/${alice.id}/tasks`, { title: "alice's" })).body
        ?.cancel();
      for (
        const [method, path, body] of [
          ["GET", `/api/${alice.id}/tasks`],
          ["POST", `/api/${alice.id}/tasks`, { title: "pwned" }],
          ["GET", `/api/${alice.id}/tasks/1`],
          ["PATCH", `/api/${alice.id}/tasks/1`, { title: "pwned" }],
          ["DELETE", `/api/${alice.id}/tasks/1`],
        ] as const
      ) {
        const response = await app.api(bob, method, path, body);
        assert.equal(response.status, 403, `${method} ${path}`);
        assert.equal(await codeOf(response), "forbidden");
      }
      const own = await app.api(bob, "GET", `/api/${bob.id}/tasks/1`);
      assert.equal(own.status, 404, "bob's number 1 is not alice's task 1");
      await own.body?.cancel();
      const still = await (await app.api(alice, "GET", `/api/${alice.id}/tasks/1`)).json();
      assert.equal(still.task.title, "alice's");
    }),
);

Deno.test(
  { name: "[tasks api] 20 concurrent creates over HTTP get 1..20", ...opts },
  () =>
    withTestApp({}, async (app) => {
      const user = await app.register();
      const responses = await Promise.all(
        Array.from(
          { length: 20 },
          (_, i) => app.api(user, "POST", `/api/${user.id}/tasks`, { title: `task ${i}` }),
        ),
      );
      const ids = await Promise.all(responses.map(async (r) => (await r.json()).task.id as number));
      assert.deepEqual(ids.sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 1));
    }),
);

Deno.test(
  { name: "[tasks api] every REST change is published as task_changed", ...opts },
  () =>
    withTestApp({}, async (app) => {
      const user = await app.register();
      const base = `/api/${user.id}/tasks`;
      await (await app.api(user, "POST", base, { title: "a" })).body?.cancel();
      await (await app.api(user, "PATCH", `${base}/1`, { completed: true })).body?.cancel();
      await (await app.api(user, "DELETE", `${base}/1`)).body?.cancel();
      const changes = app.events.filter((event) => event.event_type === "task_changed");
      assert.deepEqual(
        changes.map((event) => [event.user, "change" in event ? event.change : null]),
        [[user.id, "created"], [user.id, "updated"], [user.id, "deleted"]],
      );
    }),
);

Deno.test(
  { name: "[tasks api] the whole list: PATCH completes or reopens all, DELETE by status", ...opts },
  () =>
    withTestApp({}, async (app) => {
      const user = await app.register();
      const other = await app.register();
      const base = `/api/${user.id}/tasks`;
      for (const title of ["a", "b", "c"]) {
        await (await app.api(user, "POST", base, { title })).body?.cancel();
      }
      await (await app.api(other, "POST", `/api/${other.id}/tasks`, { title: "theirs" })).body
        ?.cancel();
      await (await app.api(user, "PATCH", `${base}/2`, { completed: true })).body?.cancel();

      const completed = await app.api(user, "PATCH", base, { completed: true });
      assert.equal(completed.status, 200);
      const changed = (await completed.json()).tasks as { id: number; completed: boolean }[];
      assert.deepEqual(changed.map((t) => [t.id, t.completed]), [[1, true], [3, true]]);
      const again = await app.api(user, "PATCH", base, { completed: true });
      assert.deepEqual((await again.json()).tasks, []);

      const reopened = await app.api(user, "PATCH", base, { completed: false });
      assert.deepEqual((await reopened.json()).tasks.map((t: { id: number }) => t.id), [1, 2, 3]);
      await (await app.api(user, "PATCH", `${base}/1`, { completed: true })).body?.cancel();

      const cleared = await app.api(user, "DELETE", `${base}?status=completed`);
      assert.equal(cleared.status, 200);
      assert.deepEqual(await cleared.json(), { deleted: 1 });
      const left = await (await app.api(user, "GET", base)).json();
      assert.deepEqual(left.tasks.map((t: { id: number }) => t.id), [2, 3]);

      const all = await app.api(user, "DELETE", `${base}?status=all`);
      assert.deepEqual(await all.json(), { deleted: 2 });
      assert.deepEqual((await (await app.api(user, "GET", base)).json()).tasks, []);
      // Only the caller's list: the other user's task is untouched.
      const theirs = await (await app.api(other, "GET", `/api/${other.id}/tasks`)).json();
      assert.equal(theirs.tasks.length, 1);
      const foreign = await app.api(user, "DELETE", `/api/${other.id}/tasks?status=all`);
      assert.equal(foreign.status, 403);
      await foreign.body?.cancel();

      const deletions = app.events.filter((event) =>
        event.event_type === "task_changed" && event.user === user.id &&
        "change" in event && event.change === "deleted"
      );
      assert.equal(deletions.length, 3);
    }),
);

Deno.test(
  { name: "[tasks api] the whole list: bad bulk requests are 400 and change nothing", ...opts },
  () =>
    withTestApp({}, async (app) => {
      const user = await app.register();
      const base = `/api/${user.id}/tasks`;
      await (await app.api(user, "POST", base, { title: "keep me" })).body?.cancel();
      for (const query of ["", "?status=", "?status=everything"]) {
        const response = await app.api(user, "DELETE", `${base}${query}`);
        assert.equal(response.status, 400, query);
        const body = await response.json();
        assert.equal(body.error.code, "invalid_request");
        assert.match(body.error.message, /status/);
      }
      for (
        const body of [{}, { completed: "yes" }, { completed: true, title: "all the same" }, {
          completed: false,
          description: "x",
        }]
      ) {
        const response = await app.api(user, "PATCH", base, body);
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.equal(await codeOf(response), "invalid_request");
      }
      const tasks = (await (await app.api(user, "GET", base)).json()).tasks;
      assert.deepEqual(
        tasks.map((t: { title: string; completed: boolean }) => [t.title, t.completed]),
        [[
          "keep me",
          false,
        ]],
      );
    }),
);
