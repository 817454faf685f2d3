// The StatefulSet controller sets each pod's hostname (pod name) and subdomain (serviceName), so template values are lost.
import { deleteKey } from '../k8s/edit';
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
    for (const [field, message] of [
      ['hostname', 'hostname is overwritten: each pod gets its pod name (<set>-<ordinal>) as hostname.'],
      ['subdomain', 'subdomain is overwritten with spec.serviceName.'],
    ] as const) {
      if (ps[field] == null) continue;
      const path = ['spec', 'template', 'spec', field];
      const e = deleteKey(r, path);
      ctx.report(r, { path, tags: ['unnecessary'], message, fixes: e ? [{ title: `Remove ${field} (the controller sets it)`, edits: [e] }] : undefined });
    }
  },
};
