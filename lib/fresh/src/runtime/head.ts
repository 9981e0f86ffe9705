import { type ComponentChildren, createContext } from "preact";
import { useContext } from "preact/hooks";

/** Collects `<Head>` children during a server render (unset in the browser). */
export const HEAD_CONTEXT = createContext<ComponentChildren[] | undefined>(undefined);

/** Props of {@linkcode Head}. */
export interface HeadProps {
  /** Elements for `<head>`: `<title>`, `<meta>`, `<link>`… */
  children?: ComponentChildren;
}

/**
 * Puts its children into the page's `<head>`; the last `<title>` wins and
 * elements with the same `key` are de-duplicated (the last one stays).
 */
export function Head(props: HeadProps): null {
  const collected = useContext(HEAD_CONTEXT);
  collected?.push(props.children);
  return null;
}
