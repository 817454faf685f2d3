// A claim template that names a PersistentVolume (spec.volumeName) gives every replica's claim the same volume.
import { missingSeverity } from '../crossref';
import { namespaceOf } from '../model';
import { isObj, ordinalRange, pvcName } from '../names';
import type { WorkspaceRule } from '../rule';

export const claimTemplateVolumeName: WorkspaceRule = {
  code: 'claim-template-volume-name',
  severity: 'warning',
  description: 'A volumeClaimTemplate sets spec.volumeName: every replica\'s PVC asks for that one PersistentVolume, which binds to a single claim, so the other pods stay Pending.',
  check(ctx) {
    const dflt = ctx.settings.defaultNamespace;
    for (const sts of ctx.resources) {
      if (sts.kind !== 'StatefulSet' || !sts.name) continue;
      const vcts = sts.value?.spec?.volumeClaimTemplates;
      if (!Array.isArray(vcts)) continue;
      for (let i = 0; i < vcts.length; i++) {
        const t: unknown = vcts[i];
        // Claim templates rarely name a volume: the rest is worked out only for those that do.
        if (!isObj(t) || !isObj(t.spec) || typeof t.spec.volumeName !== 'string' || t.spec.volumeName === '') continue;
        const vol = t.spec.volumeName;
        const { replicas, start, valid } = ordinalRange(sts.value);
        const ns = namespaceOf(sts, dflt);
        const claim = isObj(t.metadata) && typeof t.metadata.name === 'string' ? t.metadata.name : undefined;
        const path = ['spec', 'volumeClaimTemplates', i, 'spec', 'volumeName'];
        if (valid && replicas > 1) {
          ctx.report(sts, {
            path,
            message: `Every replica's claim${claim ? ` (${pvcName(claim, sts.name!, start)}, ${pvcName(claim, sts.name!, start + 1)}…)` : ''} asks for PersistentVolume '${vol}', but a volume binds to one claim: with replicas ${replicas} only one pod gets it, the others stay Pending. Drop volumeName and pre-create one PV per ordinal with a claimRef, or let a StorageClass provision them.`,
          });
        } else if (!ctx.index.named('PersistentVolume', vol).length) {
          ctx.report(sts, {
            path,
            severity: missingSeverity(ctx.index, sts, 'PersistentVolume', ns, dflt),
            message: `No PersistentVolume '${vol}' in the workspace: the claim stays Pending until it exists.`,
          });
        }
      }
    }
  },
};
