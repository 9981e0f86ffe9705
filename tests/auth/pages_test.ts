import assert from "node:assert/strict";
import { LOGIN_FAILURE_LIMIT } from "../../lib/store/throttle.ts";
import { withTestApp } from "../helpers/test_app.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

function form(fields: Record<string, string>, extra: Record<string, string> = {}): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...extra },
    body: new URLSearchParams(fields).toString(),
  };
}

Deno.test(
  { name: "[auth pages] register and login forms render labelled fields", ...opts },
  () =>
    withTestApp({}, async (app) => {
      for (const path of ["/register", "/login"]) {
        const response = await app.fetch(`${path}?next=/tasks`);
        assert.equal(response.status, 200);
        const html = await response.text();
        assert.match(html, new RegExp(`<form[^>]*method="post"[^>]*action="${path}"`));
        assert.match(html, /<label for="email">Email/);
        assert.match(html, /<label for="password">Password/);
        assert.match(html, /<input[^>]*type="hidden"[^>]*name="next"[^>]*value="\/tasks"/);
        if (path === "/register") assert.match(html, /<label for="name">Name/);
      }
    }),
);

Deno.test({
  name: "[auth pages] register form: 303 to /chat with the cookie; errors re-render",
  ...opts,
}, () =>
  withTestApp({}, async (app) => {
    const ok = await app.fetch(
      "/register",
      form({ email: "ada@example.test", password: "correct horse battery", name: "Ada" }),
    );
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get("location"), "/chat");
    assert.match(
      ok.headers.get("set-cookie") ?? "",
      /^auth_token=.+; HttpOnly; SameSite=Lax; Path=\//,
    );

    const bad = await app.fetch(
      "/register",
      form({ email: "nope", password: "short", name: "Bo" }),
    );
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get("set-cookie"), null);
    const html = await bad.text();
    assert.match(html, /id="email-error"[^>]*>Email must be a valid email address/);
    assert.match(html, /id="password-error"[^>]*>Password must be at least 8 characters/);
    assert.match(html, /value="nope"/, "the email is kept");
    assert.match(html, /value="Bo"/, "the name is kept");
    assert.doesNotMatch(html, /value="short"/, "the password is never echoed");

    const taken = await app.fetch(
      "/register",
      form({ email: "ADA@example.test", password: "correct horse battery" }),
    );
    assert.equal(taken.status, 409);
    assert.match(
      await taken.text(),
      /id="email-error"[^>]*>An account with this email already exists/,
    );
  }));

Deno.test(
  { name: "[auth pages] login form: safe next, wrong password message, throttle", ...opts },
  () =>
    withTestApp({}, async (app) => {
      const user = await app.register();
      const ok = await app.fetch(
        "/login",
        form({ email: user.email, password: user.password, next: "/tasks?status=pending" }),
      );
      assert.equal(ok.status, 303);
      assert.equal(ok.headers.get("location"), "/tasks?status=pending");
      assert.ok(ok.headers.get("set-cookie"));

      const offsite = await app.fetch(
        "/login",
        form({ email: user.email, password: user.password, next: "//evil.example/" }),
      );
      assert.equal(offsite.headers.get("location"), "/chat");

      const wrong = await app.fetch(
        "/login",
        form({ email: user.email, password: "wrong password" }),
      );
      assert.equal(wrong.status, 401);
      assert.match(await wrong.text(), /id="password-error"[^>]*>Email or password is incorrect/);

      for (let i = 1; i < LOGIN_FAILURE_LIMIT; i++) {
        await (await app.fetch("/login", form({ email: user.email, password: "wrong" }))).body
          ?.cancel();
      }
      const locked = await app.fetch(
        "/login",
        form({ email: user.email, password: user.password }),
      );
      assert.equal(locked.status, 429);
      assert.ok(Number(locked.headers.get("retry-after")) > 0);
      assert.match(await locked.text(), /role="alert"[^>]*>Too many failed logins/);
    }),
);

Deno.test(
  { name: "[auth pages] cross-site form posts are refused", ...opts },
  () =>
    withTestApp({}, async (app) => {
      const user = await app.register();
      const response = await app.fetch(
        "/login",
        form({ email: user.email, password: user.password }, { origin: "https://evil.example" }),
      );
      assert.equal(response.status, 403);
      assert.equal(response.headers.get("set-cookie"), null);
      await response.body?.cancel();
      const same = await app.fetch(
        "/login",
        form({ email: user.email, password: user.password }, { origin: app.base }),
      );
      assert.equal(same.status, 303);
    }),
);

Deno.test(
  { name: "[auth pages] /tasks and /logout need a session; logout revokes", ...opts },
  () =>
    withTestApp({}, async (app) => {
      const anonymous = await app.fetch("/tasks");
      assert.equal(anonymous.status, 303);
      assert.equal(anonymous.headers.get("location"), "/login?next=%2Ftasks");

      const user = await app.register();
      await (await app.api(user, "POST", `/api/${user.id}/tasks`, { title: "Buy <milk>" })).body
        ?.cancel();
      const page = await app.fetch("/tasks", { headers: { cookie: user.cookie } });
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /Buy &lt;milk(&gt;|>)/, "the task is server-rendered, escaped");
      assert.doesNotMatch(html, /Buy <milk>/);

      const confirm = await app.fetch("/logout", { headers: { cookie: user.cookie } });
      assert.equal(confirm.status, 200);
      assert.match(await confirm.text(), /<form[^>]*method="post"[^>]*action="\/logout"/);

      const out = await app.fetch("/logout", form({}, { cookie: user.cookie }));
      assert.equal(out.status, 303);
      assert.equal(out.headers.get("location"), "/login");
      assert.match(out.headers.get("set-cookie") ?? "", /^auth_token=; .*Max-Age=0/);
      const after = await app.fetch("/tasks", { headers: { cookie: user.cookie } });
      assert.equal(after.status, 303, "the old cookie no longer signs in");
      await after.body?.cancel();
    }),
);
