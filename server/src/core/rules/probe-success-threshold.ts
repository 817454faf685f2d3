// Liveness and startup probes must have successThreshold 1 (only readiness may require more successes).
import { replaceAt } from '../k8s/edit';
import { containersOf, isObj, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import type { DocRule } from '../rule';

export const probeSuccessThreshold: DocRule = {
  code: 'probe-success-threshold',
  severity: 'error',
  description: 'livenessProbe / startupProbe successThreshold must be 1.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    for (const ref of containersOf(r)) {
      for (const p of ['livenessProbe', 'startupProbe']) {
        const t = ref.c[p]?.successThreshold;
        if (!isObj(ref.c[p]) || typeof t !== 'number' || t === 1) continue;
        const path = [...ref.path, p, 'successThreshold'];
        const e = replaceAt(r, path, '1');
        ctx.report(r, { path, message: `${p}.successThreshold must be 1 (is ${t}).`, fixes: e ? [{ title: 'Change to 1', edits: [e], isPreferred: true }] : undefined });
      }
    }
  },
};
