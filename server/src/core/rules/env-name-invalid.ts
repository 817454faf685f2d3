// Env var names: before v1.32 a C-identifier-like `[-._a-zA-Z][-._a-zA-Z0-9]*`; from v1.32
// (RelaxedEnvironmentVariableValidation on by default) any printable ASCII except '='.
import { arr, containersOf, isObj, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import type { DocRule } from '../rule';

const STRICT = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const RELAXED = /^[\x20-\x3c\x3e-\x7e]+$/;

export const envNameInvalid: DocRule = {
  code: 'env-name-invalid',
  severity: 'error',
  description: 'An env var name is empty or has characters the target Kubernetes version rejects.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    const relaxed = ctx.minor >= 32;
    for (const ref of containersOf(r)) {
      const env = arr(ref.c.env);
      for (let i = 0; i < env.length; i++) {
        const e = env[i];
        if (!isObj(e) || typeof e.name !== 'string') continue;
        const n = e.name;
        const ok = n !== '' && (relaxed ? RELAXED.test(n) : STRICT.test(n));
        if (ok) continue;
        const why = n === '' ? 'must not be empty'
          : relaxed ? "must consist of printable ASCII characters other than '='"
          : `must match [-._a-zA-Z][-._a-zA-Z0-9]* before Kubernetes v1.32 (target 1.${ctx.minor})`;
        ctx.report(r, { path: [...ref.path, 'env', i, 'name'], message: `env name '${n}' ${why}.` });
      }
    }
  },
};
