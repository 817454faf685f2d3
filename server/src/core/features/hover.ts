// Hover: schema documentation for fields, on a StatefulSet's names the pods, PVCs and DNS records it creates, on
// its env values with $(VAR) references the value each pod gets, and on its podManagementPolicy, updateStrategy and
// claim retention policy what they do to its own pods and claims, and on a claim's storageClassName what that class
// does with its volume.
import { isScalar } from 'yaml';
import { nodeAt, nodeRange, type PathSeg } from '../nodes';
import { describeDoubt, predictNames, type NamePrediction } from '../names';
import { namespaceOf, type Resource } from '../model';
import type { Project } from '../project';
import { fieldInfo } from '../schema';
import type { Span } from '../types';
import { expand, podVariables } from '../k8s/env';
import { arr, CONTAINER_LISTS, isCoreApi, obj } from '../k8s/pod';
import { immutableNote } from '../k8s/immutable';
import { lifecycle } from '../k8s/lifecycle';
import { storageClassNotes } from '../k8s/storage-class';
import { minor } from '../settings';
import { podTemplate } from '../crossref';

export interface HoverResult extends Span {
  markdown: string;
}

export interface HoverOptions {
  /** Markdown put under a StatefulSet's predicted names (an editor's link to what it generates), by set name. */
  namesLink?: (statefulSet: string) => string;
}

/** Rows shown in the names table before it is cut (first rows and the last one are kept). */
const MAX_ROWS = 10;

export function hover(project: Project, uri: string, offset: number, options: HoverOptions = {}): HoverResult | undefined {
  const model = project.getFile(uri);
  if (!model) return undefined;
  const r = model.resources.find((x) => offset >= x.doc.offset && offset <= x.doc.offset + x.doc.text.length);
  if (!r || !r.root || !r.kind) return undefined;
  const at = nodeAt(r.root, offset - r.doc.offset);
  if (!at || at.path.length === 0) return undefined;
  const target = at.onKey ? at.pair?.key : at.node;
  const rg = nodeRange(target) ?? nodeRange(at.pair?.key);
  if (!rg) return undefined;
  const span = { start: r.doc.offset + rg[0], end: r.doc.offset + rg[1] };
  const parts: string[] = [];
  if (r.kind === 'StatefulSet' && isNamePath(at.path)) {
    const link = r.name && options.namesLink ? `\n\n${options.namesLink(r.name)}` : '';
    parts.push(namesMarkdown(predictNames(r, project.settings, project.index)) + link);
  }
  if (r.kind === 'Service' && samePath(at.path, ['metadata', 'name'])) parts.push(governedMarkdown(project, r));
  if (r.kind === 'StatefulSet') {
    const values = envValueMarkdown(project, r, at.path);
    if (values) parts.push(values);
    const life = lifecycleMarkdown(project, r, at.path);
    if (life) parts.push(life);
  }
  const storage = storageClassMarkdown(project, r, at.path);
  if (storage) parts.push(storage);
  // Scalars under a key explain the key; hovering a collection value explains nothing new.
  if (at.onKey || isScalar(at.node) || parts.length) {
    const doc = fieldMarkdown(r.kind, at.path);
    const fixed = isCoreApi(r) ? immutableNote(r.kind, at.path) : undefined;
    if (doc) parts.push(fixed ? `${doc}\n\n**On an existing ${r.kind}**: ${fixed}` : doc);
  }
  if (!parts.length) return undefined;
  return { ...span, markdown: parts.join('\n\n---\n\n') };
}

function samePath(a: readonly PathSeg[], b: readonly PathSeg[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** The StatefulSet fields whose value shapes the names Kubernetes creates. */
function isNamePath(p: readonly PathSeg[]): boolean {
  return samePath(p, ['metadata', 'name']) || samePath(p, ['spec', 'replicas']) || samePath(p, ['spec', 'serviceName'])
    || (p.length === 5 && p[0] === 'spec' && p[1] === 'volumeClaimTemplates' && typeof p[2] === 'number' && p[3] === 'metadata' && p[4] === 'name')
    || samePath(p, ['spec', 'ordinals', 'start']);
}

function fieldMarkdown(kind: string, path: readonly PathSeg[]): string | undefined {
  let info;
  try {
    info = fieldInfo(kind, path);
  } catch {
    return undefined;
  }
  if (!info) return undefined;
  const head = `**${info.name}** \`${info.type}\`${info.required ? ' (required)' : ''}`;
  const values = info.enum?.length ? `\n\nValues: ${info.enum.map((v) => `\`${v}\``).join(', ')}` : '';
  return `${head}${info.description ? `\n\n${info.description}` : ''}${values}`;
}

function code(s: string): string {
  return `\`${s.replace(/`/g, "'")}\``;
}

/** Markdown table of the pods, PVCs and DNS names of a StatefulSet. */
export function namesMarkdown(p: NamePrediction): string {
  if (!p.name) return p.notes.join('\n\n') || 'No names can be predicted: metadata.name is missing.';
  const lines: string[] = [];
  const count = p.replicas;
  lines.push(`**StatefulSet ${code(p.name)}**: ${count} pod${count === 1 ? '' : 's'} in namespace ${code(p.namespace)}`);
  if (count > 0 && p.pods.length) {
    const claims = p.pvcs.map((c) => c.claim);
    const header = ['Ordinal', 'Pod', ...claims.map((c) => `PVC (${c})`), ...(p.podDNS.length ? ['DNS'] : [])];
    const rowOf = (k: number) => [String(p.ordinals[k]), code(p.pods[k]), ...p.pvcs.map((c) => code(c.names[k])), ...(p.podDNS.length ? [code(p.podDNS[k])] : [])];
    const rows: string[][] = [];
    const n = p.pods.length;
    if (n <= MAX_ROWS) for (let k = 0; k < n; k++) rows.push(rowOf(k));
    else {
      for (let k = 0; k < MAX_ROWS - 1; k++) rows.push(rowOf(k));
      rows.push(header.map(() => '…'));
      rows.push(rowOf(n - 1));
    }
    lines.push('', `| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`));
  }
  if (p.serviceDNS) lines.push('', `Service: ${code(p.serviceDNS)}`);
  if (p.srv.length) lines.push('', `SRV: ${p.srv.map(code).join(', ')}`);
  const doubt = describeDoubt(p.dnsDoubt, p.serviceName);
  if (doubt) lines.push('', `_${doubt}_`);
  for (const n of p.notes) lines.push('', n);
  return lines.join('\n');
}

/** The StatefulSets a Service governs (same namespace, serviceName = its name) and their pod DNS names. */
function governedMarkdown(project: Project, svc: Resource): string {
  const ns = namespaceOf(svc, project.settings.defaultNamespace);
  const sets = project.index.inNamespace('StatefulSet', ns, project.settings.defaultNamespace)
    .filter((s) => (s.value as { spec?: { serviceName?: unknown } } | undefined)?.spec?.serviceName === svc.name);
  const head = `**Service ${code(svc.name ?? '')}** (${code(`${svc.name}.${ns}.svc.${project.settings.clusterDomain}`)})`;
  if (!sets.length) return `${head}\n\nNo StatefulSet in the workspace names this Service as its serviceName.`;
  const lines = [head, '', `Governs ${sets.length} StatefulSet${sets.length === 1 ? '' : 's'}:`];
  for (const s of sets) {
    const p = predictNames(s, project.settings, project.index);
    const shown = p.podDNS.slice(0, 3).map(code).join(', ');
    const more = p.replicas > 3 ? ` … (${p.replicas})` : '';
    lines.push(`- ${code(s.name ?? '')}: ${p.replicas === 0 ? 'no pods' : shown + more}`);
  }
  return lines.join('\n');
}

/**
 * On an env value with $(VAR) references in a StatefulSet's pod template: the value each pod gets, expanded as the
 * kubelet does from the variables defined above it (pod name and namespace, template labels, earlier values).
 */
function envValueMarkdown(project: Project, r: Resource, path: readonly PathSeg[]): string | undefined {
  const t = podTemplate(r);
  const at = t ? t.specPath.length : 0;
  if (!t || path.length !== at + 5 || !t.specPath.every((seg, k) => path[k] === seg)) return undefined;
  const [list, index, envKey, i, valueKey] = path.slice(at);
  if (!CONTAINER_LISTS.some((l) => l === list) || typeof index !== 'number' || envKey !== 'env' || typeof i !== 'number' || valueKey !== 'value') return undefined;
  const env = arr(obj(arr(t.spec[list])[index]).env);
  const value = obj(env[i]).value;
  if (typeof value !== 'string' || !value.includes('$(')) return undefined;
  const p = predictNames(r, project.settings, project.index);
  if (!p.name || !p.pods.length) return undefined;
  const rowOf = (k: number) => {
    const vars = podVariables(env, i, { name: p.pods[k], namespace: p.namespace, ordinal: p.ordinals[k], labels: t.labels });
    return `| ${code(p.pods[k])} | ${cell(expand(value, vars))} |`;
  };
  const n = p.pods.length;
  const rows = n <= MAX_ROWS ? p.pods.map((_, k) => rowOf(k)) : [...p.pods.slice(0, MAX_ROWS - 1).map((_, k) => rowOf(k)), '| … | … |', rowOf(n - 1)];
  return ['**Value per pod** (the kubelet expands `$(…)` with the variables defined above it)', '', '| Pod | Value |', '|---|---|', ...rows].join('\n');
}

/**
 * On a StatefulSet's podManagementPolicy, updateStrategy (or minReadySeconds) and persistentVolumeClaimRetentionPolicy
 * (keys or values, at any depth): what the setting does to this set's pods and claims.
 */
function lifecycleMarkdown(project: Project, r: Resource, path: readonly PathSeg[]): string | undefined {
  // Another API's StatefulSet (OpenKruise's, say) has a controller of its own.
  if (path[0] !== 'spec' || !r.name || !isCoreApi(r)) return undefined;
  const field = path[1];
  const what = field === 'podManagementPolicy' ? 'scaling' : field === 'updateStrategy' || field === 'minReadySeconds' ? 'updates' : field === 'persistentVolumeClaimRetentionPolicy' ? 'claims' : undefined;
  if (!what) return undefined;
  const text = lifecycle(r.name, r.value, minor(project.settings))[what] ?? 'This StatefulSet has no volumeClaimTemplates: there are no claims to keep or delete.';
  return `**For ${code(r.name)}**: ${text}`;
}

/** On a claim's (a PVC's or a claim template's) storageClassName: the StorageClass of the workspace it names, and what it means. */
function storageClassMarkdown(project: Project, r: Resource, path: readonly PathSeg[]): string | undefined {
  if (path[path.length - 1] !== 'storageClassName' || !isCoreApi(r)) return undefined;
  let claimSpec: unknown;
  if (r.kind === 'PersistentVolumeClaim' && path.length === 2 && path[0] === 'spec') claimSpec = r.value?.spec;
  else if (r.kind === 'StatefulSet' && path.length === 5 && path[0] === 'spec' && path[1] === 'volumeClaimTemplates' && typeof path[2] === 'number' && path[3] === 'spec') {
    claimSpec = obj(arr(r.value?.spec?.volumeClaimTemplates)[path[2]]).spec;
  } else return undefined;
  const name = obj(claimSpec).storageClassName;
  if (typeof name !== 'string') return undefined;
  if (name === '') return 'An empty storageClassName asks for a volume without a class: nothing is provisioned, and a PersistentVolume with no storageClassName must be there to bind.';
  const classes = project.index.ofKind('StorageClass');
  const sc = classes.find((c) => c.name === name);
  if (!sc) {
    const known = [...new Set(classes.flatMap((c) => (c.name ? [c.name] : [])))];
    const others = known.length ? ` (it has ${known.slice(0, 5).map(code).join(', ')}${known.length > 5 ? ', …' : ''})` : '';
    return `No StorageClass ${code(name)} in the workspace${others}: the cluster must have it (\`kubectl get storageclass\`).`;
  }
  return [`**StorageClass ${code(name)}**`, '', ...storageClassNotes(sc.value).map((n) => `- ${n}`)].join('\n');
}

/** A value as code in a table cell: one line, pipes escaped, cut at 200 characters. */
function cell(v: string): string {
  const line = v.replace(/\r?\n/g, '\u21b5');
  return code(line.length > 200 ? `${line.slice(0, 199)}\u2026` : line).replace(/\|/g, '\\|');
}
