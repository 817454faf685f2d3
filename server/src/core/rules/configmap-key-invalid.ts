// ConfigMap data / binaryData keys become file names: [-._a-zA-Z0-9]+, at most 253, not '.' or '..'.
import { isObj, isCoreApi } from '../k8s/pod';
import { getPairIn, nodeRange } from '../nodes';
import { configMapKeyErrors } from '../k8s/validation';
import type { DocRule } from '../rule';

/** The key node of data.<k> (the key is what is wrong, not the value). */
const keyNode = (root: unknown, field: string, k: string) => {
  const p = getPairIn(root, [field, k]);
  return nodeRange(p?.key) ? p!.key : undefined;
};

export const configMapKeyInvalid: DocRule = {
  code: 'configmap-key-invalid',
  severity: 'error',
  description: "ConfigMap keys must consist of alphanumerics, '-', '_' or '.' (at most 253).",
  kinds: ['ConfigMap'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    for (const field of ['data', 'binaryData']) {
      const m = r.value?.[field];
      if (!isObj(m)) continue;
      for (const k of Object.keys(m)) {
        const errs = configMapKeyErrors(k);
        if (errs.length) ctx.report(r, { node: keyNode(r.root, field, k), path: [field, k], message: `ConfigMap key '${k}' is invalid: ${errs.join('; ')}.` });
      }
    }
  },
};
