// A headless Service has no cluster IP to expose, so type NodePort or LoadBalancer with clusterIP None is rejected.
import { isCoreApi } from '../k8s/pod';
import type { DocRule } from '../rule';

export const serviceHeadlessType: DocRule = {
  code: 'service-headless-type',
  severity: 'error',
  description: 'clusterIP None is only valid with type ClusterIP.',
  kinds: ['Service'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const spec = r.value?.spec;
    if (spec?.clusterIP !== 'None' || (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer')) return;
    ctx.report(r, { path: ['spec', 'type'], message: `clusterIP None (headless) may not be used with type ${spec.type}: use a separate Service for external access.` });
  },
};
