/** Task field limits, shared by the schemas (server) and the task board (browser). */
import { charLength } from "../text.ts";

/** Longest title, after trimming. */
export const TITLE_MAX = 200;
/** Longest description, after trimming. */
export const DESCRIPTION_MAX = 2000;

/**
 * Why a title or description would be refused for its length, or null when
 * both fit. Counts characters as the server does (code points), so the browser
 * can refuse before sending; HTML `maxlength` counts UTF-16 units instead.
 */
export function taskLengthProblem(fields: { title?: string; description?: string | null }) {
  if (fields.title !== undefined && charLength(fields.title.trim()) > TITLE_MAX) {
    return `Titles can be at most ${TITLE_MAX} characters`;
  }
  if (fields.description && charLength(fields.description.trim()) > DESCRIPTION_MAX) {
    return `Descriptions can be at most ${DESCRIPTION_MAX.toLocaleString("en-US")} characters`;
  }
  return null;
}
