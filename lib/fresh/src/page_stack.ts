/**
 * The render stack of a page: `_app` → layouts (root to leaf) → page.
 * Async levels (`async function Page(req, ctx)`) are awaited here, leaf
 * first, and may answer with a `Response` instead of JSX.
 */
import { type ComponentChildren, type ComponentType, h, type VNode } from "preact";
import type { AnyComponent } from "./route_module.ts";
import type { FreshContext, PageProps } from "./types.ts";

const ASYNC_FUNCTION = Object.getPrototypeOf(async function () {}).constructor;

function Empty(): null {
  return null;
}

/** True for an `async function` component. */
export function isAsyncComponent(component: unknown): boolean {
  return component instanceof ASYNC_FUNCTION;
}

/** Props a page level receives: the context without its actions. */
export function pagePropsOf(ctx: FreshContext, Component: ComponentType): PageProps {
  return {
    url: ctx.url,
    params: ctx.params,
    route: ctx.route,
    state: ctx.state,
    data: ctx.data,
    error: ctx.error,
    destination: ctx.destination,
    remoteAddr: ctx.remoteAddr,
    config: ctx.config,
    Component: Component as ComponentType<Record<string, never>>,
  };
}

/**
 * Resolves the levels (outermost first) into one vnode, or the `Response`
 * an async level returned.
 */
export async function buildPageTree(
  req: Request,
  ctx: FreshContext,
  levels: AnyComponent[],
): Promise<VNode | Response> {
  let Next: ComponentType = Empty;
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i];
    const Inner = Next;
    if (isAsyncComponent(level)) {
      const call = level as unknown as (req: Request, ctx: FreshContext) => Promise<unknown>;
      const result = await call(req, {
        ...ctx,
        Component: Inner as ComponentType<Record<string, never>>,
      });
      if (result instanceof Response) return result;
      const resolved = result as ComponentChildren;
      Next = function AsyncLevel() {
        return resolved;
      };
    } else {
      const props = pagePropsOf(ctx, Inner);
      Next = function Level() {
        return h(level, props as unknown as Record<string, unknown>);
      };
    }
  }
  return h(Next, null);
}
