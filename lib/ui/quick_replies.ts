/**
 * Whether the assistant's reply waits for a yes or a no ("… Reply “yes” to
 * confirm, or “no” to keep them."): then the chat offers both as buttons.
 * Only a reply that names "yes" as the answer counts, whichever model wrote
 * it; a question such as "Which one do you mean?" wants words, not a button.
 */
export function asksYesOrNo(reply: string): boolean {
  // A task title is quoted (“Reply yes to Sam”): its words are not the reply's.
  const words = lastParagraph(reply).replace(/“(?!yes”|no”)[^”]*”/gi, "“…”");
  return /\b(?:reply|answer|say|type)\s+["“']?yes["”']?\b/i.test(words);
}

function lastParagraph(text: string): string {
  return text.trimEnd().split(/\n\s*\n/).at(-1) ?? "";
}
