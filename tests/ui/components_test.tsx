import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import { connectionLabel, ConnectionStatus } from "../../components/ConnectionStatus.tsx";
import { MessageList } from "../../components/MessageList.tsx";
import { ProgressBar } from "../../components/ProgressBar.tsx";
import { ToolStatus } from "../../components/ToolStatus.tsx";
import { LocalTime } from "../../components/LocalTime.tsx";
import { hydratedSig } from "../../lib/ui/hydrated.ts";
import type { ToolStep } from "../../lib/ui/chat_state.ts";
import { TOOLS } from "../../lib/agent/tools.ts";

const tool = (status: ToolStep["status"], extra: Partial<ToolStep> = {}): ToolStep => ({
  kind: "tool",
  call_id: "k1",
  tool: "add_task",
  status,
  message: "Added “buy milk”",
  ...extra,
});

Deno.test("[components] ToolStatus: spinner while running, ✓ or ✗ with sentence and duration", () => {
  assert.match(render(<ToolStatus step={tool("running")} />), /class="spinner"/);
  const done = render(<ToolStatus step={tool("done", { duration_ms: 420 })} />);
  assert.match(done, /✓/);
  assert.match(done, /Added “buy milk”/);
  assert.match(done, /0\.4 s/);
  const failed = render(<ToolStatus step={tool("failed", { error: "No such task" })} />);
  assert.match(failed, /✗/);
  assert.match(failed, /No such task/);
});

Deno.test("[components] ProgressBar: rows while running, a one-line summary after", () => {
  const steps = [tool("done", { duration_ms: 5 }), tool("running", { call_id: "k2" })];
  const live = render(<ProgressBar steps={steps} running stalled />);
  assert.equal(live.match(/class="progress-step"/g)?.length, 2);
  assert.match(live, /Still working…/);
  const summary = render(<ProgressBar steps={steps} running={false} durationMs={400} />);
  assert.match(summary, /<details[^>]*>.*<summary>2 steps · 0\.4 s<\/summary>/s);
  assert.equal(render(<ProgressBar steps={[]} running={false} />), "");
  // A run with no step yet (just started, or in flight when the page loaded) still shows.
  assert.match(render(<ProgressBar steps={[]} running />), /Working…/);
  assert.doesNotMatch(render(<ProgressBar steps={[]} running stalled />), /Working…/);
});

Deno.test("[components] MessageList shows model HTML as text", () => {
  const html = render(
    <MessageList
      messages={[{
        id: "m1",
        role: "assistant",
        content: "<img src=x onerror=alert(1)>",
        created_at: "2025-01-01T10:00:00.000Z",
      }]}
    />,
  );
  assert.ok(!html.includes("<img"), html);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)>/);
});

Deno.test("[components] ConnectionStatus words and the sign-in link", () => {
  assert.equal(
    connectionLabel({ status: "reconnecting", retryAt: 0, secondsLeft: 3 }),
    "Reconnecting in 3 s",
  );
  assert.equal(connectionLabel({ status: "live" }), "Live");
  assert.equal(connectionLabel({ status: "offline" }), "Offline");
  const expired = render(<ConnectionStatus state={{ status: "expired", code: 4401 }} />);
  assert.match(expired, /Session expired/);
  assert.match(expired, /href="\/login\?next=\/chat"/);
  assert.match(expired, /aria-live="assertive"/);
});

Deno.test("[components] ToolStatus draws an inline SVG icon per tool, no emoji", () => {
  const icon = (name: string) =>
    render(<ToolStatus step={tool("done", { tool: name })} />).match(/data-icon="([^"]+)"/)?.[1];
  assert.equal(icon("add_task"), "add_task");
  assert.equal(icon("delete_all_tasks"), "delete_all_tasks");
  assert.equal(icon("something_new"), "tool");
  for (const name of TOOLS.keys()) assert.equal(icon(name), name, `${name} has its own icon`);
  const html = render(<ToolStatus step={tool("running")} />);
  assert.match(html, /<svg[^>]*aria-hidden="true"/);
  assert.doesNotMatch(html, /\p{Extended_Pictographic}/u);
});

Deno.test("[components] LocalTime: UTC text until hydrated, then the viewer's local time", () => {
  const iso = "2025-01-01T10:05:00.000Z";
  const server = render(<LocalTime iso={iso} />);
  assert.equal(server, `<time datetime="${iso}">10:05 UTC</time>`);
  hydratedSig.value = true;
  try {
    const local = render(<LocalTime iso={iso} />);
    assert.match(local, new RegExp(`datetime="${iso}"`));
    assert.doesNotMatch(local, /UTC</);
    assert.match(local, /title="[^"]*2025[^"]*"/);
  } finally {
    hydratedSig.value = false;
  }
});
