// Container port names are IANA_SVC_NAMEs (<= 15 chars, [a-z0-9-], a letter, no edge or double '-'), unique per container.
import { arr, containersOf, isObj, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import { ianaSvcNameErrors } from '../k8s/validation';
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
      const seen = new Map<string, number>();
      arr(ref.c.ports).forEach((p, i) => {
        if (!isObj(p) || typeof p.name !== 'string' || p.name === '') return;
        const path = [...ref.path, 'ports', i, 'name'];
        const errs = ianaSvcNameErrors(p.name);
        if (errs.length) ctx.report(r, { path, message: `port name '${p.name}' is invalid: ${errs.join('; ')}.` });
        const first = seen.get(p.name);
        if (first !== undefined) ctx.report(r, { path, message: `port name '${p.name}' is used twice in container '${ref.c.name}' (also ports[${first}]).` });
        else seen.set(p.name, i);
      });
    }
  },
};
