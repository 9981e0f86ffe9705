/**
 * The browser runtime: finds island markers, revives the page's props
 * document and hydrates each island in place. Bundled once per build and
 * imported by a page's boot script; it imports nothing server-side.
 */
import {
  type ComponentChildren,
  type ComponentType,
  h,
  hydrate,
  options,
  type VNode,
} from "preact";
import { MARKER } from "../constants.ts";
import { deserialize, type SerializedDocument } from "../serializer.ts";
import { markCurrentLink } from "./active_link.ts";
import { setAssetVersion } from "./asset.ts";

/** Island components of a page by island id. */
export type IslandRegistry = Record<string, ComponentType<Record<string, unknown>>>;

interface Start {
  id: string;
  index: number;
}

function parseStart(node: Node): Start | null {
  if (node.nodeType !== Node.COMMENT_NODE) return null;
  const text = (node as Comment).data;
  if (!text.startsWith(MARKER.islandStart)) return null;
  const [id, index] = text.slice(MARKER.islandStart.length).split(":");
  return { id, index: Number(index) };
}

function isComment(node: Node, text: string): boolean {
  return node.nodeType === Node.COMMENT_NODE && (node as Comment).data === text;
}

/** Index of the sibling carrying `text`, from `from`, or -1. */
function findSibling(nodes: Node[], from: number, text: string): number {
  for (let i = from; i < nodes.length; i++) if (isComment(nodes[i], text)) return i;
  return -1;
}

function findSlot(nodes: Node[], index: number): Node[] | null {
  const start = `${MARKER.slotStart}${index}:children`;
  for (const node of nodes) {
    if (isComment(node, start)) {
      const siblings = Array.from(node.parentNode!.childNodes);
      const from = siblings.indexOf(node as ChildNode);
      const end = findSibling(siblings, from + 1, `${MARKER.slotEnd}${index}`);
      return end === -1 ? null : siblings.slice(from + 1, end);
    }
    const inner = findSlot(Array.from(node.childNodes), index);
    if (inner) return inner;
  }
  return null;
}

class Reviver {
  constructor(readonly islands: IslandRegistry, readonly props: Record<string, unknown>[]) {}

  /** The vnode of an island whose content is `nodes`. */
  island(start: Start, nodes: Node[]): VNode | null {
    const component = this.islands[start.id];
    if (!component) {
      console.error(`Island "${start.id}" has no module on this page: regenerate fresh.gen.ts`);
      return null;
    }
    const props: Record<string, unknown> = { ...this.props[start.index] };
    const slot = findSlot(nodes, start.index);
    if (slot) props.children = this.toVNodes(slot);
    return h(component, props);
  }

  /** Server-rendered DOM as vnodes, so hydration re-uses it; islands inside stay islands. */
  toVNodes(nodes: Node[]): ComponentChildren[] {
    const out: ComponentChildren[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      if (node.nodeType === Node.TEXT_NODE) {
        out.push((node as Text).data);
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        const element = node as Element;
        const attributes: Record<string, string> = {};
        for (const attribute of Array.from(element.attributes)) {
          attributes[attribute.name] = attribute.value;
        }
        out.push(
          h(element.localName, attributes, ...this.toVNodes(Array.from(element.childNodes))),
        );
      } else {
        const start = parseStart(node);
        if (!start) continue;
        const end = findSibling(nodes, i + 1, `${MARKER.islandEnd}${start.index}`);
        if (end === -1) continue;
        out.push(this.island(start, nodes.slice(i + 1, end)));
        i = end;
      }
    }
    return out;
  }

  /** Hydrates every outermost island under `parent`. */
  scan(parent: Node): void {
    const nodes = Array.from(parent.childNodes);
    for (let i = 0; i < nodes.length; i++) {
      const start = parseStart(nodes[i]);
      if (!start) {
        if (nodes[i].nodeType === Node.ELEMENT_NODE) this.scan(nodes[i]);
        continue;
      }
      const end = findSibling(nodes, i + 1, `${MARKER.islandEnd}${start.index}`);
      if (end === -1) continue;
      const content = nodes.slice(i + 1, end);
      const vnode = this.island(start, content);
      if (vnode) hydrate(vnode, rootFragment(parent, content, nodes[end]));
      i = end;
    }
  }
}

/** A stand-in parent that lets Preact hydrate a range of siblings in place. */
function rootFragment(parent: Node, nodes: Node[], end: Node): Element {
  const fragment = {
    nodeType: 1,
    parentNode: parent,
    namespaceURI: (parent as Element).namespaceURI,
    ownerDocument: parent.ownerDocument,
    get firstChild() {
      return nodes[0] ?? null;
    },
    get childNodes() {
      return nodes;
    },
    insertBefore(node: Node, reference: Node | null) {
      return parent.insertBefore(node, reference ?? end);
    },
    appendChild(node: Node) {
      return parent.insertBefore(node, end);
    },
    removeChild(node: Node) {
      return parent.removeChild(node);
    },
    contains(node: Node) {
      return nodes.includes(node);
    },
  };
  return fragment as unknown as Element;
}

let linksMarked = false;

/** Marks links to the current page in island renders, as the server did (once per page). */
function markLinksInIslands(): void {
  if (linksMarked) return;
  linksMarked = true;
  const previous = options.vnode;
  options.vnode = (vnode: VNode) => {
    markCurrentLink(vnode, location.pathname);
    previous?.(vnode);
  };
}

/**
 * Revives the page: reads the props document `stateId`, then hydrates each
 * island found between its comment markers.
 */
export function revive(islands: IslandRegistry, stateId: string, assetVersion: string): void {
  setAssetVersion(assetVersion);
  markLinksInIslands();
  const script = document.getElementById(stateId);
  const doc = JSON.parse(script?.textContent ?? '{"r":-1,"n":[]}') as SerializedDocument;
  const props = (deserialize(doc) ?? []) as Record<string, unknown>[];
  new Reviver(islands, props).scan(document.body);
}
