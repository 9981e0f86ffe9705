import assert from "node:assert/strict";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { ReasoningFilter, TurnAssembler } from "./turn.ts";

type Delta = ChatCompletionChunk["choices"][0]["delta"];
const chunk = (delta: Delta): ChatCompletionChunk => ({
  id: "c",
  object: "chat.completion.chunk",
  created: 0,
  model: "m",
  choices: [{ index: 0, delta, finish_reason: null }],
});

Deno.test("[turn] text and calls from OpenAI's chunks: ids and types kept, arguments joined", () => {
  const turn = new TurnAssembler("call-r1-1");
  assert.equal(turn.add(chunk({ role: "assistant", content: "" })), "");
  assert.equal(turn.add(chunk({ content: "On it" })), "On it");
  turn.add(chunk({
    tool_calls: [{
      index: 0,
      id: "call_a",
      type: "function",
      function: { name: "add_task", arguments: '{"ti' },
    }],
  }));
  turn.add(chunk({ tool_calls: [{ index: 0, function: { arguments: 'tle":"Milk"}' } }] }));
  assert.deepEqual(turn.finish(), {
    content: "On it",
    calls: [{
      id: "call_a",
      type: "function",
      function: { name: "add_task", arguments: '{"title":"Milk"}' },
    }],
  });
});

Deno.test("[turn] calls without id or type, arguments as an object, gaps and empty chunks", () => {
  const turn = new TurnAssembler("call-r1-2");
  turn.add({ ...chunk({}), choices: [] });
  turn.add(chunk({ content: null }));
  turn.add(chunk({ tool_calls: [{ index: 0, function: { name: "list_tasks" } }] }));
  const objectArguments = { status: "all" } as unknown as string;
  turn.add(chunk({ tool_calls: [{ index: 0, function: { arguments: objectArguments } }] }));
  // Index 1 never comes; index 2 repeats its name with each piece, as some servers do.
  turn.add(
    chunk({ tool_calls: [{ index: 2, function: { name: "get_task", arguments: '{"task_id"' } }] }),
  );
  turn.add(chunk({ tool_calls: [{ index: 2, function: { name: "get_task", arguments: ":2}" } }] }));
  assert.deepEqual(turn.finish(), {
    content: "",
    calls: [
      {
        id: "call-r1-2-0",
        type: "function",
        function: { name: "list_tasks", arguments: '{"status":"all"}' },
      },
      {
        id: "call-r1-2-2",
        type: "function",
        function: { name: "get_task", arguments: '{"task_id":2}' },
      },
    ],
  });
});

Deno.test("[turn] a reasoning block at the start of the reply is left out, even split across chunks", () => {
  const shown = (pieces: string[]) => {
    const filter = new ReasoningFilter();
    const out = pieces.map((piece) => filter.push(piece));
    return [...out, filter.end()].join("");
  };
  assert.equal(
    shown(["<thi", "nk>the user wants", " milk</th", "ink>\n\nAdded", " “Milk”."]),
    "Added “Milk”.",
  );
  assert.equal(shown(["\n<think>\nplan\n</think>", "", "Done."]), "Done.");
  assert.equal(shown(["Hello", " world"]), "Hello world");
  assert.equal(shown(["<", "b>bold</b>"]), "<b>bold</b>");
  assert.equal(shown(["<th"]), "<th", "a reply too short to be a tag is shown at the end");
  assert.equal(shown(["Sure. <think>aside</think> ok"]), "Sure. <think>aside</think> ok");
  assert.equal(shown(["<think>never closed"]), "");
});

Deno.test("[turn] the assembled text leaves the reasoning out too", () => {
  const turn = new TurnAssembler("call-r1-3");
  const shown = ["<think>", "hmm</think>", "Here", " you go"].map((content) =>
    turn.add(chunk({ content }))
  );
  assert.deepEqual(shown, ["", "", "Here", " you go"]);
  assert.equal(turn.flush(), "");
  assert.equal(turn.finish().content, "Here you go");
});
