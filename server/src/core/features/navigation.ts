// Go to definition, find references and rename between names that point at each other across files.
// Pairs: serviceName <-> Service, volumeMount <-> volume / claim template, claimName <-> PVC,
// configMap references <-> ConfigMap, PVC volumeName <-> PV, PV claimRef <-> PVC. Namespace-aware.
// Definition only: a Service's named targetPort -> the container ports of the pods it selects.
import { claimTemplateOwner } from '../crossref';
import { namespaceOf, type Resource } from '../model';
import { dns1123LabelErrors, dns1123SubdomainErrors, rfc1035LabelErrors } from '../k8s/validation';
import { getIn, nodeRange } from '../nodes';
import type { Project } from '../project';
import type { TextEdit } from '../types';
import { nameOccurrences, nameRefs, type NameOccurrence, type NameTarget } from './nameRefs';
import { targetPortDefinition } from './portNav';

export interface Location {
  uri: string;
  start: number;
  end: number;
}

interface Hit {
  r: Resource;
  occ: NameOccurrence;
}

/** Occurrences that denote the same object: same target, same scope, same name. */
function identity(h: Hit, defaultNs: string): string {
  const { r, occ } = h;
  if (occ.target === 'volume') return `volume\u0000${r.uri}\u0000${r.doc.index}\u0000${occ.name}`;
  // PersistentVolumes are cluster-scoped: no namespace in their identity.
  const ns = occ.target === 'PersistentVolume' ? '' : occ.namespace ?? namespaceOf(r, defaultNs);
  return `${occ.target}\u0000${ns}\u0000${occ.name}`;
}

/** The name occurrence under `offset` in `uri`, if any. */
export function occurrenceAt(project: Project, uri: string, offset: number): Hit | undefined {
  const model = project.getFile(uri);
  if (!model) return undefined;
  for (const r of model.resources) {
    const rel = offset - r.doc.offset;
    if (rel < 0 || rel > r.doc.text.length) continue;
    for (const occ of nameOccurrences(r)) {
      if (rel >= occ.start && rel <= occ.end) return { r, occ };
    }
  }
  return undefined;
}

/**
 * Every occurrence (declarations and references) denoting the same object as `h`: in all files, or only
 * among `within` when given.
 */
function related(project: Project, h: Hit, within?: readonly Resource[]): Hit[] {
  const ns = project.settings.defaultNamespace;
  const id = identity(h, ns);
  const candidates: readonly Resource[] = h.occ.target === 'volume' ? [h.r] : within ?? allResources(project);
  const out: Hit[] = [];
  for (const r of candidates) {
    // The plain values rule out nearly every document: only those that name it get placed (a tree parse).
    if (!nameRefs(r).some((x) => x.target === h.occ.target && x.name === h.occ.name)) continue;
    for (const occ of nameOccurrences(r)) {
      if (occ.target !== h.occ.target || occ.name !== h.occ.name) continue;
      const other = { r, occ };
      if (identity(other, ns) === id) out.push(other);
    }
  }
  return out;
}

function allResources(project: Project): Resource[] {
  const out: Resource[] = [];
  for (const u of project.index.uris()) out.push(...(project.index.get(u)?.resources ?? []));
  return out;
}

function loc(h: Hit): Location {
  return { uri: h.r.uri, start: h.r.doc.offset + h.occ.start, end: h.r.doc.offset + h.occ.end };
}

export function definition(project: Project, uri: string, offset: number): Location[] {
  const h = occurrenceAt(project, uri, offset);
  if (!h) {
    const svc = project.getFile(uri)?.resources.find((r) => r.kind === 'Service' && r.doc.offset <= offset && offset <= r.doc.offset + r.doc.text.length);
    return (svc && targetPortDefinition(project, svc, offset - svc.doc.offset)) ?? [];
  }
  // On a declaration, answer itself: editors then offer the references instead.
  if (h.occ.role === 'decl') return [loc(h)];
  const decls = related(project, h).filter((x) => x.occ.role === 'decl').map(loc);
  if (decls.length || h.occ.target !== 'PersistentVolumeClaim') return decls;
  // No such PVC object, but a StatefulSet claim template creates it (`<claim>-<set>-<ordinal>`): go there.
  const ns = h.occ.namespace ?? namespaceOf(h.r, project.settings.defaultNamespace);
  const owner = claimTemplateOwner(project.index, ns, h.occ.name, project.settings.defaultNamespace);
  const rg = owner && nodeRange(getIn(owner.sts.root, ['spec', 'volumeClaimTemplates', owner.templateIndex, 'metadata', 'name']));
  return owner && rg ? [{ uri: owner.sts.uri, start: owner.sts.doc.offset + rg[0], end: owner.sts.doc.offset + rg[1] }] : [];
}

export function references(project: Project, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const h = occurrenceAt(project, uri, offset);
  if (!h) return [];
  return related(project, h).filter((x) => includeDeclaration || x.occ.role === 'ref').map(loc);
}

export interface Highlight extends Location {
  /** A declaration (the Service's own name, a claim template's name) rather than a reference to it. */
  write: boolean;
}

/** The occurrences in `uri` of the name under `offset` (the editor's document highlight). */
export function highlights(project: Project, uri: string, offset: number): Highlight[] {
  const h = occurrenceAt(project, uri, offset);
  const model = project.getFile(uri);
  if (!h || !model) return [];
  return related(project, h, model.resources).map((x) => ({ ...loc(x), write: x.occ.role === 'decl' })).sort((a, b) => a.start - b.start);
}

export function prepareRename(project: Project, uri: string, offset: number): { start: number; end: number; placeholder: string } | undefined {
  const h = occurrenceAt(project, uri, offset);
  if (!h) return undefined;
  const l = loc(h);
  return { start: l.start, end: l.end, placeholder: h.occ.name };
}

/** What the API server requires of each kind of name (a claim template name is also a volume name). */
const NAME_RULES: Record<NameTarget, [string, (s: string) => string[]]> = {
  Service: ['A Service name', rfc1035LabelErrors],
  PersistentVolumeClaim: ['A PersistentVolumeClaim name', dns1123SubdomainErrors],
  ConfigMap: ['A ConfigMap name', dns1123SubdomainErrors],
  PersistentVolume: ['A PersistentVolume name', dns1123SubdomainErrors],
  volume: ['A volume name', dns1123LabelErrors],
};

/**
 * Why `newName` cannot replace the name at `offset` (the API server would reject it), or undefined.
 * Editors show this instead of applying a rename that breaks every manifest it touches.
 */
export function renameProblem(project: Project, uri: string, offset: number, newName: string): string | undefined {
  const h = occurrenceAt(project, uri, offset);
  if (!h) return undefined;
  const name = newName.trim();
  if (name === '') return 'The new name is empty.';
  const [what, check] = NAME_RULES[h.occ.target];
  const errors = check(name);
  return errors.length ? `${what} ${errors.join('; ')}: '${name}' is not valid.` : undefined;
}

export function rename(project: Project, uri: string, offset: number, newName: string): TextEdit[] {
  const h = occurrenceAt(project, uri, offset);
  const name = newName.trim();
  if (!h || name === '' || name === h.occ.name) return [];
  const seen = new Set<string>();
  const edits: TextEdit[] = [];
  for (const x of related(project, h)) {
    const l = loc(x);
    const k = `${l.uri}\u0000${l.start}`;
    if (seen.has(k)) continue;
    seen.add(k);
    edits.push({ ...l, newText: name });
  }
  return edits;
}
