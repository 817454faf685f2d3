// Two StatefulSets must not predict the same PVC name: the second would adopt the first's volumes.
import { claimPrefixes } from '../crossref';
import { namespaceOf, type Resource } from '../model';
import { claimTemplateNames, ordinalRange } from '../names';
import type { WorkspaceRule } from '../rule';

export const pvcNameCollision: WorkspaceRule = {
  code: 'pvc-name-collision',
  severity: 'warning',
  description: 'Two StatefulSets in one namespace produce the same PVC name (claim data-web + set x and claim data + set web-x both give data-web-x-0): their pods would share volumes.',
  check(ctx) {
    const dflt = ctx.settings.defaultNamespace;
    if (!ctx.resources.some((r) => r.kind === 'StatefulSet' && r.name)) return;
    const byPrefix = claimPrefixes(ctx.index, dflt);
    // The sets with a prefix another claim has too, once per change: most sets share none.
    const sharing = ctx.index.derived(`pvc-sharing\u0000${dflt}`, () => {
      const out = new Set<Resource>();
      for (const list of byPrefix.shared()) {
        // Copies of one set (one name: duplicate-resource's finding) share their prefixes without colliding;
        // skipped here, thousands of copies would each be compared with all the others below.
        if (list.every((c) => c.sts.name === list[0].sts.name)) continue;
        for (const c of list) out.add(c.sts);
      }
      return out;
    });
    for (const sts of ctx.resources) {
      if (sts.kind !== 'StatefulSet' || !sts.name || !sharing.has(sts)) continue;
      const ns = namespaceOf(sts, dflt);
      const a = ordinalRange(sts.value);
      if (!a.valid || a.replicas === 0) continue;
      const vcts: unknown[] = Array.isArray(sts.value?.spec?.volumeClaimTemplates) ? sts.value!.spec.volumeClaimTemplates : [];
      for (const claim of claimTemplateNames(sts.value)) {
        for (const o of byPrefix.get(ns, `${claim}-${sts.name}`)) {
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
