// A claim template's name becomes a pod volume name and a PVC name prefix, so it must be a DNS-1123 label.
import { at } from '../k8s/where';
import { arr, isCoreApi, templateContext } from '../k8s/pod';
import { dns1123LabelErrors } from '../k8s/validation';
import type { DocRule } from '../rule';

export const claimTemplateInvalidName: DocRule = {
  code: 'claim-template-invalid-name',
  severity: 'error',
  description: 'volumeClaimTemplates[].metadata.name must be set and be a DNS-1123 label.',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'claim');
    const templates = arr(r.value?.spec?.volumeClaimTemplates);
    for (let i = 0; i < templates.length; i++) {
      const t = templates[i];
      if (!t || typeof t !== 'object') continue;
      const name = t.metadata?.name;
      if (name === undefined || name === null || name === '') {
        ctx.report(r, { ...at(r, ['spec', 'volumeClaimTemplates', i, 'metadata']), message: 'volumeClaimTemplate has no metadata.name: it is needed for the volume name and the PVC names (<claim>-<set>-<ordinal>).' });
        continue;
      }
      if (typeof name !== 'string') continue;
      const errs = dns1123LabelErrors(name);
      if (errs.length) ctx.report(r, { path: ['spec', 'volumeClaimTemplates', i, 'metadata', 'name'], message: `volumeClaimTemplate name '${name}' must be a DNS-1123 label (it becomes a pod volume name): ${errs.join('; ')}.` });
    }
  },
};
