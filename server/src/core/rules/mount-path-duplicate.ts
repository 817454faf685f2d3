// Two mounts of one container at the same path are rejected ("must be unique").
import { arr, containersOf, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import type { DocRule } from '../rule';

export const mountPathDuplicate: DocRule = {
  code: 'mount-path-duplicate',
  severity: 'error',
  description: 'A container mounts two volumes at the same mountPath.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    for (const ref of containersOf(r)) {
      const seen = new Map<string, number>();
      arr(ref.c.volumeMounts).forEach((m, i) => {
        const p = m?.mountPath;
        if (typeof p !== 'string' || p === '') return;
        const first = seen.get(p);
        if (first === undefined) seen.set(p, i);
        else ctx.report(r, { path: [...ref.path, 'volumeMounts', i, 'mountPath'], message: `mountPath '${p}' is used twice in container '${ref.c.name}' (also volumeMounts[${first}]).` });
      });
    }
  },
};
