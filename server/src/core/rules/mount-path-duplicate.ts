// Two mounts of one container at the same path are rejected ("must be unique").
import { arr, containersOf, firstIndexWith, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
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
      const mounts = arr(ref.c.volumeMounts);
      for (let i = 0; i < mounts.length; i++) {
        const p = mounts[i]?.mountPath;
        if (typeof p !== 'string' || p === '') continue;
        const first = firstIndexWith(mounts, 'mountPath', p, i);
        if (first >= 0) ctx.report(r, { path: [...ref.path, 'volumeMounts', i, 'mountPath'], message: `mountPath '${p}' is used twice in container '${ref.c.name}' (also volumeMounts[${first}]).` });
      }
    }
  },
};
