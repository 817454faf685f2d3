// A PVC (or claim template) must request storage: resources.requests.storage, a valid quantity > 0.
import { replaceAt } from '../k8s/edit';
import { claimSpecsOf, isCoreApi, templateContext, type ClaimSpecRef } from '../k8s/pod';
import type { PathSeg } from '../nodes';
import { parseQuantity, quantityError, suggestQuantity } from '../k8s/quantity';
import type { DocRule } from '../rule';

/** Where a claim spec's storage request is (built only for a finding). */
const storagePath = (c: ClaimSpecRef): PathSeg[] => [...c.path, 'resources', 'requests', 'storage'];

export const storageRequest: DocRule = {
  code: 'storage-request',
  severity: 'error',
  description: 'resources.requests.storage of a PVC or claim template is required and must be a quantity > 0.',
  kinds: ['StatefulSet', 'PersistentVolumeClaim'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'claim');
    for (const c of claimSpecsOf(r)) {
      const req = c.spec.resources?.requests;
      const v = req && typeof req === 'object' ? req.storage : undefined;
      if (v == null) {
        ctx.report(r, { path: storagePath(c), message: `${c.what} must request storage: resources.requests.storage is required (e.g. 1Gi).` });
        continue;
      }
      const q = parseQuantity(v);
      if (!q) {
        const path = storagePath(c);
        const s = typeof v === 'string' ? suggestQuantity(v) : undefined;
        const e = s ? replaceAt(r, path, s) : undefined;
        ctx.report(r, { path, message: `storage request ${quantityError(v)}.`, fixes: e ? [{ title: `Change to ${s}`, edits: [e], isPreferred: true }] : undefined });
      } else if (q.value <= 0) ctx.report(r, { path: storagePath(c), message: `storage request must be greater than zero (is ${v}).` });
    }
  },
};
