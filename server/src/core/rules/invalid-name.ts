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
    let errs: string[];
    let what: string;
    if (r.kind === 'StatefulSet') [errs, what] = [dns1123LabelErrors(name), 'a DNS-1123 label'];
    else if (r.kind === 'Service') {
      [errs, what] = ctx.minor >= 36 ? [dns1123LabelErrors(name), 'a DNS-1123 label (v1.36+)'] : [rfc1035LabelErrors(name), `an RFC 1035 label up to v1.35 (target 1.${ctx.minor})`];
    } else [errs, what] = [dns1123SubdomainErrors(name), 'a DNS-1123 subdomain'];
    if (errs.length) ctx.report(r, { path: ['metadata', 'name'], message: `${r.kind} name '${name}' must be ${what}: ${errs.join('; ')}.` });
  },
};
