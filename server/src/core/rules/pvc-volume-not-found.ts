// A PVC's spec.volumeName must name an existing PersistentVolume, or the claim stays Pending.
import { missingSeverity } from '../crossref';
import { namespaceOf } from '../model';
import { isObj } from '../names';
import type { WorkspaceRule } from '../rule';

export const pvcVolumeNotFound: WorkspaceRule = {
  code: 'pvc-volume-not-found',
  severity: 'warning',
  description: 'A PersistentVolumeClaim binds to a named PersistentVolume (spec.volumeName) that is not in the workspace, or that is reserved for another claim.',
  check(ctx) {
    const dflt = ctx.settings.defaultNamespace;
    for (const pvc of ctx.resources) {
      if (pvc.kind !== 'PersistentVolumeClaim' || !pvc.name) continue;
      const vol = isObj(pvc.value?.spec) ? pvc.value!.spec.volumeName : undefined;
      if (typeof vol !== 'string' || vol === '') continue;
      const ns = namespaceOf(pvc, dflt);
      const pvs = ctx.index.named('PersistentVolume', vol);
      if (!pvs.length) {
        ctx.report(pvc, {
          path: ['spec', 'volumeName'],
          severity: missingSeverity(ctx.index, pvc, 'PersistentVolume', ns, dflt),
          message: `No PersistentVolume '${vol}' in the workspace: the claim stays Pending until it exists.`,
        });
        continue;
      }
      const ref = pvs[0].value?.spec?.claimRef;
      if (isObj(ref) && typeof ref.name === 'string' && (ref.name !== pvc.name || (typeof ref.namespace === 'string' && ref.namespace !== ns))) {
        ctx.report(pvc, {
          path: ['spec', 'volumeName'],
          message: `PersistentVolume '${vol}' is reserved for claim '${typeof ref.namespace === 'string' ? ref.namespace : '?'}/${ref.name}' (claimRef), not for '${ns}/${pvc.name}': this claim cannot bind to it.`,
          related: [{ uri: pvs[0].uri, ...ctx.spanOf(pvs[0], ['spec', 'claimRef']), message: `claimRef of PersistentVolume '${vol}'` }],
        });
      }
    }
  },
};
