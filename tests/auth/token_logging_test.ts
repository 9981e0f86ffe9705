/** A token given in a query string never reaches the logs (protocol: "Authentication"). */
import assert from "node:assert/strict";
import { signUpOverHttp, startApp } from "../helpers/app_process.ts";

Deno.test("[auth] tokens in query strings never appear in the app's output", async () => {
  const app = await startApp({ env: { LOG_LEVEL: "debug" } });
  try {
    const { id: userId, token } = await signUpOverHttp(app, "quiet@example.test");

    // A foreign origin is refused before the upgrade, and logged with the request path.
    const refused = await fetch(`${app.url}/ws/${userId}/chat?token=${token}`, {
      headers: { upgrade: "websocket", connection: "Upgrade", origin: "https://evil.example" },
    });
    assert.equal(refused.status, 403);
    await refused.body?.cancel();

    // A socket that opens and talks with the token in its URL.
    const socket = new WebSocket(`${app.wsUrl}/ws/${userId}/chat?token=${token}`);
    await new Promise<void>((resolve) => socket.onmessage = () => resolve());
    socket.send(JSON.stringify({ type: "chat", message: "add a task to buy milk" }));
    await new Promise<void>((resolve) =>
      socket.onmessage = (m) => String(m.data).includes("agent_done") && resolve()
    );
    socket.close();

    const api = await fetch(`${app.url}/api/${userId}/tasks?token=${token}`);
    assert.equal(api.status, 401, "the API does not take query tokens");
    await api.body?.cancel();
  } finally {
    await app.stop();
  }
  const printed = app.output();
  assert.match(printed, /\[redacted\]|%5Bredacted%5D/, "the refused socket's path was logged");
  assert.doesNotMatch(printed, /eyJ[\w-]+\.[\w-]+\.[\w-]+/, "no JWT in the output");
});
