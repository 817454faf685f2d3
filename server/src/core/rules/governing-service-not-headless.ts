// The governing Service must be headless (clusterIP: None): only then are per-pod DNS records promised.
import { stringify } from 'yaml';
import { appendDocumentEdit, setKeyEdit } from '../crossref';
import { namespaceOf, type Resource } from '../model';
import { governingService, isObj, templateLabels } from '../names';
import { getIn, nodeRange } from '../nodes';
import type { WorkspaceRule } from '../rule';
import type { Fix } from '../types';
import type { ResourceIndex } from '../workspace';

export const governingServiceNotHeadless: WorkspaceRule = {
  code: 'governing-service-not-headless',
  severity: 'warning',
  description: 'The StatefulSet\'s governing Service has a cluster IP: pods get no per-pod DNS records (pod-0.svc...) through it.',
  check(ctx) {
    for (const sts of ctx.resources) {
      if (sts.kind !== 'StatefulSet' || !sts.name) continue;
      const gov = governingService(sts, ctx.settings, ctx.index);
      if (gov.doubt !== 'not-headless' || !gov.service || !gov.serviceName) continue;
      const svc = gov.service;
      const spec = isObj(svc.value?.spec) ? svc.value!.spec : {};
      const type = typeof spec.type === 'string' ? spec.type : 'ClusterIP';
      const ip = spec.clusterIP;
      const why = ip === undefined ? 'no clusterIP: None' : `clusterIP: ${JSON.stringify(ip)}`;
      const fixes: Fix[] = [];
      if (type === 'ClusterIP') {
        const edit = setKeyEdit(ctx.index, svc, ['spec'], 'clusterIP', 'None');
        if (edit) fixes.push({ title: `Make Service '${svc.name}' headless (clusterIP: None; on a live cluster the Service must be deleted and re-created, clusterIP is immutable)`, edits: [edit] });
      }
      const ns = namespaceOf(sts, ctx.settings.defaultNamespace);
      const headlessName = `${gov.serviceName}-headless`.slice(0, 63);
      if (!ctx.index.find('Service', ns, headlessName, ctx.settings.defaultNamespace).length) {
        const fix = separateServiceFix(ctx.index, sts, svc, headlessName);
        if (fix) fixes.push(fix);
      }
      ctx.report(sts, {
        path: ['spec', 'serviceName'],
        message: `Service '${gov.serviceName}' (type ${type}, ${why}) is not headless: pods get no per-pod DNS names like ${sts.name}-0.${gov.serviceName}.${ns}.svc.${ctx.settings.clusterDomain}. Use a headless Service (clusterIP: None) as serviceName${type !== 'ClusterIP' ? `; keep the ${type} Service for clients` : ''}.`,
        fixes,
        related: [{ uri: svc.uri, ...ctx.spanOf(svc, getIn(svc.root, ['spec', 'clusterIP']) ? ['spec', 'clusterIP'] : ['metadata', 'name']), message: `Service '${svc.name}'` }],
      });
    }
  },
};

/** Adds a separate headless Service (copying selector and ports) and points serviceName at it. */
function separateServiceFix(index: ResourceIndex, sts: Resource, svc: Resource, name: string): Fix | undefined {
  const range = nodeRange(getIn(sts.root, ['spec', 'serviceName']));
  if (!range) return undefined;
  const spec = isObj(svc.value?.spec) ? svc.value!.spec : {};
  const selector = isObj(spec.selector) && Object.keys(spec.selector).length ? spec.selector : templateLabels(sts.value);
  const ports = Array.isArray(spec.ports)
    ? spec.ports.filter(isObj).map((p) => {
        const out: Record<string, unknown> = {};
        for (const k of ['name', 'port', 'targetPort', 'protocol']) if (p[k] !== undefined) out[k] = p[k];
        return out;
      })
    : [];
  const doc = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, ...(sts.namespace ? { namespace: sts.namespace } : {}) },
    spec: { clusterIP: 'None', selector, ...(ports.length ? { ports } : {}) },
  };
  return {
    title: `Add headless Service '${name}' and use it as serviceName (serviceName is immutable: re-create the StatefulSet on a live cluster)`,
    edits: [
      { uri: sts.uri, start: sts.doc.offset + range[0], end: sts.doc.offset + range[1], newText: name },
      appendDocumentEdit(index, sts, stringify(doc, { indent: 2, indentSeq: false })),
    ],
  };
}
