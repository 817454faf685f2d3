// Refactors offered at a cursor, independent of findings: make a Service headless, give a StatefulSet a
// headless Service (in this file or a new one), add a storage request to a claim.
import { stringify } from 'yaml';
import { appendDocumentEdit, dirOf, namedPorts, podTemplate, setKeyEdit } from '../crossref';
import { addKey } from '../k8s/edit';
import { claimSpecsOf, isObj } from '../k8s/pod';
import { mapSelectorMatches } from '../k8s/selector';
import { namespaceOf, type Resource } from '../model';
import { governingService, templateLabels } from '../names';
import { getIn, nodeRange } from '../nodes';
import type { Project } from '../project';
import type { Finding, TextEdit } from '../types';
import type { CodeActionEntry } from './codeActions';

/** Refactors at `range`; `here` are the findings in it, `fileFindings` all of the file's (see codeActions). */
export function refactorsAt(project: Project, uri: string, range: { start: number; end: number }, here: Finding[], fileFindings: readonly Finding[]): CodeActionEntry[] {
  const model = project.getFile(uri);
  const r = model?.resources.find((x) => x.doc.offset <= range.start && range.start <= x.doc.offset + x.doc.text.length);
  if (!r) return [];
  const out: CodeActionEntry[] = [];
  if (r.kind === 'Service') out.push(...makeHeadless(project, r));
  if (r.kind === 'StatefulSet') out.push(...addHeadlessService(project, r, fileFindings));
  out.push(...addStorageRequest(r, range.start, here));
  return out;
}

function makeHeadless(project: Project, svc: Resource): CodeActionEntry[] {
  const spec = svc.value?.spec;
  if (!isObj(spec) || spec.clusterIP === 'None') return [];
  // NodePort and LoadBalancer Services cannot be headless; the user must change the type first.
  if ((spec.type ?? 'ClusterIP') !== 'ClusterIP') return [];
  const edit = setKeyEdit(project.index, svc, ['spec'], 'clusterIP', 'None');
  if (!edit) return [];
  return [{ title: `Convert Service '${svc.name ?? ''}' to headless (clusterIP: None)`, kind: 'refactor', edits: [edit], findingCodes: [] }];
}

function addHeadlessService(project: Project, sts: Resource, fileFindings: readonly Finding[]): CodeActionEntry[] {
  const settings = project.settings;
  const gov = governingService(sts, settings, project.index);
  if (!sts.name || (gov.doubt !== 'service-not-found' && gov.doubt !== 'no-service-name')) return [];
  const ns = namespaceOf(sts, settings.defaultNamespace);
  let name = gov.serviceName;
  if (!name) name = project.index.find('Service', ns, sts.name, settings.defaultNamespace).length ? `${sts.name}-headless`.slice(0, 63) : sts.name;
  const text = headlessServiceText(sts, name);
  const setName: TextEdit[] = [];
  if (!gov.serviceName) {
    const e = setKeyEdit(project.index, sts, ['spec'], 'serviceName', name);
    if (!e) return [];
    setName.push(e);
  }
  const out: CodeActionEntry[] = [];
  // governing-service-missing already offers the in-file insert; do not offer it twice.
  const covered = fileFindings.some((f) => f.code === 'governing-service-missing' && f.start >= sts.doc.offset && f.start <= sts.doc.offset + sts.doc.text.length);
  if (!covered) {
    out.push({
      title: `Add headless Service '${name}' for StatefulSet '${sts.name}' in this file`,
      kind: 'refactor',
      edits: [...setName, appendDocumentEdit(project.index, sts, text)],
      findingCodes: [],
    });
  }
  const fileUri = `${dirOf(sts.uri)}${name}-service.yaml`;
  if (!project.getFile(fileUri)) {
    out.push({
      title: `Create headless Service '${name}' in ${fileUri.slice(fileUri.lastIndexOf('/') + 1)}`,
      kind: 'refactor',
      edits: setName,
      createFiles: [{ uri: fileUri, text }],
      findingCodes: covered ? ['governing-service-missing'] : [],
    });
  }
  return out;
}

/** A headless Service selecting the StatefulSet's pods, publishing the containers' named ports. */
function headlessServiceText(sts: Resource, name: string): string {
  const labels = templateLabels(sts.value);
  const match = sts.value?.spec?.selector?.matchLabels;
  // The selector's matchLabels are the stable subset of the template labels: prefer them when they hold.
  const selector = isObj(match) && Object.keys(match).length && mapSelectorMatches(match, labels)
    ? Object.fromEntries(Object.entries(match).map(([k, v]) => [k, String(v)]))
    : labels;
  const t = podTemplate(sts);
  const ports = t ? [...namedPorts(t)].filter(([, p]) => p.port > 0).map(([n, p]) => ({ name: n, port: p.port, ...(p.protocol !== 'TCP' ? { protocol: p.protocol } : {}) })) : [];
  const doc = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, ...(sts.namespace ? { namespace: sts.namespace } : {}) },
    spec: { clusterIP: 'None', ...(Object.keys(selector).length ? { selector } : {}), ...(ports.length ? { ports } : {}) },
  };
  return stringify(doc, { indent: 2, indentSeq: false });
}

function addStorageRequest(r: Resource, offset: number, here: Finding[]): CodeActionEntry[] {
  const rel = offset - r.doc.offset;
  for (const c of claimSpecsOf(r)) {
    // A claim template counts when the cursor is inside it; a PVC when it is anywhere in the document.
    const holder = r.kind === 'StatefulSet' ? nodeRange(getIn(r.root, c.path.slice(0, -1))) : [0, r.doc.text.length];
    if (!holder || rel < holder[0] || rel > holder[1]) continue;
    const res = c.spec.resources;
    if (isObj(res) && isObj(res.requests) && res.requests.storage != null) continue;
    let edit: TextEdit | undefined;
    if (isObj(res) && isObj(res.requests)) edit = addKey(r, [...c.path, 'resources', 'requests'], 'storage', '1Gi');
    else if (isObj(res)) edit = addKey(r, [...c.path, 'resources'], 'requests', ['storage: 1Gi']);
    else if (res === undefined) edit = addKey(r, c.path, 'resources', ['requests:', '  storage: 1Gi']);
    if (!edit) continue;
    const fixes = here.some((f) => f.code === 'storage-request');
    return [{ title: `Add a storage request of 1Gi to ${c.what}`, kind: fixes ? 'quickfix' : 'refactor', edits: [edit], findingCodes: fixes ? ['storage-request'] : [] }];
  }
  return [];
}
