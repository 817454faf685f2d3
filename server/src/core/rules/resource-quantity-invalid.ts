// Container requests / limits must be valid, non-negative quantities (`1GB`, `10 Gi`, `1gi` are rejected).
import { replaceAt } from '../k8s/edit';
import { containersOf, isObj, isCoreApi, templateContext, POD_KINDS, RESOURCE_LISTS } from '../k8s/pod';
import { parseQuantity, quantityError, suggestQuantity } from '../k8s/quantity';
import type { DocRule } from '../rule';

export const resourceQuantityInvalid: DocRule = {
  code: 'resource-quantity-invalid',
  severity: 'error',
  description: 'A container request or limit is not a valid non-negative quantity.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    for (const ref of containersOf(r)) {
      for (const kind of RESOURCE_LISTS) {
        const m = ref.c.resources?.[kind];
        if (!isObj(m)) continue;
        for (const k of Object.keys(m)) {
          const v = m[k];
          if (v == null || (typeof v !== 'string' && typeof v !== 'number')) continue; // type: schema
          const q = parseQuantity(v);
          const negative = q !== undefined && q.value < 0;
          if (q && !negative) continue; // paths and messages only for a finding
          const path = [...ref.path, 'resources', kind, k];
          if (!q) {
            const s = typeof v === 'string' ? suggestQuantity(v) : undefined;
            const e = s ? replaceAt(r, path, s) : undefined;
            ctx.report(r, { path, message: `${kind}.${k}: ${quantityError(v)}.`, fixes: e ? [{ title: `Change to ${s}`, edits: [e], isPreferred: true }] : undefined });
          } else ctx.report(r, { path, message: `${kind}.${k} must be greater than or equal to 0 (is ${v}).` });
        }
      }
    }
  },
};
