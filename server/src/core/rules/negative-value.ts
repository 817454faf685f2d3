// replicas, minReadySeconds, ordinals.start and rollingUpdate.partition must be >= 0 (API server validation).
import { isCoreApi } from '../k8s/pod';
import type { DocRule } from '../rule';

const FIELDS: (string | number)[][] = [
  ['spec', 'replicas'],
  ['spec', 'minReadySeconds'],
  ['spec', 'ordinals', 'start'],
  ['spec', 'updateStrategy', 'rollingUpdate', 'partition'],
];

export const negativeValue: DocRule = {
  code: 'negative-value',
  severity: 'error',
  description: 'replicas, minReadySeconds, ordinals.start and partition must not be negative.',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    for (const path of FIELDS) {
      let v: any = r.value;
      for (const k of path) v = v?.[k];
      if (typeof v === 'number' && v < 0) ctx.report(r, { path, message: `${path.slice(1).join('.')} must be greater than or equal to 0 (is ${v}).` });
    }
  },
};
