// A `local` PersistentVolume lives on one node, so the API server requires nodeAffinity to say which.
import { at } from '../k8s/where';
import { isObj, isCoreApi } from '../k8s/pod';
import type { DocRule } from '../rule';

export const pvLocalNodeAffinity: DocRule = {
  code: 'pv-local-node-affinity',
  severity: 'error',
  description: 'A local PersistentVolume must set spec.nodeAffinity.',
  kinds: ['PersistentVolume'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const spec = r.value?.spec;
    if (!isObj(spec) || spec.local == null) return;
    if (!isObj(spec.nodeAffinity) || !isObj(spec.nodeAffinity.required)) {
      ctx.report(r, { ...at(r, ['spec', 'local']), message: 'local volumes require spec.nodeAffinity.required (the node that holds the disk).' });
    }
  },
};
