// The StatefulSet controller sets each pod's hostname (pod name) and subdomain (serviceName), so template values are lost.
import { isCoreApi } from '../k8s/pod';
import type { DocRule } from '../rule';

export const templateHostnameIgnored: DocRule = {
  code: 'template-hostname-ignored',
  severity: 'info',
  description: 'Pod template hostname / subdomain are overwritten by the StatefulSet controller.',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const ps = r.value?.spec?.template?.spec;
    if (!ps || typeof ps !== 'object') return;
    if (ps.hostname != null) ctx.report(r, { path: ['spec', 'template', 'spec', 'hostname'], tags: ['unnecessary'], message: 'hostname is overwritten: each pod gets its pod name (<set>-<ordinal>) as hostname.' });
    if (ps.subdomain != null) ctx.report(r, { path: ['spec', 'template', 'spec', 'subdomain'], tags: ['unnecessary'], message: 'subdomain is overwritten with spec.serviceName.' });
  },
};
