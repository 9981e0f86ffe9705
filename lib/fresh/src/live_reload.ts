/**
 * Development live reload: every page gets a tiny client that keeps a
 * WebSocket to `/_frsh/alive` open. The server sends its revision (one per
 * process: `deno task dev` restarts the process on every change); when the
 * socket drops, the client reconnects and reloads the page once the
 * revision it hears is a new one.
 */
import { ALIVE_PATH } from "./constants.ts";

/** This process's revision; a restarted server has another. */
export const REVISION: string = crypto.randomUUID();

/** Retry delay of the client while the server is away. */
const RECONNECT_MS = 300;

/** The inline client, injected before `</body>` in development only. */
export const LIVE_RELOAD_SCRIPT: string = `<script data-frsh-live-reload>(()=>{` +
  `let seen;const url=(location.protocol==="https:"?"wss://":"ws://")+location.host+` +
  `${JSON.stringify(ALIVE_PATH)};const connect=()=>{const socket=new WebSocket(url);` +
  `socket.onmessage=(event)=>{const revision=JSON.parse(event.data).revision;` +
  `if(seen===undefined)seen=revision;else if(seen!==revision)location.reload();};` +
  `socket.onclose=()=>setTimeout(connect,${RECONNECT_MS});};connect();})();</script>`;

/** The message the server sends on every new live-reload socket. */
export interface AliveMessage {
  type: "revision";
  revision: string;
}

/** Answers `/_frsh/alive`: a WebSocket that announces {@linkcode REVISION}. */
export function serveAlive(req: Request): Response {
  if (req.headers.get("upgrade")?.toLowerCase() !== "websocket") {
    return new Response(
      `${ALIVE_PATH} is the development live-reload WebSocket: open it with a WebSocket client`,
      {
        status: 426,
        headers: { upgrade: "websocket", "content-type": "text/plain; charset=utf-8" },
      },
    );
  }
  const { socket, response } = Deno.upgradeWebSocket(req);
  const message: AliveMessage = { type: "revision", revision: REVISION };
  socket.onopen = () => socket.send(JSON.stringify(message));
  return response;
}
