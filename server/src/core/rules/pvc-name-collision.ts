// Two StatefulSets must not predict the same PVC name: the second would adopt the first's volumes.
import { namespaceOf, type Resource } from '../model';
import { claimTemplateNames, ordinalRange } from '../names';
import type { WorkspaceRule } from '../rule';
import type { ResourceIndex } from '../workspace';

export const pvcNameCollision: WorkspaceRule = {
  code: 'pvc-name-collision',
  severity: 'warning',
  description: 'Two StatefulSets in one namespace produce the same PVC name (claim data-web + set x and claim data + set web-x both give data-web-x-0): their pods would share volumes.',
  check(ctx) {
    const dflt = ctx.settings.defaultNamespace;
    if (!ctx.resources.some((r) => r.kind === 'StatefulSet' && r.name)) return;
    const { byPrefix, sharing } = prefixes(ctx.index, dflt);
    for (const sts of ctx.resources) {
      // Most sets share no prefix with another: nothing to compare.
      if (sts.kind !== 'StatefulSet' || !sts.name || !sharing.has(sts)) continue;
      const ns = namespaceOf(sts, dflt);
      const a = ordinalRange(sts.value);
      if (!a.valid || a.replicas === 0) continue;
      const vcts: unknown[] = Array.isArray(sts.value?.spec?.volumeClaimTemplates) ? sts.value!.spec.volumeClaimTemplates : [];
      for (const claim of claimTemplateNames(sts.value)) {
        for (const o of byPrefix.get(ns)?.get(`${claim}-${sts.name}`) ?? []) {
          // The same name is the same object (duplicate-resource), not a collision.
          if (o.sts === sts || o.sts.name === sts.name) continue;
          const b = ordinalRange(o.sts.value);
          const lo = Math.max(a.start, b.start);
          if (!b.valid || lo > Math.min(a.start + a.replicas, b.start + b.replicas) - 1) continue;
          const pvc = `${claim}-${sts.name}-${lo}`;
          const i = vcts.findIndex((t) => (t as { metadata?: { name?: unknown } } | null)?.metadata?.name === claim);
          ctx.report(sts, {
            path: ['spec', 'volumeClaimTemplates', i, 'metadata', 'name'],
            message: `PVC '${pvc}' (claim '${claim}' of StatefulSet '${sts.name}') is also the PVC of claim '${o.claim}' of StatefulSet '${o.sts.name}': both would use the same volume. Rename a claim template or a StatefulSet.`,
            related: [{ uri: o.sts.uri, ...ctx.spanOf(o.sts, ['metadata', 'name']), message: `StatefulSet '${o.sts.name}'` }],
          });
        }
      }
    }
  },
};

type Claim = { sts: Resource; claim: string };

/**
 * `<claim>-<set>-<i>` equals `<claim'>-<set'>-<j>` only when the prefixes `<claim>-<set>` are equal
 * (the ordinal has no '-'), and i = j: so the prefixes are indexed once (per index generation)
 * instead of listing names. `sharing` holds the sets with a prefix some other claim has too.
 */
function prefixes(index: ResourceIndex, dflt: string): { byPrefix: Map<string, Map<string, Claim[]>>; sharing: Set<Resource> } {
  return index.derived(`pvc-prefixes\u0000${dflt}`, () => {
    const byPrefix = new Map<string, Map<string, Claim[]>>();
    const sharing = new Set<Resource>();
    for (const s of index.ofKind('StatefulSet')) {
      if (!s.name) continue;
      const ns = namespaceOf(s, dflt);
      let inNs = byPrefix.get(ns);
      if (!inNs) byPrefix.set(ns, (inNs = new Map()));
      for (const claim of claimTemplateNames(s.value)) {
        const k = `${claim}-${s.name}`;
        const list = inNs.get(k);
        if (!list) {
          inNs.set(k, [{ sts: s, claim }]);
          continue;
        }
        list.push({ sts: s, claim });
        for (const c of list) sharing.add(c.sts);
      }
    }
    return { byPrefix, sharing };
  });
}
