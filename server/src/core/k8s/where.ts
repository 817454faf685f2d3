// Where to put a finding: on the key of a path whose value is a mapping or list (one line, not the whole block).
import { isCollection } from 'yaml';
import type { Resource } from '../model';
import { getIn, getPairIn, nodeRange, type PathSeg } from '../nodes';

/** `{ path, node }` for RuleContext.report: the key node when the value is a block, else the value (via path). */
export function at(r: Resource, path: readonly PathSeg[]): { path: readonly PathSeg[]; node?: unknown } {
  const v = getIn(r.root, path);
  if (v !== undefined && v !== null && !isCollection(v)) return { path };
  const key = getPairIn(r.root, path)?.key;
  return nodeRange(key) ? { path, node: key } : { path };
}

/**
 * Whether a YAML syntax error sits inside the sequence item at `path` or right after it (before the next
 * item): then the item was cut short by the parser (e.g. a `...` placeholder) and what it lacks is not a finding.
 */
export function truncatedBySyntaxError(r: Resource, path: readonly PathSeg[]): boolean {
  const errors = r.doc.problems.filter((p) => p.severity === 'error');
  if (!errors.length) return false;
  const item = nodeRange(getIn(r.root, path));
  if (!item) return false;
  const last = path[path.length - 1];
  const next = typeof last === 'number' ? nodeRange(getIn(r.root, [...path.slice(0, -1), last + 1])) : undefined;
  const end = next ? next[0] : r.doc.text.length;
  return errors.some((p) => p.start >= item[0] && p.start < end);
}
