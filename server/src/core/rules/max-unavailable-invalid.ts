// rollingUpdate.maxUnavailable must be a positive int or a percent in (0%, 100%] (validated from v1.35,
// where the MaxUnavailableStatefulSet gate is on by default; earlier the field is dropped).
import { readMaxUnavailable } from '../k8s/lifecycle';
import { isCoreApi } from '../k8s/pod';
import type { DocRule } from '../rule';

export const maxUnavailableInvalid: DocRule = {
  code: 'max-unavailable-invalid',
  severity: 'error',
  description: 'rollingUpdate.maxUnavailable must be > 0 or a percent between 1% and 100% (v1.35+) (dropped before v1.35).',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const ru = r.value?.spec?.updateStrategy?.rollingUpdate;
    if (!ru || typeof ru !== 'object' || !('maxUnavailable' in ru) || ru.maxUnavailable == null) return;
    // Before v1.35 the field is dropped (feature gate off by default): nothing to validate.
    if (ctx.minor < 35) return;
    const { problem } = readMaxUnavailable(ru.maxUnavailable);
    if (problem) ctx.report(r, { path: ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'], message: problem });
  },
};
