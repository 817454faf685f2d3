// Pod volume names are DNS-1123 labels, unique within the pod.
import { arr, firstIndexWith, podSpecOf, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import { dns1123LabelErrors, isDns1123Label } from '../k8s/validation';
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
    const volumes = arr(ps.spec.volumes);
    for (let i = 0; i < volumes.length; i++) {
      const name = volumes[i]?.name;
      if (typeof name !== 'string') continue;
      const valid = name !== '' && isDns1123Label(name);
      const first = firstIndexWith(volumes, 'name', name, i);
      if (valid && first < 0) continue;
      const path = [...ps.path, 'volumes', i, 'name'];
      if (!valid) ctx.report(r, { path, message: `volume name '${name}' must be a DNS-1123 label: ${(name === '' ? ['must not be empty'] : dns1123LabelErrors(name)).join('; ')}.` });
      if (first >= 0) ctx.report(r, { path, message: `volume name '${name}' is used twice (also volumes[${first}]).` });
    }
  },
};
