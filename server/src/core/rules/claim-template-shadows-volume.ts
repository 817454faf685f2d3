// The controller replaces a template volume that has a claim template's name with the claim, dropping its source.
import { arr, claimTemplateIndex, podSpecOf, isCoreApi } from '../k8s/pod';
import type { DocRule } from '../rule';

export const claimTemplateShadowsVolume: DocRule = {
  code: 'claim-template-shadows-volume',
  severity: 'warning',
  description: 'A pod template volume has the same name as a volumeClaimTemplate and is replaced by the claim.',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const ps = podSpecOf(r);
    if (!ps) return;
    const volumes = arr(ps.spec.volumes);
    for (let i = 0; i < volumes.length; i++) {
      const v = volumes[i];
      const ci = claimTemplateIndex(r, v?.name);
      if (ci === undefined) continue;
      ctx.report(r, {
        path: [...ps.path, 'volumes', i, 'name'],
        tags: ['unnecessary'],
        message: `volume '${v.name}' has the name of a volumeClaimTemplate: the controller replaces it with the claim (this volume's source is ignored).`,
        related: [{ uri: r.uri, ...ctx.spanOf(r, ['spec', 'volumeClaimTemplates', ci, 'metadata', 'name']), message: 'the claim template' }],
      });
    }
  },
};
