// A partition >= replicas is accepted but no pod is ever updated: usually a forgotten staged rollout.
import { valueFixes } from '../k8s/edit';
import { isInt, isCoreApi } from '../k8s/pod';
import type { DocRule } from '../rule';

export const partitionBlocksUpdates: DocRule = {
  code: 'partition-blocks-updates',
  severity: 'info',
  description: 'rollingUpdate.partition >= replicas: template changes update no pod.',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const spec = r.value?.spec;
    if (spec?.updateStrategy?.type === 'OnDelete') return;
    const p = spec?.updateStrategy?.rollingUpdate?.partition;
    const replicas = spec?.replicas ?? 1;
    if (!isInt(p) || !isInt(replicas) || p <= 0 || replicas < 0 || p < replicas) return;
    // The partition counts pods from ordinals.start: the first `partition` pods keep the old revision.
    const start = isInt(spec?.ordinals?.start) ? spec.ordinals.start : 0;
    const name = r.name ?? '<name>';
    const range = replicas === 0 ? 'no pods exist' : `pods ${name}-${start}..${name}-${start + replicas - 1} all keep the current revision`;
    const path = ['spec', 'updateStrategy', 'rollingUpdate', 'partition'];
    // Roll out to every pod, or (a staged rollout) to the last one only.
    const choices: [string, string][] = [['0', 'Set partition to 0 (update every pod)']];
    if (replicas > 1) choices.push([String(replicas - 1), `Set partition to ${replicas - 1} (update ${name}-${start + replicas - 1} only)`]);
    ctx.report(r, { path, message: `partition ${p} >= replicas ${replicas}: a template change updates no pod (${range}). Lower the partition to roll out.`, fixes: valueFixes(r, path, choices) });
  },
};
