// serviceName must name a Service in the StatefulSet's namespace: without it pods get no DNS records.
import { stringify } from 'yaml';
import { appendDocumentEdit, kustomizeFor, namedPorts, podTemplate, setKeyEdit, yamlScalar } from '../crossref';
import { getIn, nodeRange } from '../nodes';
import { namespaceOf, type Resource } from '../model';
import { isHeadless, isObj, templateLabels } from '../names';
import { mapSelectorMatches } from '../k8s/selector';
import type { WorkspaceRule } from '../rule';
import type { Fix } from '../types';
import type { ResourceIndex } from '../workspace';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const governingServiceMissing: WorkspaceRule = {
  code: 'governing-service-missing',
  severity: 'warning',
  description: 'spec.serviceName names no Service in the StatefulSet\'s namespace: pods get no stable DNS names until it exists.',
  check(ctx) {
    const dflt = ctx.settings.defaultNamespace;
    for (const sts of ctx.resources) {
      if (sts.kind !== 'StatefulSet' || !sts.name) continue;
      const svc = isObj(sts.value?.spec) ? sts.value!.spec.serviceName : undefined;
      // Placeholders (@NAME@, ${VAR}) and invalid names are the name rules' business, not a missing Service.
      if (typeof svc !== 'string' || !DNS_LABEL.test(svc)) continue;
      const ns = namespaceOf(sts, dflt);
      if (ctx.index.find('Service', ns, svc, dflt).length) continue;
      // A kustomization with `namespace:` puts all its files in one namespace: a Service there counts.
      const kz = kustomizeFor(ctx.index, sts.uri);
      if (kz?.namespace && ctx.index.named('Service', svc).some((s) => kz.resourceFiles.includes(s.uri))) continue;
      const elsewhere = ctx.index.named('Service', svc).map((s) => namespaceOf(s, dflt)).filter((n) => n !== ns);
      const labels = templateLabels(sts.value);
      const selecting = ctx.index.inNamespace('Service', ns, dflt).filter((s) => isObj(s.value?.spec) && mapSelectorMatches(s.value!.spec.selector, labels));
      let message = `No Service '${svc}' in namespace '${ns}' in the workspace: pods get DNS names like ${sts.name}-0.${svc}.${ns}.svc.${ctx.settings.clusterDomain} only from a headless Service of that name.`;
      if (elsewhere.length) message += ` A Service '${svc}' exists in namespace '${[...new Set(elsewhere)].join("', '")}', but serviceName is looked up in the StatefulSet's own namespace.`;
      if (selecting.length) message += ` Service '${selecting[0].name}' selects these pods${isHeadless(selecting[0]) ? ' and is headless' : ''}: did you mean it?`;
      const fixes: Fix[] = [];
      // Up to v1.35 a Service name is an RFC 1035 label: it cannot start with a digit.
      const nameable = ctx.minor >= 36 || /^[a-z]/.test(svc);
      if (!nameable) message += ` Note: before Kubernetes 1.36 a Service name must start with a letter, so no Service can be named '${svc}': rename serviceName.`;
      else fixes.push(createServiceFix(ctx.index, sts, svc));
      // The Service is in this file under another namespace, usually because only the StatefulSet got one.
      const stray = ctx.index.named('Service', svc).find((s) => s.uri === sts.uri && namespaceOf(s, dflt) !== ns);
      const move = stray && sts.namespace ? setKeyEdit(ctx.index, stray, ['metadata'], 'namespace', yamlScalar(ns)) : undefined;
      if (move) fixes.push({ title: `Move Service '${svc}' to namespace '${ns}'`, edits: [move] });
      // A headless Service in the namespace already selects these pods: point serviceName at it.
      const better = selecting.find((s) => isHeadless(s) && s.name);
      const range = nodeRange(getIn(sts.root, ['spec', 'serviceName']));
      if (better && range) {
        fixes.push({
          title: `Use the headless Service '${better.name}' as serviceName (immutable: re-create the StatefulSet on a live cluster)`,
          edits: [{ uri: sts.uri, start: sts.doc.offset + range[0], end: sts.doc.offset + range[1], newText: better.name! }],
        });
      }
      const related = [...selecting, ...ctx.index.named('Service', svc)].slice(0, 3).map((s) => ({
        uri: s.uri, ...ctx.spanOf(s, ['metadata', 'name']), message: `Service '${s.name}' in namespace '${namespaceOf(s, dflt)}'`,
      }));
      // A kustomization that pulls in files we do not have may well bring the Service.
      const severity = kz?.incomplete ? 'info' : 'warning';
      ctx.report(sts, { path: ['spec', 'serviceName'], message, fixes, related, severity });
    }
  },
};

/** Appends a headless Service selecting the pods, with the containers' named ports. */
function createServiceFix(index: ResourceIndex, sts: Resource, svc: string): Fix {
  const labels = templateLabels(sts.value);
  const matchLabels = isObj(sts.value?.spec?.selector) && isObj(sts.value!.spec.selector.matchLabels) ? sts.value!.spec.selector.matchLabels : undefined;
  // The StatefulSet's own matchLabels are the stable subset of the template labels; use them when they hold.
  const selector = matchLabels && Object.keys(matchLabels).length && mapSelectorMatches(matchLabels, labels)
    ? Object.fromEntries(Object.entries(matchLabels).map(([k, v]) => [k, String(v)]))
    : labels;
  const t = podTemplate(sts);
  const ports = t ? [...namedPorts(t)].filter(([, p]) => p.port > 0).map(([name, p]) => ({ name, port: p.port, ...(p.protocol !== 'TCP' ? { protocol: p.protocol } : {}) })) : [];
  const doc = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: svc, ...(sts.namespace ? { namespace: sts.namespace } : {}) },
    spec: { clusterIP: 'None', ...(Object.keys(selector).length ? { selector } : {}), ...(ports.length ? { ports } : {}) },
  };
  return {
    title: `Create headless Service '${svc}' in this file`,
    edits: [appendDocumentEdit(index, sts, stringify(doc, { indent: 2, indentSeq: false }))],
    isPreferred: true,
  };
}
