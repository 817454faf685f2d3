// A PersistentVolume pre-bound with claimRef waits for that exact claim; report when no such claim will exist.
import { claimTemplateOwner, missingSeverity } from '../crossref';
import { isObj } from '../names';
import type { WorkspaceRule } from '../rule';

export const pvClaimNotFound: WorkspaceRule = {
  code: 'pv-claim-not-found',
  severity: 'warning',
  description: 'A PersistentVolume claimRef names a claim that is neither in the workspace nor created by a StatefulSet claim template: the volume stays reserved and unused.',
  check(ctx) {
    const dflt = ctx.settings.defaultNamespace;
    for (const pv of ctx.resources) {
      if (pv.kind !== 'PersistentVolume' || !isObj(pv.value?.spec)) continue;
      const ref = pv.value!.spec.claimRef;
      if (!isObj(ref) || typeof ref.name !== 'string' || ref.name === '') continue;
      if (typeof ref.namespace !== 'string' || ref.namespace === '') {
        ctx.report(pv, {
          path: ['spec', 'claimRef', 'name'],
          message: `claimRef '${ref.name}' has no namespace: a claim always has one, so no claim can ever bind to this volume.`,
        });
        continue;
      }
      const ns = ref.namespace;
      if (ctx.index.find('PersistentVolumeClaim', ns, ref.name, dflt).length) continue;
      const owner = claimTemplateOwner(ctx.index, ns, ref.name, dflt);
      if (owner) continue; // the StatefulSet will create it; pv-claim-template-mismatch checks the details
      ctx.report(pv, {
        path: ['spec', 'claimRef', 'name'],
        severity: missingSeverity(ctx.index, pv, 'PersistentVolumeClaim', ns, dflt),
        message: `No PersistentVolumeClaim '${ns}/${ref.name}' in the workspace, and no StatefulSet claim template there creates it (names are <claim>-<statefulset>-<ordinal>): the volume stays reserved for a claim that may never exist.`,
      });
    }
  },
};
