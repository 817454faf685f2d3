// Scripts that hard-code peer DNS names (mysql-0.mysql, web-3.nginx) must name ordinals that exist.
import { podTemplate } from '../crossref';
import { eachContainer } from '../k8s/pod';
import { namespaceOf, type Resource } from '../model';
import { isObj, ordinalRange } from '../names';
import { getIn, nodeRange, type PathSeg } from '../nodes';
import type { WorkspaceRule } from '../rule';

// <set>-<ordinal>.<service> followed by an end or by .<namespace>; digits only, so $(...) arithmetic is skipped.
const PEER = /(?<![A-Za-z0-9.$-])([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)-(\d+)\.([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.([a-z0-9](?:[a-z0-9-]*[a-z0-9])?))?(?![A-Za-z0-9-])/g;

const PEER_HINT = /\d\./;

type ScriptString = { path: PathSeg[]; text: string };

const NO_STRINGS: readonly ScriptString[] = [];
const SCRIPT_FIELDS = ['command', 'args'] as const;

/** Only strings that can hold a peer name (<ordinal>.<service>) are worth keeping. */
const mayNamePeer = (text: unknown): text is string => typeof text === 'string' && PEER_HINT.test(text);

/** Strings of a resource that may hold scripts: container command/args/env values, ConfigMap data. */
function scriptStrings(r: Resource): readonly ScriptString[] {
  const t = podTemplate(r);
  const data = t ? undefined : r.kind === 'ConfigMap' && isObj(r.value?.data) ? r.value!.data : undefined;
  if (!t && !data) return NO_STRINGS;
  // Cached per parsed value (and kind): the rule re-runs over every resource of a file on each edit.
  const v = r.value!;
  const hit = cache.get(v);
  if (hit && hit.kind === r.kind) return hit.out;
  const out: ScriptString[] = [];
  if (t) {
    eachContainer(t.spec, (container, field, c) => {
      for (const f of SCRIPT_FIELDS) {
        const list = container[f];
        if (!Array.isArray(list)) continue;
        for (let i = 0; i < list.length; i++) if (mayNamePeer(list[i])) out.push({ path: [...t.specPath, field, c, f, i], text: list[i] });
      }
      const env = container.env;
      if (!Array.isArray(env)) return;
      for (let i = 0; i < env.length; i++) {
        const e = env[i];
        if (isObj(e) && mayNamePeer(e.value)) out.push({ path: [...t.specPath, field, c, 'env', i, 'value'], text: e.value });
      }
    });
  } else {
    for (const [k, text] of Object.entries(data!)) if (mayNamePeer(text)) out.push({ path: ['data', k], text });
  }
  // An empty answer is cheap to work out again: only found strings are worth a cache entry.
  if (!out.length) return NO_STRINGS;
  cache.set(v, { kind: r.kind, out });
  return out;
}

const cache = new WeakMap<object, { kind: string | undefined; out: readonly ScriptString[] }>();

export const peerNameNotFound: WorkspaceRule = {
  code: 'peer-name-not-found',
  severity: 'warning',
  description: 'A script or value hard-codes a StatefulSet pod DNS name (<set>-<ordinal>.<service>) whose ordinal does not exist with the set\'s replicas and ordinals.start.',
  check(ctx) {
    const dflt = ctx.settings.defaultNamespace;
    // (set, service) -> StatefulSets, from the index's by-name table once per pair in this call: the file's
    // documents often name the same peers (thousands of copies of one set would each filter all the others).
    const found = new Map<string, Resource[]>();
    const setsFor = (set: string, svc: string) => {
      const key = `${set}\u0000${svc}`;
      let list = found.get(key);
      if (!list) found.set(key, (list = ctx.index.named('StatefulSet', set).filter((s) => s.value?.spec?.serviceName === svc)));
      return list;
    };
    for (const r of ctx.resources) {
      const here = namespaceOf(r, dflt);
      for (const { path, text } of scriptStrings(r)) {
        if (!/\d\./.test(text)) continue;
        let searchFrom = 0;
        for (const m of text.matchAll(PEER)) {
          const [, set, ord, svc, next] = m;
          const candidates = setsFor(set, svc);
          if (!candidates.length) continue;
          const ns = next && next !== 'svc' && candidates.some((c) => namespaceOf(c, dflt) === next) ? next : here;
          const sts = candidates.find((c) => namespaceOf(c, dflt) === ns);
          if (!sts) continue;
          const { replicas, start, valid } = ordinalRange(sts.value);
          const i = Number(ord);
          if (!valid || (i >= start && i < start + replicas)) continue;
          const peer = `${set}-${ord}.${svc}`;
          const node = getIn(r.root, path);
          const rg = nodeRange(node);
          let span = ctx.span(r, node) ?? ctx.spanOf(r, path);
          if (rg) {
            // Point at the name itself when the source spells it literally (not inside escapes).
            const at = r.doc.text.slice(rg[0], rg[1]).indexOf(peer, searchFrom);
            if (at >= 0) {
              span = { start: r.doc.offset + rg[0] + at, end: r.doc.offset + rg[0] + at + peer.length };
              searchFrom = at + peer.length;
            }
          }
          ctx.report(r, {
            span,
            message: `'${peer}' names pod ${set}-${ord}, but StatefulSet '${set}' has ${replicas ? `ordinals ${start}..${start + replicas - 1}` : 'no pods (replicas 0)'}${sts.uri === r.uri ? '' : ' in the workspace'}: that name never resolves.`,
            related: [{ uri: sts.uri, ...ctx.spanOf(sts, sts.value?.spec?.replicas !== undefined ? ['spec', 'replicas'] : ['metadata', 'name']), message: `replicas of StatefulSet '${set}'` }],
          });
        }
      }
    }
  },
};
