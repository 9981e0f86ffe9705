import assert from "node:assert/strict";
import { storedCallSentence } from "./tool_sentences.ts";

const call = (tool: string, result: unknown, error?: { code: string; message: string }) => ({
  call_id: "k1",
  tool,
  arguments: {},
  result,
  ...(error ? { error } : {}),
});

Deno.test("[tool sentences] stored calls read like the live timeline", () => {
  const task = { id: 1, title: "Buy milk", completed: true };
  assert.equal(storedCallSentence(call("add_task", { task })), "Added “Buy milk”");
  assert.equal(storedCallSentence(call("list_tasks", { count: 1 })), "Found 1 task");
  assert.equal(storedCallSentence(call("list_tasks", { count: 3 })), "Found 3 tasks");
  assert.equal(storedCallSentence(call("complete_task", { task })), "Marked “Buy milk” as done");
  assert.equal(
    storedCallSentence(call("complete_task", { task: { ...task, completed: false } })),
    "Reopened “Buy milk”",
  );
  assert.equal(storedCallSentence(call("delete_task", { deleted: task })), "Deleted “Buy milk”");
  assert.equal(storedCallSentence(call("delete_all_tasks", { deleted: 4 })), "Deleted 4 tasks");
});

Deno.test("[tool sentences] errors and odd results fall back to plain words", () => {
  const failed = call("delete_task", undefined, { code: "not_found", message: "No task 9" });
  assert.equal(storedCallSentence(failed), "No task 9");
  assert.equal(storedCallSentence(call("add_task", "weird")), "Add task");
  assert.equal(storedCallSentence(call("custom_tool", null)), "Custom tool");
});
