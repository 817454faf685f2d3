// PVC, claim template and PV accessModes: at least one, ReadWriteOncePod only alone (mode names are the schema's enum).
import { at } from '../k8s/where';
import { arr, claimSpecsOf, isObj, type Obj, isCoreApi, templateContext } from '../k8s/pod';
import type { PathSeg } from '../nodes';
import { replaceAt } from '../k8s/edit';
import type { DocRule, RuleContext } from '../rule';
import type { Resource } from '../model';

function checkModes(r: Resource, ctx: RuleContext, spec: Obj, path: PathSeg[], what: string): void {
  const modes = spec.accessModes;
  if (modes == null || (Array.isArray(modes) && modes.length === 0)) {
    // An empty list has an obvious completion; a missing key is left to the user (where to put it varies).
    const e = Array.isArray(modes) ? replaceAt(r, [...path, 'accessModes'], '[ReadWriteOnce]') : undefined;
    ctx.report(r, {
      ...at(r, modes == null ? path : [...path, 'accessModes']),
      message: `${what} needs at least one access mode (spec.accessModes), e.g. [ReadWriteOnce].`,
      fixes: e ? [{ title: 'Use [ReadWriteOnce]', edits: [e] }] : undefined,
    });
    return;
  }
  if (!Array.isArray(modes)) return;
  // Unknown mode names are the schema's invalid-enum finding.
  const rwop = modes.indexOf('ReadWriteOncePod');
  if (rwop >= 0 && modes.length > 1) ctx.report(r, { path: [...path, 'accessModes', rwop], message: 'ReadWriteOncePod may not be combined with other access modes.' });
}

export const accessModes: DocRule = {
  code: 'access-modes',
  severity: 'error',
  description: 'accessModes of a PVC, claim template or PV must be non-empty, with ReadWriteOncePod alone.',
  kinds: ['StatefulSet', 'PersistentVolumeClaim', 'PersistentVolume'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'claim');
    if (r.kind === 'PersistentVolume') {
      if (isObj(r.value?.spec)) checkModes(r, ctx, r.value!.spec, ['spec'], 'PersistentVolume');
      return;
    }
    for (const c of claimSpecsOf(r)) checkModes(r, ctx, c.spec, c.path, c.what);
    // A claim template without spec at all also lacks access modes.
    if (r.kind !== 'StatefulSet') return;
    const templates = arr(r.value?.spec?.volumeClaimTemplates);
    for (let i = 0; i < templates.length; i++) {
      const t = templates[i];
      if (isObj(t) && t.spec == null) ctx.report(r, { ...at(r, ['spec', 'volumeClaimTemplates', i]), message: `volumeClaimTemplate '${t.metadata?.name ?? i}' has no spec: accessModes and resources.requests.storage are required.` });
    }
  },
};
