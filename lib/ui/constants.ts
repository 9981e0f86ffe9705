/** A run with no event for this long shows "still working…". */
export const STALL_AFTER_MS = 15_000;
/** Label of the offline model, shown when no OPENAI_API_KEY is set. */
export const OFFLINE_MODEL_NOTICE = "Offline demo model — set OPENAI_API_KEY for a real LLM";
/** Clickable first messages on a new user's empty chat. */
export const EXAMPLE_PROMPTS: readonly string[] = [
  "Add a task to buy milk",
  "What's on my list?",
  "Remind me to finish the report",
];
