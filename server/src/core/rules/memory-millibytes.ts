// `512m` memory means 0.512 bytes, not 512 MiB: accepted by the API server but almost always a typo for 512Mi.
import { replaceAt } from '../k8s/edit';
import { containersOf, isObj, isCoreApi, POD_KINDS, RESOURCE_LISTS } from '../k8s/pod';
import { claimSpecsOf } from '../k8s/pod';
import { parseQuantity, type Quantity } from '../k8s/quantity';
import type { Resource } from '../model';
import type { PathSeg } from '../nodes';
import type { DocRule, RuleContext } from '../rule';

const BYTE_RESOURCES = ['memory', 'ephemeral-storage'] as const;

export const memoryMillibytes: DocRule = {
  code: 'memory-millibytes',
  severity: 'warning',
  description: "A memory or storage quantity uses the milli suffix 'm' (fractions of a byte).",
  kinds: [...POD_KINDS, 'PersistentVolumeClaim'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    // Paths and messages are built only for a quantity that is reported.
    for (const ref of containersOf(r)) {
      for (const kind of RESOURCE_LISTS) {
        const m = ref.c.resources?.[kind];
        if (!isObj(m)) continue;
        for (const k of BYTE_RESOURCES) {
          const q = k in m ? millibytes(m[k]) : undefined;
          if (q) report(r, ctx, m[k], q, [...ref.path, 'resources', kind, k], `${kind}.${k}`);
        }
      }
    }
    for (const c of claimSpecsOf(r)) {
      const s = c.spec.resources?.requests?.storage;
      const q = s != null ? millibytes(s) : undefined;
      if (q) report(r, ctx, s, q, [...c.path, 'resources', 'requests', 'storage'], 'storage request');
    }
  },
};

/** The quantity `v` when it has the milli suffix. */
function millibytes(v: unknown): Quantity | undefined {
  // Only a string ending in 'm' can: the cheap test first, then the parse (is it a quantity at all?).
  if (typeof v !== 'string' || !v.endsWith('m')) return undefined;
  const q = parseQuantity(v);
  return q && q.suffix === 'm' ? q : undefined;
}

function report(r: Resource, ctx: RuleContext, v: string, q: Quantity, path: PathSeg[], what: string): void {
  const fixed = v.replace(/m$/, 'Mi');
  const e = replaceAt(r, path, fixed);
  ctx.report(r, {
    path,
    message: `${what} '${v}' is ${q.value} bytes ('m' means milli, 1/1000): did you mean ${fixed}?`,
    fixes: e ? [{ title: `Change to ${fixed}`, edits: [e], isPreferred: true }] : undefined,
  });
}
