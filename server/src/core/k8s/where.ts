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
