// Cursor context from the yaml AST, for flow-style (JSON-like) documents the indentation reader cannot place.
// Only used on keys and scalars that sit directly in a flow collection of a document that parsed.
import { isScalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Resource } from '../model';
import { getIn, keyText, nodeAt, nodeRange } from '../nodes';
import type { YamlContext } from './yamlContext';

export function astContextAt(r: Resource, rel: number): YamlContext | undefined {
  const at = nodeAt(r.root, rel);
  if (!at || at.path.length === 0) return undefined;
  const holder = getIn(r.root, at.path.slice(0, -1)) as YAMLMap | YAMLSeq | undefined;
  if (!holder || !(holder as { flow?: boolean }).flow) return undefined;
  const target = at.onKey ? at.pair?.key : at.node;
  if (!isScalar(target)) return undefined;
  const span = inner(nodeRange(target), r.doc.text);
  if (!span || rel < span.start || rel > span.end) return undefined;
  const prefix = r.doc.text.slice(span.start, rel);
  const base = { prefix, replace: span, colonAfter: at.onKey, needsSpace: false };
  const path = at.path.slice(0, -1);
  const last = at.path[at.path.length - 1];
  if (at.onKey) {
    const siblings = new Set<string>();
    for (const it of (holder as YAMLMap).items) {
      const k = keyText(it);
      if (k !== undefined && it !== at.pair) siblings.add(k);
    }
    return { ...base, path, position: 'key', siblings };
  }
  if (typeof last === 'number') {
    const key = path[path.length - 1];
    if (typeof key !== 'string') return undefined;
    return { ...base, path: path.slice(0, -1), position: 'item', key, siblings: new Set() };
  }
  return { ...base, path, position: 'value', key: last, siblings: new Set() };
}

/** A scalar's range without its quotes. */
function inner(rg: [number, number] | undefined, text: string): { start: number; end: number } | undefined {
  if (!rg) return undefined;
  let [s, e] = rg;
  const q = text[s];
  if ((q === '"' || q === "'") && e - s >= 2 && text[e - 1] === q) {
    s++;
    e--;
  }
  return { start: s, end: e };
}
