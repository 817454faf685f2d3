// Only a headless Service (clusterIP None) or an ExternalName Service may omit ports; others are rejected.
import { isCoreApi } from '../k8s/pod';
import { at } from '../k8s/where';
import type { DocRule } from '../rule';

export const servicePortsMissing: DocRule = {
  code: 'service-ports-missing',
  severity: 'error',
  description: 'A Service with a cluster IP must declare at least one port.',
  kinds: ['Service'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const spec = r.value?.spec;
    if (!spec || typeof spec !== 'object') return;
    if (spec.clusterIP === 'None' || spec.type === 'ExternalName') return;
    if (Array.isArray(spec.ports) && spec.ports.length > 0) return;
    ctx.report(r, {
      ...at(r, 'ports' in spec ? ['spec', 'ports'] : ['spec']),
      message: "Service needs at least one port (spec.ports); only a headless Service (clusterIP: None) may have none.",
    });
  },
};
