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
    for (const r of ctx.resources) {
      if (!r.kind || !r.name || r.kind === 'Kustomization') continue;
      const ns = CLUSTER_SCOPED.has(r.kind) ? '' : namespaceOf(r, dflt);
      const all = CLUSTER_SCOPED.has(r.kind) ? ctx.index.named(r.kind, r.name) : ctx.index.find(r.kind, ns, r.name, dflt);
      // Only what is certainly applied together: one file, or files listed by the same kustomization.
      // Sibling files are often alternatives (web.yaml / web-parallel.yaml, gke.yaml / minikube.yaml).
      if (all.length < 2) continue;
      const listed = kustomizeFor(ctx.index, r.uri)?.resourceFiles ?? [];
      const together = (o: Resource) => o.uri === r.uri || (dirOf(o.uri) === dirOf(r.uri) && listed.includes(o.uri) && listed.includes(r.uri));
      const group = (x: Resource) => (x.apiVersion ?? '').split('/')[0];
      const others = all.filter((o) => o !== r && together(o) && group(o) === group(r));
      if (!others.length) continue;
      const o = others[0];
      const where = o.uri === r.uri ? 'more than once in this file' : `also in ${decodeURIComponent(o.uri.slice(o.uri.lastIndexOf('/') + 1))}`;
      ctx.report(r, {
        path: ['metadata', 'name'],
        message: `${r.kind} '${r.name}'${ns ? ` in namespace '${ns}'` : ''} is defined ${where}${others.length > 1 ? ` (${others.length + 1} definitions)` : ''}: applied together, one replaces the other.`,
        related: others.slice(0, 3).map((x) => ({ uri: x.uri, ...ctx.spanOf(x, ['metadata', 'name']), message: `other ${r.kind} '${r.name}'` })),
      });
    }
  },
};
