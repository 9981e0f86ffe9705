/** True when running in the browser (islands after hydration), false on the server. */
export const IS_BROWSER: boolean = typeof document !== "undefined";
