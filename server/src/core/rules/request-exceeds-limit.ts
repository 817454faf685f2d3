// A container's request for a resource must not exceed its limit for that resource.
import { containersOf, isObj, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import { compareQuantities } from '../k8s/quantity';
import type { DocRule } from '../rule';

export const requestExceedsLimit: DocRule = {
  code: 'request-exceeds-limit',
  severity: 'error',
  description: 'A container request is greater than its limit.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    for (const ref of containersOf(r)) {
      const req = ref.c.resources?.requests;
      const lim = ref.c.resources?.limits;
      if (!isObj(req) || !isObj(lim)) continue;
      for (const k of Object.keys(req)) {
        if (!(k in lim) || compareQuantities(req[k], lim[k]) !== 1) continue;
        ctx.report(r, {
          path: [...ref.path, 'resources', 'requests', k],
          message: `requests.${k} ${req[k]} must be less than or equal to limits.${k} ${lim[k]}.`,
          related: [{ uri: r.uri, ...ctx.spanOf(r, [...ref.path, 'resources', 'limits', k]), message: 'the limit' }],
        });
      }
    }
  },
};
