// storageClassName must be a DNS-1123 subdomain ("" explicitly means no class; omitted means the default class).
import { claimSpecsOf, isObj, isCoreApi, templateContext } from '../k8s/pod';
import { dns1123SubdomainErrors } from '../k8s/validation';
import type { DocRule } from '../rule';

export const storageClassInvalid: DocRule = {
  code: 'storage-class-invalid',
  severity: 'error',
  description: 'storageClassName of a PVC, claim template or PV must be a DNS-1123 subdomain.',
  kinds: ['StatefulSet', 'PersistentVolumeClaim', 'PersistentVolume'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'claim');
    const specs = r.kind === 'PersistentVolume' ? (isObj(r.value?.spec) ? [{ spec: r.value!.spec, path: ['spec'] }] : []) : claimSpecsOf(r);
    for (const c of specs) {
      const v = c.spec.storageClassName;
      if (typeof v !== 'string' || v === '') continue;
      const errs = dns1123SubdomainErrors(v);
      if (errs.length) ctx.report(r, { path: [...c.path, 'storageClassName'], message: `storageClassName '${v}' must be a DNS-1123 subdomain: ${errs.join('; ')}.` });
    }
  },
};
