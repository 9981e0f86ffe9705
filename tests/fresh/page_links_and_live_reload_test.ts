/**
 * Through `createHandler`: links to the current page are marked during
 * render, and development mode (only) adds the live-reload client and its
 * `/_frsh/alive` WebSocket.
 */
import assert from "node:assert/strict";
import { h } from "preact";
import { createHandler, type Manifest, type PageProps } from "$fresh/server.ts";

function Shell({ Component }: PageProps) {
  return h(
    "html",
    null,
    h("head", null, h("title", null, "Links")),
    h(
      "body",
      null,
      h(
        "nav",
        null,
        h("a", { href: "/" }, "Home"),
        h("a", { href: "/chat" }, "Chat"),
        h("a", { href: "/tasks" }, "Tasks"),
      ),
      h(Component, {}),
    ),
  );
}

const page = (text: string) => () => h("main", null, text);

const manifest: Manifest = {
  routes: {
    "./routes/_app.tsx": { default: Shell },
    "./routes/index.tsx": { default: page("home") },
    "./routes/chat/index.tsx": { default: page("chat") },
    "./routes/chat/[id].tsx": { default: page("conversation") },
    "./routes/tasks.tsx": { default: page("tasks") },
  },
  islands: {},
  baseUrl: import.meta.url,
};

async function render(handler: (req: Request) => Promise<Response>, path: string) {
  return await (await handler(new Request(`http://localhost${path}`))).text();
}

function link(html: string, label: string): string {
  const match = html.match(new RegExp(`<a [^>]*>${label}</a>`));
  assert.ok(match, `no link "${label}" in ${html}`);
  return match[0];
}

Deno.test("[fresh] links to the current page get aria-current=page, ancestors aria-current=true", async () => {
  const handler = createHandler(manifest);
  const tasks = await render(handler, "/tasks");
  assert.match(link(tasks, "Tasks"), /aria-current="page"/);
  assert.match(link(tasks, "Tasks"), /data-current="true"/);
  assert.doesNotMatch(link(tasks, "Chat"), /aria-current|data-current|data-ancestor/);
  const conversation = await render(handler, "/chat/42");
  assert.match(link(conversation, "Chat"), /aria-current="true"/);
  assert.match(link(conversation, "Chat"), /data-ancestor="true"/);
  assert.doesNotMatch(link(conversation, "Tasks"), /aria-current/);
  assert.match(link(await render(handler, "/"), "Home"), /aria-current="page"/);
});

Deno.test("[fresh] production pages carry no live-reload client and /_frsh/alive is 404", async () => {
  const handler = createHandler(manifest);
  const html = await render(handler, "/tasks");
  assert.doesNotMatch(html, /<script/);
  assert.doesNotMatch(html, /_frsh\/alive/);
  const alive = await handler(new Request("http://localhost/_frsh/alive"));
  assert.equal(alive.status, 404);
  await alive.body?.cancel();
});

Deno.test("[fresh] dev pages carry the live-reload client; /_frsh/alive announces the revision", async () => {
  const handler = createHandler(manifest, { dev: true });
  const html = await render(handler, "/tasks");
  const scripts = [...html.matchAll(/<script[^>]*>/g)].map((match) => match[0]);
  assert.deepEqual(scripts, ["<script data-frsh-live-reload>"]);
  assert.ok(html.indexOf("/_frsh/alive") < html.indexOf("</body>"), "injected inside <body>");
  const plain = await handler(new Request("http://localhost/_frsh/alive"));
  assert.equal(plain.status, 426);
  assert.match(await plain.text(), /live-reload WebSocket/);

  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, handler);
  try {
    const messages: string[] = [];
    for (let i = 0; i < 2; i++) {
      const socket = new WebSocket(`ws://127.0.0.1:${server.addr.port}/_frsh/alive`);
      messages.push(
        await new Promise<string>((resolve, reject) => {
          socket.onmessage = (event) => resolve(String(event.data));
          socket.onerror = () => reject(new Error("live-reload socket failed"));
        }),
      );
      const closed = new Promise((resolve) => socket.onclose = resolve);
      socket.close();
      await closed;
    }
    const [first, second] = messages.map((text) => JSON.parse(text));
    assert.equal(first.type, "revision");
    assert.match(first.revision, /^[0-9a-f-]{36}$/);
    assert.deepEqual(second, first, "one revision per process");
  } finally {
    await server.shutdown();
  }
});
