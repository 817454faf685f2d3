// matchExpressions entries need values for In/NotIn and none for Exists/DoesNotExist; the API server rejects others.
import { arr, isObj, isCoreApi } from '../k8s/pod';
import { requirementErrors } from '../k8s/selector';
import { labelKeyErrors, labelValueErrors } from '../k8s/validation';
import type { DocRule } from '../rule';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export const selectorExpressionInvalid: DocRule = {
  code: 'selector-expression-invalid',
  severity: 'error',
  description: 'A selector matchExpression has values that do not fit its operator, or an invalid label key or value.',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    arr(r.value?.spec?.selector?.matchExpressions).forEach((req, i) => {
      if (!isObj(req) || !OPERATORS.includes(req.operator)) return; // unknown operators are an enum (schema) finding
      for (const e of requirementErrors(req)) {
        ctx.report(r, { path: ['spec', 'selector', 'matchExpressions', i, 'values' in req ? 'values' : 'operator'], message: `matchExpressions[${i}] (key '${req.key}'): ${e}.` });
      }
      // Keys and values follow the label syntax, as in matchLabels.
      if (typeof req.key === 'string') {
        const ke = labelKeyErrors(req.key);
        if (ke.length) ctx.report(r, { path: ['spec', 'selector', 'matchExpressions', i, 'key'], message: `matchExpressions key '${req.key}' is not a valid label key: ${ke.join('; ')}.` });
      }
      arr(req.values).forEach((v, j) => {
        const ve = typeof v === 'string' ? labelValueErrors(v) : [];
        if (ve.length) ctx.report(r, { path: ['spec', 'selector', 'matchExpressions', i, 'values', j], message: `matchExpressions value '${v}' is not a valid label value: ${ve.join('; ')}.` });
      });
    });
  },
};
