// Completion of names that refer to other objects: Services, claims, ConfigMaps, StorageClasses, PVs, pod volumes.
import { namedPorts, plainAt, selectedBy } from '../crossref';
import { isObj } from '../k8s/pod';
import { namespaceOf, type Resource } from '../model';
import { claimTemplateNames, ordinalRange, pvcName } from '../names';
import type { Project } from '../project';
import type { CompletionEntry } from './completion';
import { nameOccurrences } from './nameRefs';
import type { ContextPath } from './yamlContext';

type Entry = CompletionEntry;
type Span = { start: number; end: number };

/** Candidates when `path` (ending with the key being valued) is a by-name reference; undefined otherwise. */
export function referenceCandidates(project: Project, r: Resource | undefined, kind: string | undefined, ns: string, path: ContextPath, replace: Span): Entry[] | undefined {
  const keys = path.filter((s): s is string => typeof s === 'string');
  const key = keys[keys.length - 1];
  const parent = keys[keys.length - 2];
  const endsInItem = typeof path[path.length - 2] === 'number';
  if (kind === 'StatefulSet' && path.length === 2 && path[0] === 'spec' && key === 'serviceName') return services(project, ns, replace);
  if (key === 'name' && endsInItem && (parent === 'volumeMounts' || parent === 'volumeDevices')) return volumes(r, replace);
  if (key === 'claimName' && parent === 'persistentVolumeClaim') return claimsFor(project, ns, replace);
  if (key === 'key' && parent === 'configMapKeyRef') return configMapKeys(project, ns, plainAt(r?.value, path.slice(0, -1)), replace);
  if (key === 'key' && parent === 'items' && keys[keys.length - 3] === 'configMap') return configMapKeys(project, ns, plainAt(r?.value, path.slice(0, -3)), replace);
  if (key === 'name' && (parent === 'configMap' || parent === 'configMapKeyRef' || parent === 'configMapRef')) return named(project, 'ConfigMap', ns, 'ConfigMap', replace);
  if (key === 'storageClassName') return named(project, 'StorageClass', undefined, 'StorageClass', replace);
  if (kind === 'PersistentVolume' && key === 'name' && parent === 'claimRef' && path.length === 3) {
    const claimNs = r?.value?.spec?.claimRef?.namespace;
    return claimsFor(project, typeof claimNs === 'string' && claimNs ? claimNs : project.settings.defaultNamespace, replace);
  }
  if (kind === 'Service' && key === 'targetPort' && parent === 'ports' && path.length === 4) return targetPorts(project, r, ns, replace);
  if (key === 'namespace' && (path.length === 2 && path[0] === 'metadata' || parent === 'claimRef')) return namespaces(project, replace);
  if (key === 'volumeName' && parent === 'spec' && (kind === 'PersistentVolumeClaim' || keys.includes('volumeClaimTemplates'))) return named(project, 'PersistentVolume', undefined, 'PersistentVolume', replace);
  return undefined;
}

/** Services of the namespace, headless ones first: only those give the pods DNS names. */
function services(project: Project, ns: string, replace: Span): Entry[] {
  const headless: Entry[] = [];
  const other: Entry[] = [];
  const seen = new Set<string>();
  for (const s of project.index.ofKind('Service')) {
    if (!s.name || seen.has(s.name) || namespaceOf(s, project.settings.defaultNamespace) !== ns) continue;
    seen.add(s.name);
    const isHeadless = s.value?.spec?.clusterIP === 'None';
    (isHeadless ? headless : other).push({
      label: s.name,
      kind: 'reference',
      detail: isHeadless ? `headless Service in ${ns}` : `Service in ${ns} (not headless: no per-pod DNS records)`,
      documentation: `Declared in ${fileName(s.uri)}`,
      insertText: s.name,
      isSnippet: false,
      replace,
    });
  }
  return [...headless, ...other];
}

/** Objects of `kind` by name; `ns` undefined for cluster-scoped kinds. */
function named(project: Project, kind: string, ns: string | undefined, label: string, replace: Span): Entry[] {
  const out: Entry[] = [];
  const seen = new Set<string>();
  for (const x of project.index.ofKind(kind)) {
    if (!x.name || seen.has(x.name)) continue;
    if (ns !== undefined && namespaceOf(x, project.settings.defaultNamespace) !== ns) continue;
    seen.add(x.name);
    out.push({ label: x.name, kind: 'reference', detail: ns !== undefined ? `${label} in ${ns}` : label, documentation: `Declared in ${fileName(x.uri)}`, insertText: x.name, isSnippet: false, replace });
  }
  return out;
}

/** PVCs of a namespace plus the ones its StatefulSets' claim templates will create (for pre-bound PVs). */
function claimsFor(project: Project, ns: string, replace: Span): Entry[] {
  const out = named(project, 'PersistentVolumeClaim', ns, 'PersistentVolumeClaim', replace);
  const seen = new Set(out.map((e) => e.label));
  for (const sts of project.index.ofKind('StatefulSet')) {
    if (!sts.name || namespaceOf(sts, project.settings.defaultNamespace) !== ns) continue;
    const { replicas, start } = ordinalRange(sts.value);
    for (const claim of claimTemplateNames(sts.value)) {
      // A handful per set is what pre-provisioning needs; thousands of replicas would flood the list.
      for (let i = start; i < start + Math.min(replicas, 20); i++) {
        const n = pvcName(claim, sts.name, i);
        if (seen.has(n)) continue;
        seen.add(n);
        out.push({ label: n, kind: 'reference', detail: `PVC of StatefulSet ${sts.name} (claim template ${claim}, pod ${i})`, insertText: n, isSnippet: false, replace });
      }
    }
  }
  return out;
}

/** Keys of the ConfigMap named by `ref.name` (a configMapKeyRef or a configMap volume source). */
function configMapKeys(project: Project, ns: string, ref: unknown, replace: Span): Entry[] {
  const name = isObj(ref) && typeof ref.name === 'string' ? ref.name : undefined;
  if (!name) return [];
  const out: Entry[] = [];
  const seen = new Set<string>();
  for (const cm of project.index.find('ConfigMap', ns, name, project.settings.defaultNamespace)) {
    for (const field of ['data', 'binaryData']) {
      const m = cm.value?.[field];
      if (!isObj(m)) continue;
      for (const k of Object.keys(m)) {
        if (seen.has(k)) continue;
        seen.add(k);
        out.push({ label: k, kind: 'reference', detail: `${field} key of ConfigMap ${name}`, insertText: k, isSnippet: false, replace });
      }
    }
  }
  return out;
}

/** Named container ports of the pods this Service selects: a named targetPort survives port renumbering. */
function targetPorts(project: Project, svc: Resource | undefined, ns: string, replace: Span): Entry[] {
  const out: Entry[] = [];
  const seen = new Set<string>();
  for (const { w, t } of selectedBy(project.index, ns, project.settings.defaultNamespace, svc?.value?.spec?.selector)) {
    for (const [name, p] of namedPorts(t)) {
      if (seen.has(name)) continue;
      seen.add(name);
      out.push({ label: name, kind: 'reference', detail: `containerPort ${p.port}/${p.protocol} of ${w.kind} ${w.name ?? ''}`, insertText: name, isSnippet: false, replace });
    }
  }
  return out;
}

/** Namespaces seen in the workspace: Namespace objects and every metadata.namespace written. */
function namespaces(project: Project, replace: Span): Entry[] {
  const names = new Set<string>();
  for (const n of project.index.ofKind('Namespace')) if (n.name) names.add(n.name);
  for (const u of project.index.uris()) for (const x of project.index.get(u)?.resources ?? []) if (x.namespace) names.add(x.namespace);
  return [...names].sort().map((n) => ({ label: n, kind: 'reference' as const, detail: 'namespace', insertText: n, isSnippet: false, replace }));
}

/** Pod template volumes and claim templates of the resource being edited. */
function volumes(r: Resource | undefined, replace: Span): Entry[] {
  if (!r) return [];
  const out: Entry[] = [];
  const seen = new Set<string>();
  const templates: unknown = r.value?.spec?.volumeClaimTemplates;
  const claims = new Set(Array.isArray(templates) ? templates.map((t) => t?.metadata?.name) : []);
  for (const o of nameOccurrences(r)) {
    if (o.target !== 'volume' || o.role !== 'decl' || seen.has(o.name)) continue;
    seen.add(o.name);
    out.push({ label: o.name, kind: 'reference', detail: claims.has(o.name) ? 'volumeClaimTemplate' : 'pod volume', insertText: o.name, isSnippet: false, replace });
  }
  return out;
}

function fileName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}
