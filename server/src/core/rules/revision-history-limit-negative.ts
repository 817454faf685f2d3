// A negative revisionHistoryLimit is accepted by the API server but makes no sense (history keeping breaks).
import { valueFixes } from '../k8s/edit';
import { isCoreApi } from '../k8s/pod';
import type { DocRule } from '../rule';

export const revisionHistoryLimitNegative: DocRule = {
  code: 'revision-history-limit-negative',
  severity: 'warning',
  description: 'revisionHistoryLimit is negative.',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const v = r.value?.spec?.revisionHistoryLimit;
    if (typeof v !== 'number' || v >= 0) return;
    const path = ['spec', 'revisionHistoryLimit'];
    const fixes = valueFixes(r, path, [['0', 'Use 0 (keep no old revisions)'], ['10', 'Use 10 (the default)']]);
    ctx.report(r, { path, message: `revisionHistoryLimit ${v} is negative: use 0 to keep no old revisions (default 10).`, fixes });
  },
};
