// Small helpers over the yaml AST: walk by path, find pairs, read scalars, locate nodes by offset.
// Ranges returned here are relative to the document text (add ParsedDoc.offset for the file).
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq, type Scalar } from 'yaml';

export type PathSeg = string | number;
export type YNode = Node | null | undefined;

export function asMap(n: unknown): YAMLMap | undefined {
  return isMap(n) ? (n as YAMLMap) : undefined;
}

export function asSeq(n: unknown): YAMLSeq | undefined {
  return isSeq(n) ? (n as YAMLSeq) : undefined;
}

/** The key text of a pair (plain scalars only; complex keys give undefined). */
export function keyText(p: Pair): string | undefined {
  const k = p.key as unknown;
  if (isScalar(k)) return k.value == null ? '' : String(k.value);
  return undefined;
}

export function findPair(map: YAMLMap | undefined, key: string): Pair<Node, Node | null> | undefined {
  if (!map) return undefined;
  for (const it of map.items) {
    if (isPair(it) && keyText(it) === key) return it as Pair<Node, Node | null>;
  }
  return undefined;
}

/** Follows string keys through maps and numeric indexes through sequences. */
export function getIn(node: unknown, path: readonly PathSeg[]): YNode {
  let cur = node as YNode;
  for (const seg of path) {
    if (typeof seg === 'number') {
      const s = asSeq(cur);
      if (!s) return undefined;
      cur = s.items[seg] as YNode;
    } else {
      const p = findPair(asMap(cur), seg);
      if (!p) return undefined;
      cur = p.value;
    }
  }
  return cur;
}

/** The pair holding the last path segment (for reporting on a key), when the path ends in a key. */
export function getPairIn(node: unknown, path: readonly PathSeg[]): Pair<Node, Node | null> | undefined {
  if (path.length === 0) return undefined;
  const last = path[path.length - 1];
  if (typeof last !== 'string') return undefined;
  return findPair(asMap(getIn(node, path.slice(0, -1))), last);
}

export function scalarValue(n: YNode): unknown {
  return isScalar(n) ? (n as Scalar).value : undefined;
}

export function stringAt(node: unknown, path: readonly PathSeg[]): string | undefined {
  const v = scalarValue(getIn(node, path));
  return typeof v === 'string' ? v : undefined;
}

/** [start, end) of a node's own text (without trailing comments), or undefined. */
export function nodeRange(n: unknown): [number, number] | undefined {
  const r = (n as { range?: [number, number, number] } | null | undefined)?.range;
  if (!r) return undefined;
  return [r[0], Math.max(r[1], r[0])];
}

/** Range of a pair's key, falling back to its value. */
export function keyRange(p: Pair): [number, number] | undefined {
  return nodeRange(p.key) ?? nodeRange(p.value);
}

/** The span to report for a path: the value when present, else the key, else the nearest ancestor. */
export function reportRange(root: unknown, path: readonly PathSeg[]): [number, number] {
  for (let i = path.length; i >= 0; i--) {
    const sub = path.slice(0, i);
    const n = getIn(root, sub);
    const r = nodeRange(n);
    if (r && (i === path.length || isScalar(n))) return r;
    const p = getPairIn(root, sub);
    if (p) {
      const kr = keyRange(p);
      if (kr) return kr;
    }
    if (r) return [r[0], Math.min(r[1], r[0] + 1)];
  }
  return [0, 0];
}

export interface NodeAtOffset {
  /** Key path from the root to the innermost node containing the offset. */
  path: PathSeg[];
  node: YNode;
  /** The pair whose key or value contains the offset, if any. */
  pair?: Pair;
  /** True when the offset is on the pair's key. */
  onKey: boolean;
}

/** Finds the innermost node at `offset` (document-relative). */
export function nodeAt(root: unknown, offset: number): NodeAtOffset | undefined {
  const path: PathSeg[] = [];
  let cur = root as YNode;
  let pair: Pair | undefined;
  let onKey = false;
  const inside = (n: unknown) => {
    const r = nodeRange(n);
    return !!r && offset >= r[0] && offset <= r[1];
  };
  if (!inside(cur)) return undefined;
  for (let guard = 0; guard < 10000; guard++) {
    const m = asMap(cur);
    const s = asSeq(cur);
    let next: YNode;
    if (m) {
      for (const it of m.items) {
        if (!isPair(it)) continue;
        if (inside(it.key)) {
          const k = keyText(it);
          if (k === undefined) return { path, node: cur, pair, onKey };
          path.push(k);
          return { path, node: it.value as YNode, pair: it, onKey: true };
        }
        if (inside(it.value)) {
          const k = keyText(it);
          if (k === undefined) break;
          path.push(k);
          pair = it;
          onKey = false;
          next = it.value as YNode;
          break;
        }
      }
    } else if (s) {
      s.items.forEach((it, i) => {
        if (next === undefined && inside(it)) {
          path.push(i);
          next = it as YNode;
        }
      });
    }
    if (next === undefined || next === null) return { path, node: cur, pair, onKey };
    cur = next;
  }
  return { path, node: cur, pair, onKey };
}
