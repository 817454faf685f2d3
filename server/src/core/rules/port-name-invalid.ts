// Container port names are IANA_SVC_NAMEs (<= 15 chars, [a-z0-9-], a letter, no edge or double '-'), unique per container.
import { arr, containersOf, firstIndexWith, isObj, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import { ianaSvcNameErrors, isIanaSvcName } from '../k8s/validation';
import type { DocRule } from '../rule';

export const portNameInvalid: DocRule = {
  code: 'port-name-invalid',
  severity: 'error',
  description: 'A container port name is not a valid IANA_SVC_NAME (15 characters at most) or is used twice in one container.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    for (const ref of containersOf(r)) {
      const ports = arr(ref.c.ports);
      for (let i = 0; i < ports.length; i++) {
        const p = ports[i];
        if (!isObj(p) || typeof p.name !== 'string' || p.name === '') continue;
        const valid = isIanaSvcName(p.name);
        const first = firstIndexWith(ports, 'name', p.name, i);
        if (valid && first < 0) continue;
        const path = [...ref.path, 'ports', i, 'name'];
        if (!valid) ctx.report(r, { path, message: `port name '${p.name}' is invalid: ${ianaSvcNameErrors(p.name).join('; ')}.` });
        if (first >= 0) ctx.report(r, { path, message: `port name '${p.name}' is used twice in container '${ref.c.name}' (also ports[${first}]).` });
      }
    }
  },
};
