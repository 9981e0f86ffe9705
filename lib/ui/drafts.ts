/**
 * Unsent messages, kept in the tab per user and conversation, so a reload or
 * switching conversations does not lose what was typed. Session storage, not
 * local: a draft ends with its tab, so nothing typed stays behind on a shared
 * computer. Storage may be unavailable (private modes, quotas): then drafts
 * live only in the page.
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

/** The tab's session storage, when the page may use it. */
export function browserStorage(): Storage | undefined {
  try {
    return typeof sessionStorage === "undefined" ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}
