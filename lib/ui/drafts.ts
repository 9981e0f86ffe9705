/**
 * Unsent messages, kept in the browser per user and conversation, so a
 * reload, a crash or switching conversations does not lose what was typed.
 * Storage may be unavailable (private modes, quotas): then drafts live only
 * in the page, as before.
 */

/** The key of a draft: the user's, for one conversation or a new one. */
export function draftKey(userId: string, conversationId: string | null): string {
  return `taskstream:draft:${userId}:${conversationId ?? "new"}`;
}

/** The saved draft, or "" when there is none (or no storage). */
export function loadDraft(storage: Storage | undefined, key: string): string {
  try {
    return storage?.getItem(key) ?? "";
  } catch {
    return "";
  }
}

/** Saves a draft; an empty one is removed. */
export function saveDraft(storage: Storage | undefined, key: string, text: string): void {
  try {
    if (text.trim()) storage?.setItem(key, text);
    else storage?.removeItem(key);
  } catch {
    // Full or refused: the draft stays in the page only.
  }
}

/** The browser's local storage, when the page may use it. */
export function browserStorage(): Storage | undefined {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
