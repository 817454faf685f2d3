// Without serviceName pods get no stable per-pod DNS name; before v1.33 the field was required.
import { isPatch, isCoreApi } from '../k8s/pod';
import { at } from '../k8s/where';
import { addKey } from '../k8s/edit';
import type { DocRule } from '../rule';

export const serviceNameEmpty: DocRule = {
  code: 'service-name-empty',
  severity: 'warning',
  description: 'spec.serviceName is missing or empty: pods get no per-pod DNS records (required before v1.33).',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    if (isPatch(r)) return;
    const spec = r.value?.spec;
    if (!spec || typeof spec !== 'object') return;
    const v = spec.serviceName;
    if (v !== undefined && v !== null && v !== '') return;
    const name = r.name;
    const add = v === undefined && name ? addKey(r, ['spec'], 'serviceName', name) : undefined;
    const required = ctx.minor < 33 && v == null;
    ctx.report(r, {
      ...at(r, v === undefined ? ['spec'] : ['spec', 'serviceName']),
      severity: required ? 'error' : undefined,
      message: required
        ? `spec.serviceName is required before Kubernetes v1.33 (target is 1.${ctx.minor}); it names the headless Service that gives pods stable DNS names.`
        : 'serviceName is not set: pods get no stable per-pod DNS names (<pod>.<service>.<namespace>.svc). Set it to a headless Service.',
      fixes: add ? [{ title: `Set serviceName: ${name} (a headless Service of that name is needed)`, edits: [add] }] : undefined,
    });
  },
};
