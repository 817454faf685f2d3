// "Show what Kubernetes creates": for a StatefulSet, the pods and PersistentVolumeClaims its controller
// will create, as YAML, with the DNS names in a comment header. What the controller writes is known:
// each pod gets `<set>-<ordinal>` as name and hostname, the governing Service as subdomain, the pod-name
// and pod-index labels, and one volume per claim template pointing at its claim `<claim>-<set>-<ordinal>`;
// each claim is a copy of its template with that name, the set's namespace and the set's selector labels
// (with a note when a PersistentVolume of the workspace is reserved for it, and whether it fits).
// Fields only a cluster knows (uid, controller-revision-hash, ownerReferences) are left out, and said so.
import { stringify } from 'yaml';
import { bindingMismatches, claimRefOf, reservesFor, type ClaimRef } from '../k8s/binding';
import { lifecycle } from '../k8s/lifecycle';
import type { Resource } from '../model';
import { describeDoubt, isObj, labelMap, predictNames, type NamePrediction } from '../names';
import type { Project } from '../project';
import { minor } from '../settings';

/** The LSP command (workspace/executeCommand) that answers with generatedResources. */
export const GENERATED_RESOURCES_COMMAND = 'statefulset.generatedResources';

/** Ordinals written out in full; the header still counts them all. */
export const MAX_GENERATED_ORDINALS = 50;

export interface GeneratedResources {
  /** A file-name-like title: `web.generated.yaml`, or `<file>.generated.yaml` for several sets. */
  title: string;
  /** YAML text: a comment header per StatefulSet, then its Pods and PersistentVolumeClaims. */
  text: string;
  /** The StatefulSets shown, by name. */
  sets: string[];
  /** How many StatefulSets the file has (more than `sets` when one was picked, or when a whole file's were capped). */
  of: number;
  /** Whether this shows the whole file (not one StatefulSet picked by position or name); a view of it follows the file. */
  whole: boolean;
}

/**
 * StatefulSets an editor's view of a whole file shows (the view follows the file as it is edited): a file of
 * 1,000 sets would make 2.8 MB of YAML, 0.4 s of work at every edit, for nobody to read. The rest are named.
 */
export const MAX_VIEW_SETS = 20;

/**
 * The objects the StatefulSets of `uri` make Kubernetes create. `pick` chooses one: an offset (the
 * StatefulSet whose document holds it; every StatefulSet of the file when that document is none) or a
 * name (that StatefulSet only: a view that follows one set as its file is edited). `maxSets` caps how many
 * a whole-file answer shows (the command line shows them all). Undefined when there is nothing to show.
 */
export function generatedResources(project: Project, uri: string, pick?: number | string, maxSets = Infinity): GeneratedResources | undefined {
  const model = project.getFile(uri);
  if (!model) return undefined;
  const sets = model.resources.filter((r) => r.kind === 'StatefulSet' && r.value);
  const chosen = typeof pick === 'string'
    ? sets.find((r) => r.name === pick)
    : pick === undefined ? undefined : sets.find((r) => pick >= r.doc.offset && pick <= r.doc.offset + r.doc.text.length);
  if (typeof pick === 'string' && !chosen) return undefined;
  const shown = chosen ? [chosen] : sets.slice(0, Math.max(1, maxSets));
  if (!shown.length) return undefined;
  const parts = shown.map((r) => setText(r, predictNames(r, project.settings, project.index), project));
  const file = uri.slice(uri.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '') || 'statefulsets';
  const whole = !chosen;
  const title = `${shown.length === 1 && (!whole || sets.length === 1) && shown[0].name ? shown[0].name : file}.generated.yaml`;
  if (whole && shown.length < sets.length) {
    const rest = sets.slice(shown.length).map((r) => r.name ?? '(unnamed)');
    const named = rest.length > 10 ? `${rest.slice(0, 10).join(', ')} and ${rest.length - 10} more` : rest.join(', ');
    const note = `The file has ${sets.length} StatefulSets: the first ${shown.length} are shown. Not shown: ${named}. Put the cursor in one of them and run the command again to see it.`;
    parts[0] = `${wrap(note, HEADER_WIDTH).map((l) => `# ${l}`).join('\n')}\n${parts[0]}`;
  }
  return { title, text: parts.join('---\n'), sets: shown.map((r) => r.name ?? ''), of: sets.length, whole };
}

function setText(r: Resource, p: NamePrediction, project: Project): string {
  const spec = obj(r.value?.spec);
  const header: string[] = [`What Kubernetes creates for StatefulSet ${p.name || '(unnamed)'} in namespace ${p.namespace}.`];
  if (p.name && p.replicas > 0) {
    const life = lifecycle(p.name, r.value, minor(project.settings));
    header.push(life.scaling, life.updates);
    if (p.pvcs.length) header.push(`Each pod keeps its PersistentVolumeClaims (${p.pvcs.map((c) => `${c.claim}-${p.name}-<ordinal>`).join(', ')}) when it is rescheduled or replaced. ${life.claims}`);
  }
  if (p.serviceDNS) header.push(`Governing Service ${p.serviceName}: ${p.serviceDNS}`);
  if (p.podDNS.length) header.push('Pod DNS names:', ...p.podDNS.slice(0, MAX_GENERATED_ORDINALS).map((d) => `  - ${d}`));
  if (p.srv.length) header.push('SRV records:', ...p.srv.map((s) => `  - ${s}`));
  const doubt = describeDoubt(p.dnsDoubt, p.serviceName);
  if (doubt) header.push(doubt);
  header.push(...p.notes);
  const n = Math.min(p.pods.length, MAX_GENERATED_ORDINALS);
  if (n < p.replicas) header.push(`Only the first ${n} of ${p.replicas} ordinals are written out below.`);
  if (n > 0) header.push('Left out: what only the cluster knows (uid, the controller-revision-hash label, ownerReferences), and the rest of the pod spec, which is the template\'s.');
  const docs: string[] = [];
  const templateLabels = labelMap(obj(obj(spec.template).metadata).labels);
  const selectorLabels = labelMap(obj(spec.selector).matchLabels);
  // Each claim's template (the first of its name, as the controller reads them), looked up once, not per ordinal.
  const templateOf = new Map<string, Record<string, any>>();
  for (const t of Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []) {
    const name = obj(obj(t).metadata).name;
    if (typeof name === 'string' && !templateOf.has(name)) templateOf.set(name, obj(t));
  }
  // PersistentVolumes by the claim name their claimRef reserves them for (looked at once, not per claim).
  const reserved = new Map<string, { pv: Resource; ref: ClaimRef }[]>();
  for (const pv of project.index.ofKind('PersistentVolume')) {
    const ref = claimRefOf(pv.value?.spec);
    if (ref) reserved.set(ref.name, [...(reserved.get(ref.name) ?? []), { pv, ref }]);
  }
  for (let k = 0; k < n; k++) {
    const pod = p.pods[k];
    const claims = p.pvcs.map((c) => ({ volume: c.claim, claimName: c.names[k] }));
    docs.push(yamlDoc({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: pod, namespace: p.namespace, labels: { ...templateLabels, ...p.podIndexLabels[k].labels } },
      spec: {
        hostname: p.hostnames[k],
        ...(p.serviceName ? { subdomain: p.serviceName } : {}),
        ...(claims.length ? { volumes: claims.map((c) => ({ name: c.volume, persistentVolumeClaim: { claimName: c.claimName } })) } : {}),
      },
    }));
    for (const c of p.pvcs) {
      const t = templateOf.get(c.claim) ?? {};
      const meta = obj(t.metadata);
      docs.push(bindingNote(reserved.get(c.names[k]), p.namespace, c.names[k], obj(t.spec)) + yamlDoc({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name: c.names[k],
          namespace: p.namespace,
          // The controller copies the template's labels and adds the set's selector labels.
          labels: { ...labelMap(meta.labels), ...selectorLabels },
          ...(isObj(meta.annotations) ? { annotations: meta.annotations } : {}),
        },
        ...(t.spec !== undefined ? { spec: t.spec } : {}),
      }));
    }
  }
  const comment = header.flatMap((h) => h.split('\n')).flatMap((l) => wrap(l, HEADER_WIDTH)).map((l) => `# ${l}`.trimEnd());
  return `${comment.join('\n')}\n${docs.length ? '---\n' : ''}${docs.join('---\n')}`;
}

/** Header lines are wrapped to this many characters (a preview usually opens in half the window). */
const HEADER_WIDTH = 88;

/** `line` cut at spaces into lines of at most `width` characters (a longer word stays whole); continuations indented. */
function wrap(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let cur = '';
  for (const word of line.split(' ')) {
    if (cur && cur.length + 1 + word.length > width) {
      out.push(cur);
      cur = `    ${word}`;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Comment lines above a claim that a PersistentVolume of the workspace is reserved for (its claimRef):
 * which volume it binds, or why the PV controller will not bind them (size, class, mode, access modes).
 */
function bindingNote(pvs: readonly { pv: Resource; ref: ClaimRef }[] | undefined, ns: string, claim: string, spec: Record<string, any>): string {
  const lines: string[] = [];
  for (const { pv, ref } of pvs ?? []) {
    if (!reservesFor(ref, claim, ns) || !pv.name) continue;
    const problems = bindingMismatches(spec, obj(pv.value!.spec)).map((m) => m.text('the claim template'));
    lines.push(problems.length
      ? `PersistentVolume ${pv.name} is reserved for this claim (claimRef) but cannot bind it: ${problems.join('; ')}.`
      : `PersistentVolume ${pv.name} is reserved for this claim (claimRef) and fits it.`);
  }
  return lines.flatMap((l) => wrap(l, HEADER_WIDTH)).map((l) => `# ${l}\n`).join('');
}

/** One YAML document; shared objects written out in full (no anchors), and nothing deeper than the API nests. */
function yamlDoc(value: Record<string, unknown>): string {
  return stringify(bounded(value, 0), { aliasDuplicateObjects: false, lineWidth: 0 });
}

/** A copy without cycles or runaway depth (a document's value can share objects through YAML aliases). */
function bounded(v: unknown, depth: number): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (depth > 32) return '…';
  if (Array.isArray(v)) return v.map((x) => bounded(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = bounded((v as Record<string, unknown>)[k], depth + 1);
  return out;
}

function obj(v: unknown): Record<string, any> {
  return isObj(v) ? v : {};
}
