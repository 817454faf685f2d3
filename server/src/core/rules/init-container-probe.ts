// Regular init containers run to completion, so probes are forbidden; only sidecars (restartPolicy Always) may have them.
import { at } from '../k8s/where';
import { deleteKey } from '../k8s/edit';
import { containersOf, isSidecar, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import type { DocRule } from '../rule';

export const initContainerProbe: DocRule = {
  code: 'init-container-probe',
  severity: 'error',
  description: 'An init container without restartPolicy Always has a probe.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    for (const ref of containersOf(r)) {
      if (ref.list !== 'initContainers' || isSidecar(ref)) continue;
      for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (ref.c[p] == null) continue;
        const path = [...ref.path, p];
        const e = deleteKey(r, path);
        ctx.report(r, {
          ...at(r, path),
          message: `init container '${ref.c.name}' may not have a ${p} unless it is a sidecar (restartPolicy: Always).`,
          fixes: e ? [{ title: `Remove ${p}`, edits: [e] }] : undefined,
        });
      }
    }
  },
};
