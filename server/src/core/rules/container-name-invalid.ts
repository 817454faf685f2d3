// Container names must be DNS-1123 labels (they appear in logs, metrics and `kubectl exec -c`).
import { containersOf, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import { dns1123LabelErrors } from '../k8s/validation';
import type { DocRule } from '../rule';

export const containerNameInvalid: DocRule = {
  code: 'container-name-invalid',
  severity: 'error',
  description: 'A container name is missing or not a DNS-1123 label.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    for (const ref of containersOf(r)) {
      const name = ref.c.name;
      if (typeof name !== 'string') continue; // missing / non-string: schema findings
      const errs = name === '' ? ['must not be empty'] : dns1123LabelErrors(name);
      if (errs.length) ctx.report(r, { path: [...ref.path, 'name'], message: `container name '${name}' must be a DNS-1123 label: ${errs.join('; ')}.` });
    }
  },
};
