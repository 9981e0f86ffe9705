/** One answer the chat offers as a button: what it shows and what it sends. */
export interface QuickReply {
  label: string;
  text: string;
}

/** Most numbered choices offered as buttons; a longer list is answered by typing. */
const MAX_CHOICES = 6;

/**
 * The answers a reply waits for, as buttons: "Yes" and "No" when it names
 * "yes" as the answer ("… Reply “yes” to confirm, or “no” to keep them."),
 * the numbered tasks when it asks which of them is meant ("Several tasks
 * match …: 2. Buy milk / 3. Buy oat milk / Which one do you mean?"); none
 * otherwise. Whichever model wrote the reply: only its words count.
 */
export function quickReplies(reply: string): QuickReply[] {
  if (asksYesOrNo(reply)) return [{ label: "Yes", text: "yes" }, { label: "No", text: "no" }];
  return numberedChoices(reply);
}

/** True when the reply's last paragraph names "yes" as the answer. */
export function asksYesOrNo(reply: string): boolean {
  // A task title is quoted (“Reply yes to Sam”): its words are not the reply's.
  const words = lastParagraph(reply).replace(/“(?!yes”|no”)[^”]*”/gi, "“…”");
  return /\b(?:reply|answer|say|type)\s+["“']?yes["”']?\b/i.test(words);
}

/** "2. Buy milk" lines right before a last line asking which: each a choice that sends its number. */
function numberedChoices(reply: string): QuickReply[] {
  const lines = lastParagraph(reply).split("\n").map((line) => line.trim()).filter(Boolean);
  const question = lines.at(-1) ?? "";
  if (!/\bwhich\b[^?]*\?/i.test(question)) return [];
  const choices: QuickReply[] = [];
  for (const line of lines.slice(0, -1)) {
    const numbered = line.match(/^(\d{1,9})[.)] +(\S.*)$/);
    if (numbered) {
      choices.push({ label: `${numbered[1]}. ${clip(numbered[2])}`, text: numbered[1] });
    }
  }
  return choices.length >= 2 && choices.length <= MAX_CHOICES ? choices : [];
}

/** Longest title text on a button; a longer one is cut with "…". */
const LABEL_MAX = 48;

function clip(title: string): string {
  const chars = [...title];
  return chars.length <= LABEL_MAX ? title : `${chars.slice(0, LABEL_MAX - 1).join("").trimEnd()}…`;
}

function lastParagraph(text: string): string {
  return text.trimEnd().split(/\n\s*\n/).at(-1) ?? "";
}
