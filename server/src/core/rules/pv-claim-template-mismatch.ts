// A PersistentVolume pre-created for a StatefulSet's PVC must fit the claim template, or it is never bound.
import { claimTemplateOwner } from '../crossref';
import { isObj, ordinalRange } from '../names';
import { bindingMismatches } from '../k8s/binding';
import type { WorkspaceRule } from '../rule';

export const pvClaimTemplateMismatch: WorkspaceRule = {
  code: 'pv-claim-template-mismatch',
  severity: 'warning',
  description: 'A PersistentVolume pre-bound (claimRef) to a StatefulSet PVC does not fit its claim template: storage class, access modes, capacity or volume mode differ, so the claim never binds to it.',
  check(ctx) {
    const dflt = ctx.settings.defaultNamespace;
    for (const pv of ctx.resources) {
      if (pv.kind !== 'PersistentVolume' || !isObj(pv.value?.spec)) continue;
      const spec = pv.value!.spec;
      const ref = spec.claimRef;
      if (!isObj(ref) || typeof ref.name !== 'string' || typeof ref.namespace !== 'string') continue;
      if (ctx.index.find('PersistentVolumeClaim', ref.namespace, ref.name, dflt).length) continue; // a standalone PVC wins
      const owner = claimTemplateOwner(ctx.index, ref.namespace, ref.name, dflt);
      if (!owner) continue;
      const set = owner.sts.name;
      const claimSpec = isObj(owner.template.spec) ? owner.template.spec : {};
      const { replicas, start, valid } = ordinalRange(owner.sts.value);
      const related = [{ uri: owner.sts.uri, ...ctx.spanOf(owner.sts, ['spec', 'volumeClaimTemplates', owner.templateIndex, 'metadata', 'name']), message: `claim template '${owner.claim}' of StatefulSet '${set}'` }];
      if (valid && (owner.ordinal < start || owner.ordinal >= start + replicas)) {
        ctx.report(pv, {
          path: ['spec', 'claimRef', 'name'],
          severity: 'info',
          message: `'${ref.name}' is the PVC of ordinal ${owner.ordinal}, but StatefulSet '${set}' has ordinals ${replicas ? `${start}..${start + replicas - 1}` : 'none (replicas 0)'}: this volume is not used until it scales there.`,
          related,
        });
      }
      const problems = bindingMismatches(claimSpec, spec);
      if (!problems.length) continue;
      // With storageClassName "" nothing can be provisioned: this volume was the claim's only way to bind.
      const stuck = claimSpec.storageClassName === '';
      for (const p of problems) {
        ctx.report(pv, {
          path: p.pvPath,
          severity: stuck ? 'error' : 'warning',
          message: `PersistentVolume is reserved for '${ref.namespace}/${ref.name}' (claim template '${owner.claim}' of StatefulSet '${set}'), but its ${p.text('the claim template')}: the claim never binds to it${stuck ? ', and with storageClassName "" nothing is provisioned instead: pod ' + set + '-' + owner.ordinal + ' stays Pending' : ' and a new volume is provisioned instead (if the class allows)'}.`,
          related,
        });
      }
    }
  },
};
