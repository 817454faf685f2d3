// The same kind/namespace/name twice in files applied together: the later one silently replaces the first.
import { CLUSTER_SCOPED, dirOf, kustomizeFor } from '../crossref';
import { namespaceOf, type Resource } from '../model';
import type { WorkspaceRule } from '../rule';

export const duplicateResource: WorkspaceRule = {
  code: 'duplicate-resource',
  severity: 'warning',
  description: 'The same kind, namespace and name is defined twice in one file (or in files of one kustomization): applying both keeps only the last one.',
  check(ctx) {
    const dflt = ctx.settings.defaultNamespace;
    const group = (x: Resource) => (x.apiVersion ?? '').split('/')[0];
    // Per (name key, file, API group), the definitions applied together, computed once: with many
    // identical names a per-resource filter over every definition would be quadratic.
    const groups = new Map<string, Resource[]>();
    for (const r of ctx.resources) {
      if (!r.kind || !r.name || r.kind === 'Kustomization') continue;
      // The by-name table is shared, not copied: a name defined once anywhere is no duplicate.
      if (ctx.index.named(r.kind, r.name).length < 2) continue;
      const ns = CLUSTER_SCOPED.has(r.kind) ? '' : namespaceOf(r, dflt);
      const gk = `${r.kind}\u0000${ns}\u0000${r.name}\u0000${r.uri}\u0000${group(r)}`;
      let together = groups.get(gk);
      if (!together) {
        const all = CLUSTER_SCOPED.has(r.kind) ? ctx.index.named(r.kind, r.name) : ctx.index.find(r.kind, ns, r.name, dflt);
        // Only what is certainly applied together: one file, or files listed by the same kustomization.
        // Sibling files are often alternatives (web.yaml / web-parallel.yaml, gke.yaml / minikube.yaml).
        const listed = all.length < 2 ? [] : kustomizeFor(ctx.index, r.uri)?.resourceFiles ?? [];
        const with_ = (o: Resource) => o.uri === r.uri || (dirOf(o.uri) === dirOf(r.uri) && listed.includes(o.uri) && listed.includes(r.uri));
        together = all.length < 2 ? [] : all.filter((o) => with_(o) && group(o) === group(r));
        groups.set(gk, together);
      }
      // `together` holds r itself (same file, same group); the others are the rest.
      if (together.length < 2) continue;
      const others = together.slice(0, 4).filter((o) => o !== r).slice(0, 3);
      const count = together.length - 1;
      const o = others[0];
      const where = o.uri === r.uri ? 'more than once in this file' : `also in ${decodeURIComponent(o.uri.slice(o.uri.lastIndexOf('/') + 1))}`;
      ctx.report(r, {
        path: ['metadata', 'name'],
        message: `${r.kind} '${r.name}'${ns ? ` in namespace '${ns}'` : ''} is defined ${where}${count > 1 ? ` (${count + 1} definitions)` : ''}: applied together, one replaces the other.`,
        related: others.map((x) => ({ uri: x.uri, ...ctx.spanOf(x, ['metadata', 'name']), message: `other ${r.kind} '${r.name}'` })),
      });
    }
  },
};
