// metadata.name syntax by kind: StatefulSet DNS-1123 label, Service RFC 1035 label (RFC 1123 from v1.36),
// PVC / PV / ConfigMap DNS-1123 subdomain.
import { isCoreApi } from '../k8s/pod';
import { dns1123LabelErrors, dns1123SubdomainErrors, rfc1035LabelErrors } from '../k8s/validation';
import type { DocRule } from '../rule';

export const invalidName: DocRule = {
  code: 'invalid-name',
  severity: 'error',
  description: 'metadata.name does not have the syntax the API server requires for this kind.',
  kinds: ['StatefulSet', 'Service', 'PersistentVolumeClaim', 'PersistentVolume', 'ConfigMap'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const name = r.value?.metadata?.name;
    if (typeof name !== 'string' || name === '') return;
    // What the syntax is called is built only for a name that breaks it.
    const service = r.kind === 'Service';
    const errs = r.kind === 'StatefulSet' || (service && ctx.minor >= 36) ? dns1123LabelErrors(name)
      : service ? rfc1035LabelErrors(name)
      : dns1123SubdomainErrors(name);
    if (!errs.length) return;
    const what = r.kind === 'StatefulSet' ? 'a DNS-1123 label'
      : service ? (ctx.minor >= 36 ? 'a DNS-1123 label (v1.36+)' : `an RFC 1035 label up to v1.35 (target 1.${ctx.minor})`)
      : 'a DNS-1123 subdomain';
    ctx.report(r, { path: ['metadata', 'name'], message: `${r.kind} name '${name}' must be ${what}: ${errs.join('; ')}.` });
  },
};
