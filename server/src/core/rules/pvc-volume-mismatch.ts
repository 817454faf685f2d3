// A PVC that names its PersistentVolume (spec.volumeName) must fit it, or the claim stays Pending.
import { plainAt } from '../crossref';
import { bindingMismatches, claimRefOf, reservesFor } from '../k8s/binding';
import { replaceAt } from '../k8s/edit';
import { isObj } from '../k8s/pod';
import { namespaceOf } from '../model';
import type { WorkspaceRule } from '../rule';

export const pvcVolumeMismatch: WorkspaceRule = {
  code: 'pvc-volume-mismatch',
  severity: 'warning',
  description: 'A PersistentVolumeClaim names a PersistentVolume (spec.volumeName) that cannot bind it: the requested size, storage class, volume mode or access modes do not fit, so the claim stays Pending.',
  check(ctx) {
    for (const pvc of ctx.resources) {
      if (pvc.kind !== 'PersistentVolumeClaim' || !pvc.name || !isObj(pvc.value?.spec)) continue;
      const spec = pvc.value!.spec;
      const vol = spec.volumeName;
      if (typeof vol !== 'string' || vol === '') continue;
      const pv = ctx.index.named('PersistentVolume', vol)[0];
      if (!pv || !isObj(pv.value?.spec)) continue; // a missing volume is pvc-volume-not-found's
      // A volume reserved for another claim binds neither way (pvc-volume-not-found says so): nothing to compare.
      const pvSpec = pv.value!.spec;
      const ref = claimRefOf(pvSpec);
      if (ref && !reservesFor(ref, pvc.name, namespaceOf(pvc, ctx.settings.defaultNamespace))) continue;
      for (const m of bindingMismatches(spec, pvSpec)) {
        // On the claim's field when it is written (an omitted volumeMode is Filesystem), else on volumeName; the
        // volume's field likewise, else its name.
        const claimPath = ['spec', ...m.claimPath];
        const written = plainAt(spec, m.claimPath) !== undefined;
        const pvPath = plainAt(pvSpec, m.pvPath.slice(1)) !== undefined ? m.pvPath : ['metadata', 'name'];
        const edit = written && m.fits !== undefined ? replaceAt(pvc, claimPath, m.fits) : undefined;
        ctx.report(pvc, {
          path: written ? claimPath : ['spec', 'volumeName'],
          message: `PersistentVolume '${vol}' cannot bind this claim: its ${m.text('the claim')}, so the claim stays Pending (kubectl describe: Cannot bind to requested volume "${vol}": ${m.reason}).`,
          related: [{ uri: pv.uri, ...ctx.spanOf(pv, pvPath), message: `PersistentVolume '${vol}'` }],
          fixes: edit ? [{ title: `Change to ${m.fits}, as PersistentVolume '${vol}' has`, edits: [edit] }] : undefined,
        });
      }
    }
  },
};
