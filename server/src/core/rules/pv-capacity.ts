// A PersistentVolume's capacity must hold exactly the storage size, a quantity > 0.
import { at } from '../k8s/where';
import { isObj, isCoreApi } from '../k8s/pod';
import { parseQuantity, quantityError } from '../k8s/quantity';
import type { DocRule } from '../rule';

export const pvCapacity: DocRule = {
  code: 'pv-capacity',
  severity: 'error',
  description: 'PersistentVolume spec.capacity must contain only storage, a quantity > 0.',
  kinds: ['PersistentVolume'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const spec = r.value?.spec;
    if (!isObj(spec)) return;
    const cap = spec.capacity;
    if (!isObj(cap) || !('storage' in cap)) {
      ctx.report(r, { ...at(r, isObj(cap) ? ['spec', 'capacity'] : ['spec']), message: 'PersistentVolume needs spec.capacity.storage (its size).' });
    }
    if (!isObj(cap)) return;
    for (const k of Object.keys(cap)) {
      if (k !== 'storage') ctx.report(r, { path: ['spec', 'capacity', k], message: `capacity '${k}' is not supported: a PersistentVolume capacity has only 'storage'.` });
    }
    if (cap.storage == null) return;
    const q = parseQuantity(cap.storage);
    if (!q) ctx.report(r, { path: ['spec', 'capacity', 'storage'], message: `capacity ${quantityError(cap.storage)}.` });
    else if (q.value <= 0) ctx.report(r, { path: ['spec', 'capacity', 'storage'], message: `capacity must be greater than zero (is ${cap.storage}).` });
  },
};
