/** Task field limits, shared by the schemas (server) and the task board (browser). */

/** Longest title, after trimming. */
export const TITLE_MAX = 200;
/** Longest description, after trimming. */
export const DESCRIPTION_MAX = 2000;
