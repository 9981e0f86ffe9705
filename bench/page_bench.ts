/**
 * The chat page's budgets, each beside a baseline in the same run:
 * - its JavaScript, gzipped, in total (runtime, both islands and shared
 *   chunks) under 40 KB; baseline: the Fresh runtime alone;
 * - the server render of a chat page with 200 messages under 20 ms median;
 *   baseline: the same page with no messages.
 * Run with `deno bench -A bench/page_bench.ts`.
 */
import { h, type VNode } from "preact";
import type { PageProps } from "$fresh/server.ts";
import { bundleClient, staticImports } from "../lib/fresh/src/bundle.ts";
import { RUNTIME_ENTRY } from "../lib/fresh/src/constants.ts";
import { type IslandInfo, type PageScripts, renderDocument } from "../lib/fresh/src/render.ts";
import ChatInterface, { type ChatInterfaceProps } from "../islands/ChatInterface.tsx";
import ConnectionStatus from "../islands/ConnectionStatus.tsx";
import ChatPage from "../routes/chat.tsx";
import type { AppState } from "../lib/state.ts";

const JS_BUDGET_BYTES = 40 * 1024;
const ISLAND_FILES = ["./islands/ChatInterface.tsx", "./islands/ConnectionStatus.tsx"];

async function gzipSize(bytes: Uint8Array<ArrayBuffer>): Promise<number> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

const build = await bundleClient(new URL("../", import.meta.url), ISLAND_FILES);

async function shippedGzipBytes(entryKeys: string[]): Promise<number> {
  const files = new Set<string>();
  for (const key of entryKeys) staticImports(build, build.entries.get(key)!, files);
  let total = 0;
  for (const file of files) total += await gzipSize(build.files.get(file)!);
  return total;
}

const baselineJs = await shippedGzipBytes([RUNTIME_ENTRY]);
const chatJs = await shippedGzipBytes([RUNTIME_ENTRY, ...ISLAND_FILES]);
console.log(
  `chat page JS: ${(chatJs / 1024).toFixed(1)} KB gzipped ` +
    `(baseline, runtime only: ${(baselineJs / 1024).toFixed(1)} KB; budget ${
      JS_BUDGET_BYTES / 1024
    } KB)`,
);
if (chatJs > JS_BUDGET_BYTES) {
  throw new Error(`The chat page ships ${chatJs} bytes of gzipped JS, over ${JS_BUDGET_BYTES}`);
}

const islandComponents = [ChatInterface, ConnectionStatus] as unknown as IslandInfo["component"][];
const islands = new Map<unknown, IslandInfo>(islandComponents.map((component, i) => [component, {
  id: `${["chatinterface", "connectionstatus"][i]}_default`,
  file: ISLAND_FILES[i],
  exportName: "default",
  component,
}]));
const scripts = (): Promise<PageScripts> =>
  Promise.resolve({
    runtimeUrl: "/_frsh/js/bench/runtime.js",
    islandUrl: (file) => `/_frsh/js/bench/${file.slice(2).replace(/\.tsx$/, ".js")}`,
    preloads: () => [],
    assetVersion: "bench",
  });

function pageData(count: number): ChatInterfaceProps {
  const t = (i: number) => new Date(Date.UTC(2025, 0, 1, 9, 0, i)).toISOString();
  return {
    userId: "01JBENCHUSER",
    conversationId: "c1",
    activeRun: null,
    offlineModel: true,
    conversations: Array.from({ length: 20 }, (_, i) => ({
      id: i === 0 ? "c1" : `c${i + 1}`,
      title: `Conversation ${i + 1} about groceries`,
      created_at: t(i),
      updated_at: t(i),
    })),
    messages: Array.from({ length: count }, (_, i) => ({
      id: `m${String(i).padStart(4, "0")}`,
      role: i % 2 === 0 ? "user" : "assistant",
      content: i % 2 === 0
        ? `add a task to buy item number ${i}`
        : `Added task ${i}: “buy item number ${i - 1}”. You have ${i} pending tasks. <b>ok</b>`,
      created_at: t(i),
      run_id: `r${i >> 1}`,
      ...(i % 2 === 1
        ? {
          tool_calls: [{
            call_id: `k${i}`,
            tool: "add_task",
            arguments: { title: `buy item number ${i - 1}` },
            result: { id: i },
          }],
        }
        : {}),
    })),
  };
}

function renderPage(data: ChatInterfaceProps): Promise<string> {
  const props = { data } as unknown as PageProps<ChatInterfaceProps, AppState>;
  return renderDocument(h(ChatPage, props) as VNode, islands, scripts);
}

const empty = pageData(0);
const full = pageData(200);
if (!(await renderPage(full)).includes("buy item number 198")) {
  throw new Error("The 200-message page did not render its messages");
}

const RENDER_BUDGET_MS = 20;

async function medianMs(data: ChatInterfaceProps, runs = 31): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await renderPage(data);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[runs >> 1];
}

const baselineMs = await medianMs(empty);
const fullMs = await medianMs(full);
console.log(
  `chat page render, median: ${fullMs.toFixed(2)} ms with 200 messages ` +
    `(baseline, no messages: ${baselineMs.toFixed(2)} ms; budget ${RENDER_BUDGET_MS} ms)`,
);
if (fullMs > RENDER_BUDGET_MS) {
  throw new Error(`A 200-message chat page renders in ${fullMs.toFixed(1)} ms median`);
}

Deno.bench({
  name: "chat page, no messages",
  group: "chat page render",
  baseline: true,
  fn: async () => void await renderPage(empty),
});

Deno.bench({
  name: "chat page, 200 messages",
  group: "chat page render",
  fn: async () => void await renderPage(full),
});
