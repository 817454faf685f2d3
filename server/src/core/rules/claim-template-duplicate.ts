// Two claim templates with one name become one pod volume: the later silently wins.
import { claimTemplateNames, isCoreApi } from '../k8s/pod';
import type { DocRule } from '../rule';

export const claimTemplateDuplicate: DocRule = {
  code: 'claim-template-duplicate',
  severity: 'warning',
  description: 'Two volumeClaimTemplates have the same name.',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const names = claimTemplateNames(r);
    if (names.length < 2) return; // one claim template (the usual case) has no duplicate: no map for it
    const seen = new Map<string, number>();
    for (const { name, index } of names) {
      const first = seen.get(name);
      if (first === undefined) seen.set(name, index);
      else ctx.report(r, {
        path: ['spec', 'volumeClaimTemplates', index, 'metadata', 'name'],
        message: `volumeClaimTemplate '${name}' is declared twice (also at index ${first}): only one claim per pod is created for it.`,
        related: [{ uri: r.uri, ...ctx.spanOf(r, ['spec', 'volumeClaimTemplates', first, 'metadata', 'name']), message: 'first declaration' }],
      });
    }
  },
};
