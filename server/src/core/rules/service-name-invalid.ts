// spec.serviceName becomes part of every pod's DNS name, so the API server requires a DNS-1123 label.
import { isCoreApi } from '../k8s/pod';
import { dns1123LabelErrors } from '../k8s/validation';
import type { DocRule } from '../rule';

export const serviceNameInvalid: DocRule = {
  code: 'service-name-invalid',
  severity: 'error',
  description: 'spec.serviceName must be a DNS-1123 label.',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const v = r.value?.spec?.serviceName;
    if (typeof v !== 'string' || v === '') return;
    const errs = dns1123LabelErrors(v);
    if (errs.length) ctx.report(r, { path: ['spec', 'serviceName'], message: `serviceName '${v}' is not a valid DNS-1123 label: ${errs.join('; ')}.` });
  },
};
