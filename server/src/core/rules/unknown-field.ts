// Fields the API server does not know at any depth (kubectl --validate=strict rejects them), with "did you mean".
import { KNOWN_KINDS, type Resource } from '../model';
import { isObj } from '../names';
import { eachContainer, POD_SPEC_PATH, RESOURCE_LISTS, type Obj } from '../k8s/pod';
import { getPairIn, type PathSeg } from '../nodes';
import type { DocRule, RuleContext } from '../rule';
import { definition, objectOf, typeAt } from '../schema/index';
import { quoteList, suggest } from '../schema/suggest';
import { humanPath, schemaSubject } from '../schema/support';
import { validateDocument } from '../schema/validate';
import type { Fix } from '../types';

export const unknownField: DocRule = {
  code: 'unknown-field',
  severity: 'error',
  description: 'A field the Kubernetes API does not define (often a typo, wrong case or wrong indentation): the API server rejects it.',
  kinds: KNOWN_KINDS,
  check(resource, ctx) {
    // After a syntax error: the document with its broken lines blanked (support.ts).
    const subject = schemaSubject(resource, ctx.settings.limits);
    if (!subject) return;
    const { kind, r } = subject;
    for (const p of validateDocument(kind, r.value!)) {
      // `$patch`, `$setElementOrder/...`, `$retainKeys`: strategic-merge-patch directives in kustomize patches.
      if (p.code !== 'unknown-field' || p.key.startsWith('$')) continue;
      const pair = getPairIn(r.root, [...p.path, p.key]);
      const owner = objectOf(typeAt(kind, p.path)) ?? 'this object';
      const fields = Object.keys(definition(owner)?.properties ?? {});
      const present = keysAt(r.value, p.path);
      const all = suggest(p.key, fields);
      // Renaming onto a key that is already set would only trade this error for a duplicate key.
      const s = { names: all.names.filter((n) => !present.includes(n)), confident: all.confident };
      const taken = all.names.filter((n) => present.includes(n));
      let message = `Unknown field "${p.key}" in ${owner}`;
      const fixes: Fix[] = [];
      if (s.names.length) {
        message += `: did you mean ${quoteList(s.names)}?`;
        for (const n of s.names) fixes.push(rename(r, ctx, pair?.key, n, s.confident && s.names.length === 1));
      } else if (taken.length) {
        message += ` (${quoteList(taken)} is already set here: remove this one).`;
      } else if (DEPLOYMENT_FIELDS[`${owner}.${p.key}`] !== undefined) {
        const instead = DEPLOYMENT_FIELDS[`${owner}.${p.key}`];
        message += `: "${p.key}" is a Deployment field${instead ? `; a StatefulSet uses "${instead}"` : ' with no StatefulSet equivalent'}.`;
        if (instead) fixes.push(rename(r, ctx, pair?.key, instead, false));
      } else if (owner === 'LabelSelector') {
        // `selector: {app: web}` is the Service style; workload selectors nest labels under matchLabels.
        message += `: a ${kind} selector lists labels under matchLabels (selector: {matchLabels: {${p.key}: ...}}).`;
      } else {
        const moved = relocation(kind, p.path, p.key);
        message += moved ? `: ${moved}` : ' (the API server rejects unknown fields).';
      }
      ctx.report(r, { node: pair?.key, path: [...p.path, p.key], message, fixes: fixes.filter((f) => f.edits.length) });
    }
    checkResourceNames(r, ctx, kind);
  },
};

/** Fields people carry over from Deployments, and the StatefulSet field that does the job ('' = none). */
const DEPLOYMENT_FIELDS: Record<string, string> = {
  'StatefulSetSpec.strategy': 'updateStrategy',
  'StatefulSetSpec.progressDeadlineSeconds': '',
  'StatefulSetSpec.paused': '',
};

function keysAt(root: unknown, path: readonly PathSeg[]): string[] {
  let cur = root;
  for (const seg of path) cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[seg] : undefined;
  return cur && typeof cur === 'object' && !Array.isArray(cur) ? Object.keys(cur) : [];
}

function rename(r: Resource, ctx: RuleContext, key: unknown, name: string, preferred: boolean): Fix {
  const span = ctx.span(r, key);
  return { title: `Rename to "${name}"`, edits: span ? [{ uri: r.uri, ...span, newText: name }] : [], ...(preferred ? { isPreferred: true } : {}) };
}

/** A field written at the wrong level: it exists a few levels up, or in a child object. */
function relocation(kind: string, path: PathSeg[], key: string): string | undefined {
  const keyDepth = (p: PathSeg[]) => p.filter((s) => typeof s === 'string').length;
  for (let i = path.length - 1, hops = 0; i >= 0 && hops < 3; i--) {
    if (typeof path[i] === 'number') continue;
    hops++;
    const up = path.slice(0, i);
    const d = definition(objectOf(typeAt(kind, up)));
    if (d && Object.prototype.hasOwnProperty.call(d.properties, key)) {
      const levels = keyDepth(path) - keyDepth(up);
      const where = up.length ? `"${humanPath(up)}"` : 'the top level';
      return `"${key}" belongs under ${where}, ${levels} level${levels === 1 ? '' : 's'} up: check the indentation.`;
    }
  }
  const here = definition(objectOf(typeAt(kind, path)));
  let homes: string[] = [];
  for (const [child, t] of Object.entries(here?.properties ?? {})) {
    const d = definition(objectOf(t));
    if (d && Object.prototype.hasOwnProperty.call(d.properties, key)) homes.push(t.type === 'array' ? `${child}[]` : child);
  }
  // Ephemeral containers cannot be set on a template anyway: mention them only when nothing else fits.
  if (homes.length > 1) homes = homes.filter((h) => h !== 'ephemeralContainers[]');
  if (homes.length) return `"${key}" is a field of ${homes.map((h) => `"${h}"`).join(' / ')}: it belongs one level down.`;
  return undefined;
}

// Resource names without a `/` must be standard ones; a misspelled name is rejected like an unknown field.
const CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
const VOLUME_RESOURCES = ['storage'];
const HUGEPAGES = /^hugepages-/;

/** A field of a mapping value, else undefined. */
const field = (v: unknown, key: string): unknown => (isObj(v) ? v[key] : undefined);

function checkResourceNames(r: Resource, ctx: RuleContext, kind: string): void {
  // Read from the value, and build paths only for a `resources` that has a name to report; the tree
  // only to point at a name that is wrong.
  const spec = field(r.value, 'spec');
  if (kind === 'StatefulSet') {
    checkContainers(r, ctx, field(field(spec, 'template'), 'spec'), POD_SPEC_PATH);
    const claims = field(spec, 'volumeClaimTemplates');
    if (!Array.isArray(claims)) return;
    for (let i = 0; i < claims.length; i++) {
      const res = field(field(claims[i], 'spec'), 'resources');
      if (hasUnknownName(res, VOLUME_RESOURCES, undefined)) visit(r, ctx, res as Obj, ['spec', 'volumeClaimTemplates', i, 'spec', 'resources'], VOLUME_RESOURCES, undefined);
    }
  } else if (kind === 'Pod') {
    checkContainers(r, ctx, spec, ['spec']);
  } else if (kind === 'PersistentVolumeClaim') {
    const res = field(spec, 'resources');
    if (hasUnknownName(res, VOLUME_RESOURCES, undefined)) visit(r, ctx, res as Obj, ['spec', 'resources'], VOLUME_RESOURCES, undefined);
  }
}

function checkContainers(r: Resource, ctx: RuleContext, podSpec: unknown, podSpecPath: readonly PathSeg[]): void {
  if (!isObj(podSpec)) return;
  eachContainer(podSpec, (c, list, i) => {
    const res = c.resources;
    if (hasUnknownName(res, CONTAINER_RESOURCES, HUGEPAGES)) visit(r, ctx, res as Obj, [...podSpecPath, list, i, 'resources'], CONTAINER_RESOURCES, HUGEPAGES);
  });
}

const isStandard = (k: string, names: string[], extra: RegExp | undefined): boolean => k.includes('/') || names.includes(k) || (!!extra && extra.test(k));

/** Whether the requests or limits of a `resources` value name a resource that is not standard. */
function hasUnknownName(res: unknown, names: string[], extra: RegExp | undefined): boolean {
  for (const list of RESOURCE_LISTS) {
    const m = field(res, list);
    if (isObj(m)) for (const k of Object.keys(m)) if (!isStandard(k, names, extra)) return true;
  }
  return false;
}

/** Reports the names of `res` (at `path`) that are not standard. */
function visit(r: Resource, ctx: RuleContext, res: Obj, path: readonly PathSeg[], names: string[], extra: RegExp | undefined): void {
  for (const list of RESOURCE_LISTS) {
    const m = res[list];
    if (!isObj(m)) continue;
    for (const k of Object.keys(m)) {
      if (isStandard(k, names, extra)) continue;
      // A key the value got from a merge (`<<`) has no pair of its own to point at.
      const key = getPairIn(r.root, [...path, list, k])?.key;
      if (!key) continue;
      const s = suggest(k, names);
      ctx.report(r, {
        node: key,
        message: `Unknown resource name "${k}" in ${list}${s.names.length ? `: did you mean ${quoteList(s.names)}?` : `: use ${quoteList(names)} or a domain-prefixed extended resource.`}`,
        fixes: s.names.map((n) => rename(r, ctx, key, n, s.confident)).filter((f) => f.edits.length),
      });
    }
  }
}
