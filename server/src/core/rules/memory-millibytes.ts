// `512m` memory means 0.512 bytes, not 512 MiB: accepted by the API server but almost always a typo for 512Mi.
import { replaceAt } from '../k8s/edit';
import { containersOf, isObj, isCoreApi, POD_KINDS } from '../k8s/pod';
import { claimSpecsOf } from '../k8s/pod';
import { parseQuantity } from '../k8s/quantity';
import type { DocRule } from '../rule';

export const memoryMillibytes: DocRule = {
  code: 'memory-millibytes',
  severity: 'warning',
  description: "A memory or storage quantity uses the milli suffix 'm' (fractions of a byte).",
  kinds: [...POD_KINDS, 'PersistentVolumeClaim'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const targets: { v: unknown; path: (string | number)[]; what: string }[] = [];
    for (const ref of containersOf(r)) {
      for (const kind of ['requests', 'limits']) {
        const m = ref.c.resources?.[kind];
        if (!isObj(m)) continue;
        for (const k of ['memory', 'ephemeral-storage']) if (k in m) targets.push({ v: m[k], path: [...ref.path, 'resources', kind, k], what: `${kind}.${k}` });
      }
    }
    for (const c of claimSpecsOf(r)) {
      const s = c.spec.resources?.requests?.storage;
      if (s != null) targets.push({ v: s, path: [...c.path, 'resources', 'requests', 'storage'], what: 'storage request' });
    }
    for (const t of targets) {
      const q = parseQuantity(t.v);
      if (!q || q.suffix !== 'm') continue;
      const fixed = String(t.v).replace(/m$/, 'Mi');
      const e = replaceAt(r, t.path, fixed);
      ctx.report(r, {
        path: t.path,
        message: `${t.what} '${t.v}' is ${q.value} bytes ('m' means milli, 1/1000): did you mean ${fixed}?`,
        fixes: e ? [{ title: `Change to ${fixed}`, edits: [e], isPreferred: true }] : undefined,
      });
    }
  },
};
