// The governing Service must select the StatefulSet's pods, or it publishes no DNS records for them.
import { blockMapText, replaceMapEdit, setKeyEdit } from '../crossref';
import { governingService, isObj, templateLabels } from '../names';
import { mapSelectorMatches } from '../k8s/selector';
import type { WorkspaceRule } from '../rule';
import type { Fix } from '../types';

export const governingServiceSelectorMismatch: WorkspaceRule = {
  code: 'governing-service-selector-mismatch',
  severity: 'warning',
  description: 'The governing Service has no selector or does not select the pod template labels: no endpoints, so no pod DNS records.',
  check(ctx) {
    for (const sts of ctx.resources) {
      if (sts.kind !== 'StatefulSet' || !sts.name) continue;
      const gov = governingService(sts, ctx.settings, ctx.index);
      // A non-headless Service is reported by governing-service-not-headless; check its selector only when headless.
      if ((gov.doubt !== 'no-selector' && gov.doubt !== 'selector-mismatch') || !gov.service) continue;
      const svc = gov.service;
      const labels = templateLabels(sts.value);
      if (!Object.keys(labels).length) continue; // nothing to align with: the template-labels rule reports that
      const sel = isObj(svc.value?.spec) ? svc.value!.spec.selector : undefined;
      const matchLabels = isObj(sts.value?.spec?.selector) && isObj(sts.value!.spec.selector.matchLabels) ? sts.value!.spec.selector.matchLabels : undefined;
      const target = matchLabels && Object.keys(matchLabels).length && mapSelectorMatches(matchLabels, labels)
        ? Object.fromEntries(Object.entries(matchLabels).map(([k, v]) => [k, String(v)]))
        : labels;
      let message: string;
      let edit;
      if (gov.doubt === 'no-selector') {
        message = `Service '${svc.name}' has no selector: Kubernetes publishes no endpoints for the StatefulSet's pods, so they get no DNS records under it.`;
        edit = isObj(sel) ? replaceMapEdit(ctx.index, svc, ['spec', 'selector'], target) : setKeyEdit(ctx.index, svc, ['spec'], 'selector', blockMapText(target));
      } else {
        const bad = Object.entries(sel as Record<string, unknown>)
          .filter(([k, v]) => labels[k] !== String(v))
          .map(([k, v]) => (k in labels ? `${k}=${String(v)} (pods have ${k}=${labels[k]})` : `${k}=${String(v)} (pods have no ${k} label)`));
        message = `Service '${svc.name}' does not select the StatefulSet's pods: ${bad.join(', ')}. Its pods get no DNS records under it.`;
        edit = replaceMapEdit(ctx.index, svc, ['spec', 'selector'], target);
      }
      const fixes: Fix[] = edit ? [{ title: `Set Service '${svc.name}' selector to ${Object.entries(target).map(([k, v]) => `${k}=${v}`).join(', ')}`, edits: [edit] }] : [];
      ctx.report(sts, {
        path: ['spec', 'serviceName'],
        message,
        fixes,
        related: [{ uri: svc.uri, ...ctx.spanOf(svc, ['spec', 'selector']), message: `selector of Service '${svc.name}'` }],
      });
    }
  },
};
