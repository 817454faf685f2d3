// Pod volume names are DNS-1123 labels, unique within the pod.
import { arr, podSpecOf, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import { dns1123LabelErrors } from '../k8s/validation';
import type { DocRule } from '../rule';

export const volumeNameInvalid: DocRule = {
  code: 'volume-name-invalid',
  severity: 'error',
  description: 'A pod volume name is not a DNS-1123 label or is used twice.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    const ps = podSpecOf(r);
    if (!ps) return;
    const seen = new Map<string, number>();
    arr(ps.spec.volumes).forEach((v, i) => {
      const name = v?.name;
      if (typeof name !== 'string') return;
      const path = [...ps.path, 'volumes', i, 'name'];
      const errs = name === '' ? ['must not be empty'] : dns1123LabelErrors(name);
      if (errs.length) ctx.report(r, { path, message: `volume name '${name}' must be a DNS-1123 label: ${errs.join('; ')}.` });
      const first = seen.get(name);
      if (first !== undefined) ctx.report(r, { path, message: `volume name '${name}' is used twice (also volumes[${first}]).` });
      else seen.set(name, i);
    });
  },
};
