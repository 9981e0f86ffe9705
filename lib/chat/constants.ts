/** Chat limits shared by the server and the browser (no imports: safe in islands). */

/** Longest accepted message, in characters (code points). */
export const MESSAGE_MAX_CHARS = 10_000;
