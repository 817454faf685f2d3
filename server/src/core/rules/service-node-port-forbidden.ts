// nodePort only exists for NodePort and LoadBalancer Services; with ClusterIP (the default) it is rejected.
import { deleteKey } from '../k8s/edit';
import { arr, isObj, isCoreApi } from '../k8s/pod';
import type { DocRule } from '../rule';

export const serviceNodePortForbidden: DocRule = {
  code: 'service-node-port-forbidden',
  severity: 'error',
  description: "ports[].nodePort may not be used when type is 'ClusterIP'.",
  kinds: ['Service'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const type = r.value?.spec?.type ?? 'ClusterIP';
    if (type !== 'ClusterIP') return;
    const ports = arr(r.value?.spec?.ports);
    for (let i = 0; i < ports.length; i++) {
      const p = ports[i];
      if (!isObj(p) || p.nodePort == null || p.nodePort === 0) continue;
      const path = ['spec', 'ports', i, 'nodePort'];
      const e = deleteKey(r, path);
      ctx.report(r, { path, message: "nodePort may not be used when type is 'ClusterIP': set type NodePort or remove it.", fixes: e ? [{ title: 'Remove nodePort', edits: [e] }] : undefined });
    }
  },
};
