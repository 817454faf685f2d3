// A headless Service has no cluster IP to expose, so type NodePort or LoadBalancer with clusterIP None is rejected.
import { deleteKey, replaceAt } from '../k8s/edit';
import { arr, isCoreApi, isObj } from '../k8s/pod';
import type { DocRule } from '../rule';
import type { TextEdit } from '../types';

export const serviceHeadlessType: DocRule = {
  code: 'service-headless-type',
  severity: 'error',
  description: 'clusterIP None is only valid with type ClusterIP.',
  kinds: ['Service'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const spec = r.value?.spec;
    if (spec?.clusterIP !== 'None' || (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer')) return;
    // Headless and ClusterIP, with the nodePorts ClusterIP forbids removed (when each can be).
    const edits = [replaceAt(r, ['spec', 'type'], 'ClusterIP')];
    arr(spec.ports).forEach((p, i) => {
      if (isObj(p) && p.nodePort != null) edits.push(deleteKey(r, ['spec', 'ports', i, 'nodePort']));
    });
    const made = edits.filter((e): e is TextEdit => e !== undefined);
    ctx.report(r, {
      path: ['spec', 'type'],
      message: `clusterIP None (headless) may not be used with type ${spec.type}: use a separate Service for external access.`,
      fixes: made.length === edits.length ? [{ title: 'Use type ClusterIP (expose the pods with a second Service)', edits: made }] : undefined,
    });
  },
};
