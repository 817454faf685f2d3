// A PVC's spec.volumeName must name an existing PersistentVolume that is free for it (no claimRef to another claim,
// no other claim naming it), or the claim stays Pending.
import { missingSeverity } from '../crossref';
import { namespaceOf, type Resource } from '../model';
import { isObj } from '../names';
import { claimRefOf, reservesFor } from '../k8s/binding';
import type { WorkspaceRule } from '../rule';
import type { ResourceIndex } from '../workspace';

export const pvcVolumeNotFound: WorkspaceRule = {
  code: 'pvc-volume-not-found',
  severity: 'warning',
  description: 'A PersistentVolumeClaim binds to a named PersistentVolume (spec.volumeName) that is not in the workspace, that is reserved for another claim, or that another claim names too.',
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
      const ref = claimRefOf(pvs[0].value?.spec);
      if (ref) {
        if (!reservesFor(ref, pvc.name, ns)) {
          ctx.report(pvc, {
            path: ['spec', 'volumeName'],
            message: `PersistentVolume '${vol}' is reserved for claim '${ref.namespace ?? '?'}/${ref.name}' (claimRef), not for '${ns}/${pvc.name}': this claim cannot bind to it.`,
            related: [{ uri: pvs[0].uri, ...ctx.spanOf(pvs[0], ['spec', 'claimRef']), message: `claimRef of PersistentVolume '${vol}'` }],
          });
        }
        continue;
      }
      // No claimRef: the first claim to bind takes the volume, and every other claim naming it stays Pending.
      const rivals = claimsByVolume(ctx.index).get('', vol).filter((c) => c.name !== pvc.name || namespaceOf(c, dflt) !== ns);
      if (rivals.length) {
        const other = rivals[0];
        ctx.report(pvc, {
          path: ['spec', 'volumeName'],
          message: `PersistentVolume '${vol}' is also named by claim '${namespaceOf(other, dflt)}/${other.name}'${rivals.length > 1 ? ` and ${rivals.length - 1} more` : ''}: a volume binds one claim, so all but the first to bind stay Pending. Give each claim its own volume.`,
          related: rivals.map((c) => ({ uri: c.uri, ...ctx.spanOf(c, ['spec', 'volumeName']), message: `claim '${namespaceOf(c, dflt)}/${c.name}'` })),
        });
      }
    }
  },
};

/** Claims by the volume their spec.volumeName names, over the whole index (kept up to date file by file). */
function claimsByVolume(index: ResourceIndex) {
  return index.grouped<Resource>('pvc-volume-not-found:by-volume', (c, add) => {
    if (c.kind !== 'PersistentVolumeClaim') return;
    const v = isObj(c.value?.spec) ? c.value!.spec.volumeName : undefined;
    if (typeof v === 'string' && v !== '' && c.name) add('', v, c);
  });
}
