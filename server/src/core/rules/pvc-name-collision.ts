// Two StatefulSets must not predict the same PVC name: the second would adopt the first's volumes.
import { namespaceOf } from '../model';
import { MAX_PREDICTED, claimTemplateNames, ordinalRange, pvcName } from '../names';
import type { WorkspaceRule } from '../rule';

export const pvcNameCollision: WorkspaceRule = {
  code: 'pvc-name-collision',
  severity: 'warning',
  description: 'Two StatefulSets in one namespace produce the same PVC name (claim data-web + set x and claim data + set web-x both give data-web-x-0): their pods would share volumes.',
  check(ctx) {
    const dflt = ctx.settings.defaultNamespace;
    const names = (s: typeof ctx.resources[number]) => {
      const { replicas, start } = ordinalRange(s.value);
      const out = new Map<string, string>();
      for (const c of claimTemplateNames(s.value)) for (let i = start; i < start + Math.min(replicas, MAX_PREDICTED); i++) out.set(pvcName(c, s.name!, i), c);
      return out;
    };
    for (const sts of ctx.resources) {
      if (sts.kind !== 'StatefulSet' || !sts.name) continue;
      const ns = namespaceOf(sts, dflt);
      const mine = names(sts);
      if (!mine.size) continue;
      for (const other of ctx.index.ofKind('StatefulSet')) {
        // The same name is the same object (duplicate-resource), not a collision.
        if (other === sts || !other.name || other.name === sts.name || namespaceOf(other, dflt) !== ns) continue;
        const hit = [...names(other)].find(([n]) => mine.has(n));
        if (!hit) continue;
        const claim = mine.get(hit[0])!;
        const vcts: unknown[] = Array.isArray(sts.value?.spec?.volumeClaimTemplates) ? sts.value!.spec.volumeClaimTemplates : [];
        const i = vcts.findIndex((t) => (t as { metadata?: { name?: unknown } } | null)?.metadata?.name === claim);
        ctx.report(sts, {
          path: ['spec', 'volumeClaimTemplates', i, 'metadata', 'name'],
          message: `PVC '${hit[0]}' (claim '${claim}' of StatefulSet '${sts.name}') is also the PVC of claim '${hit[1]}' of StatefulSet '${other.name}': both would use the same volume. Rename a claim template or a StatefulSet.`,
          related: [{ uri: other.uri, ...ctx.spanOf(other, ['metadata', 'name']), message: `StatefulSet '${other.name}'` }],
        });
      }
    }
  },
};
