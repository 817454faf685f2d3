// A StatefulSet selector with no matchLabels and no matchExpressions is rejected ("empty selector is invalid for StatefulSet").
import { isCoreApi } from '../k8s/pod';
import { at } from '../k8s/where';
import { isEmptySelector } from '../k8s/selector';
import type { DocRule } from '../rule';

export const selectorEmpty: DocRule = {
  code: 'selector-empty',
  severity: 'error',
  description: 'spec.selector must have at least one matchLabels entry or matchExpression.',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const spec = r.value?.spec;
    // A missing selector is the schema's missing-required finding; only a present but empty one is ours.
    if (!spec || typeof spec !== 'object' || !('selector' in spec)) return;
    if (isEmptySelector(spec.selector)) {
      ctx.report(r, { ...at(r, ['spec', 'selector']), message: 'spec.selector is empty: a StatefulSet must select its pods with matchLabels or matchExpressions.' });
    }
  },
};
