/** A token given in a query string never reaches the logs (protocol: "Authentication"). */
import assert from "node:assert/strict";
import { startApp } from "../helpers/app_process.ts";

Deno.test("[auth] tokens in query strings never appear in the app's output", async () => {
  const app = await startApp({ env: { LOG_LEVEL: "debug" } });
  try {
    const registered = await fetch(`${app.url}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "quiet@example.test", password: "correct horse battery" }),
    });
    const { user, token } = await registered.json();
    assert.equal(registered.status, 201);

    // A foreign origin is refused before the upgrade, and logged with the request path.
    const refused = await fetch(`${app.url}/ws/${user.id}/chat?token=${token}`, {
      headers: { upgrade: "websocket", connection: "Upgrade", origin: "https://evil.example" },
    });
    assert.equal(refused.status, 403);
    await refused.body?.cancel();

    // A socket that opens and talks with the token in its URL.
    const socket = new WebSocket(`${app.wsUrl}/ws/${user.id}/chat?token=${token}`);
    await new Promise<void>((resolve) => socket.onmessage = () => resolve());
    socket.send(JSON.stringify({ type: "chat", message: "add a task to buy milk" }));
    await new Promise<void>((resolve) =>
      socket.onmessage = (m) => String(m.data).includes("agent_done") && resolve()
    );
    socket.close();

    const api = await fetch(`${app.url}/api/${user.id}/tasks?token=${token}`);
    assert.equal(api.status, 401, "the API does not take query tokens");
    await api.body?.cancel();
  } finally {
    await app.stop();
  }
  const printed = app.output();
  assert.match(printed, /\[redacted\]|%5Bredacted%5D/, "the refused socket's path was logged");
  assert.doesNotMatch(printed, /eyJ[\w-]+\.[\w-]+\.[\w-]+/, "no JWT in the output");
});
