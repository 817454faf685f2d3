// subPath must be a relative path that does not climb out of the volume with '..'.
import { arr, containersOf, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import type { DocRule } from '../rule';

export const subPathInvalid: DocRule = {
  code: 'sub-path-invalid',
  severity: 'error',
  description: "volumeMount subPath must be relative and must not contain '..'.",
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    for (const ref of containersOf(r)) {
      arr(ref.c.volumeMounts).forEach((m, i) => {
        const p = m?.subPath;
        if (typeof p !== 'string' || p === '') return;
        const path = [...ref.path, 'volumeMounts', i, 'subPath'];
        if (p.startsWith('/')) ctx.report(r, { path, message: `subPath '${p}' must be a relative path.` });
        else if (p.split('/').includes('..')) ctx.report(r, { path, message: `subPath '${p}' must not contain '..'.` });
      });
    }
  },
};
