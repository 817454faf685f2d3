// A key may appear in data or binaryData, not both: the API server rejects the duplicate.
import { getPairIn, nodeRange } from '../nodes';
import { isObj, isCoreApi } from '../k8s/pod';
import type { DocRule } from '../rule';

export const configMapKeyDuplicate: DocRule = {
  code: 'configmap-key-duplicate',
  severity: 'error',
  description: 'A ConfigMap key appears in both data and binaryData.',
  kinds: ['ConfigMap'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const data = r.value?.data;
    const bin = r.value?.binaryData;
    if (!isObj(data) || !isObj(bin)) return;
    for (const k of Object.keys(bin)) {
      if (!(k in data)) continue;
      const p = getPairIn(r.root, ['binaryData', k]);
      ctx.report(r, {
        node: nodeRange(p?.key) ? p!.key : undefined,
        path: ['binaryData', k],
        message: `key '${k}' is in both data and binaryData: each key may appear only once.`,
        related: [{ uri: r.uri, ...ctx.spanOf(r, ['data', k]), message: 'also in data' }],
      });
    }
  },
};
