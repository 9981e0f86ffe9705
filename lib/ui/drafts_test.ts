import assert from "node:assert/strict";
import { draftKey, loadDraft, saveDraft } from "./drafts.ts";

/** An in-memory Storage; `refuse` makes every write throw, as a full or private store does. */
function memoryStorage(refuse = false): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => {
      if (refuse) throw new DOMException("full", "QuotaExceededError");
      items.set(key, value);
    },
  };
}

Deno.test("[drafts] kept per user and conversation; an empty draft is removed", () => {
  const storage = memoryStorage();
  const here = draftKey("u1", "c1");
  saveDraft(storage, here, "half a thought");
  saveDraft(storage, draftKey("u1", null), "for a new chat");
  assert.equal(loadDraft(storage, here), "half a thought");
  assert.equal(loadDraft(storage, draftKey("u2", "c1")), "", "another user's key");
  assert.equal(loadDraft(storage, draftKey("u1", null)), "for a new chat");
  saveDraft(storage, here, "   ");
  assert.equal(storage.length, 1);
});

Deno.test("[drafts] no storage, or one that refuses: drafts stay in the page", () => {
  saveDraft(undefined, "k", "text");
  assert.equal(loadDraft(undefined, "k"), "");
  const full = memoryStorage(true);
  saveDraft(full, "k", "text");
  assert.equal(loadDraft(full, "k"), "");
});
