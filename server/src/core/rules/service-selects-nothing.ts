// A Service whose selector matches no workload next to it routes to nothing (usually a label typo).
import { kustomizeFor, podTemplate, templatesIn } from '../crossref';
import { namespaceOf } from '../model';
import { isObj } from '../names';
import { mapSelectorMatches } from '../k8s/selector';
import type { WorkspaceRule } from '../rule';

export const serviceSelectsNothing: WorkspaceRule = {
  code: 'service-selects-nothing',
  severity: 'warning',
  description: 'The Service selector matches no pod template of the workloads in its namespace, although its own file defines workloads there.',
  check(ctx) {
    const dflt = ctx.settings.defaultNamespace;
    for (const svc of ctx.resources) {
      if (svc.kind !== 'Service' || !isObj(svc.value?.spec)) continue;
      const spec = svc.value!.spec;
      const sel = spec.selector;
      if (!isObj(sel) || !Object.keys(sel).length || spec.type === 'ExternalName') continue;
      const ns = namespaceOf(svc, dflt);
      const templates = templatesIn(ctx.index, ns, dflt);
      const workloads = templates.map((x) => x.w);
      // Only when the candidates are plainly here: a workload in the Service's own file.
      const nearby = workloads.filter((w) => w.uri === svc.uri);
      if (!nearby.length) continue;
      // A governing Service that selects nothing is reported on its StatefulSet, with a fix.
      if (workloads.some((w) => w.kind === 'StatefulSet' && w.value?.spec?.serviceName === svc.name)) continue;
      const kz = kustomizeFor(ctx.index, svc.uri);
      if (kz?.incomplete) continue;
      const extra = kz?.commonLabels ?? {};
      const hit = templates.some(({ w, t }) =>
        mapSelectorMatches({ ...sel, ...extra }, { ...t.labels, ...extra, ...(kustomizeFor(ctx.index, w.uri)?.commonLabels ?? {}) }));
      if (hit) continue;
      const shown = nearby.slice(0, 3).map((w) => `${w.kind} '${w.name}' (${Object.entries(podTemplate(w)?.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(', ') || 'no labels'})`);
      ctx.report(svc, {
        path: ['spec', 'selector'],
        message: `Service '${svc.name}' selects ${Object.entries(sel).map(([k, v]) => `${k}=${String(v)}`).join(', ')}, which matches no pod template in namespace '${ns}' in the workspace: it has no endpoints. Pod templates here: ${shown.join('; ')}.`,
        related: nearby.slice(0, 3).map((w) => ({ uri: w.uri, ...ctx.spanOf(w, w.kind === 'Pod' ? ['metadata', 'labels'] : ['spec', 'template', 'metadata', 'labels']), message: `labels of ${w.kind} '${w.name}'` })),
      });
    }
  },
};
