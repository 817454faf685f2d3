// A Service whose selector matches no workload next to it routes to nothing (usually a label typo).
import { hasWorkloadIn, kustomizeFor, podTemplate, selectedBy, templatesIn } from '../crossref';
import { namespaceOf } from '../model';
import { isObj } from '../names';
import { mapSelectorMatches } from '../k8s/selector';
import type { WorkspaceRule } from '../rule';
import type { ResourceIndex } from '../workspace';

/**
 * The Service names StatefulSets name as their governing Service, by namespace, kept up to date file by
 * file. A missing serviceName is UNNAMED: it matches a Service without a name, as `===` did; other
 * non-strings match nothing.
 */
function governingNames(index: ResourceIndex, dflt: string) {
  return index.grouped<true>(`governing-names\u0000${dflt}`, (w, add) => {
    if (w.kind !== 'StatefulSet' || !podTemplate(w)) return;
    const sn: unknown = w.value?.spec?.serviceName;
    if (typeof sn === 'string' || sn === undefined) add(namespaceOf(w, dflt), sn ?? UNNAMED, true);
  });
}

/** The key of a missing name (no Service or StatefulSet name is a lone NUL). */
const UNNAMED = '\u0000';

export const serviceSelectsNothing: WorkspaceRule = {
  code: 'service-selects-nothing',
  severity: 'warning',
  description: 'The Service selector matches no pod template of the workloads in its namespace, although its own file defines workloads there.',
  check(ctx) {
    const dflt = ctx.settings.defaultNamespace;
    let governing: ReturnType<typeof governingNames> | undefined;
    for (const svc of ctx.resources) {
      if (svc.kind !== 'Service' || !isObj(svc.value?.spec)) continue;
      const spec = svc.value!.spec;
      const sel = spec.selector;
      if (!isObj(sel) || spec.type === 'ExternalName') continue;
      const ns = namespaceOf(svc, dflt);
      // Index lookups first: an edit re-checks every Service of the file, so no scan of all workloads here.
      // Only when the candidates are plainly here: a workload in the Service's own file.
      if (!hasWorkloadIn(ctx.index, ns, dflt, svc.uri)) continue;
      // A governing Service that selects nothing is reported on its StatefulSet, with a fix.
      if ((governing ??= governingNames(ctx.index, dflt)).get(ns, svc.name ?? UNNAMED).length) continue;
      // No selector entries, no endpoints expected (checked after the lookups: it costs an allocation).
      if (!Object.keys(sel).length) continue;
      const kustomized = ctx.index.ofKind('Kustomization').length > 0;
      // Without kustomizations no commonLabels apply: the label index answers directly.
      if (!kustomized && selectedBy(ctx.index, ns, dflt, sel).length) continue;
      const templates = templatesIn(ctx.index, ns, dflt);
      const kz = kustomized ? kustomizeFor(ctx.index, svc.uri) : undefined;
      if (kz?.incomplete) continue;
      const extra = kz?.commonLabels ?? {};
      const hit = kustomized && templates.some(({ w, t }) =>
        mapSelectorMatches({ ...sel, ...extra }, { ...t.labels, ...extra, ...(kustomizeFor(ctx.index, w.uri)?.commonLabels ?? {}) }));
      if (hit) continue;
      const nearby = templates.map((x) => x.w).filter((w) => w.uri === svc.uri);
      const shown = nearby.slice(0, 3).map((w) => `${w.kind} '${w.name}' (${Object.entries(podTemplate(w)?.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(', ') || 'no labels'})`);
      ctx.report(svc, {
        path: ['spec', 'selector'],
        message: `Service '${svc.name}' selects ${Object.entries(sel).map(([k, v]) => `${k}=${String(v)}`).join(', ')}, which matches no pod template in namespace '${ns}' in the workspace: it has no endpoints. Pod templates here: ${shown.join('; ')}.`,
        related: nearby.slice(0, 3).map((w) => ({ uri: w.uri, ...ctx.spanOf(w, w.kind === 'Pod' ? ['metadata', 'labels'] : ['spec', 'template', 'metadata', 'labels']), message: `labels of ${w.kind} '${w.name}'` })),
      });
    }
  },
};
