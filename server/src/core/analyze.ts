// FileModel + index -> findings. Per-document results are cached by the document's parse, so an
// edit re-runs the document rules only for the document that changed; cross-resource rules are
// cheap lookups and always re-run. The work is stepwise (see steps.ts): one uncached document or one
// workspace rule per step; analyzeFile runs all steps at once.
import { parseKey } from './compact';
import { minor as minorOf } from './settings';
import type { FileModel, Resource } from './model';
import type { ParsedDoc } from './parse';
import { Context, WorkspaceContext, type DocRule, type WorkspaceRule } from './rule';
import { DOC_RULES, WORKSPACE_RULES } from './rules';
import { drain, type Steps } from './steps';
import type { ResourceIndex } from './workspace';
import type { Finding, Settings, Severity } from './types';

interface CachedDoc {
  settingsKey: string;
  offset: number;
  findings: Finding[];
}

/** Keyed by parseKey: a compact document's findings are cached without parsing its tree to serve as the key. */
const docCache = new WeakMap<object, CachedDoc>();

export interface AnalyzeOptions {
  docRules?: readonly DocRule[];
  workspaceRules?: readonly WorkspaceRule[];
  /** Called when a rule throws; the finding `internal-error` is reported either way. */
  onRuleError?: (code: string, error: unknown) => void;
}

export function settingsKey(s: Settings): string {
  return JSON.stringify([s.clusterDomain, s.defaultNamespace, s.kubernetesVersion, s.limits]);
}

/** All findings for one file, with severities overridden / disabled per settings and suppressions applied. */
export function analyzeFile(model: FileModel, index: ResourceIndex, settings: Settings, opts: AnalyzeOptions = {}): Finding[] {
  return drain(analyzeFileSteps(model, index, settings, opts));
}

/**
 * The same work as analyzeFile, one uncached document or one workspace rule per step. Documents
 * analysed before the run is dropped stay cached. The index must not change between steps (a caller
 * whose index changed starts a new run).
 */
export function* analyzeFileSteps(model: FileModel, index: ResourceIndex, settings: Settings, opts: AnalyzeOptions = {}): Steps<Finding[]> {
  const own = yield* documentFindingsSteps(model, settings, opts);
  const cross = yield* workspaceFindingsSteps(model, index, settings, opts);
  return finalizeFindings([...own, ...cross], model, settings);
}

/**
 * The file's own findings: file problems, parse problems and document rules (cached per document),
 * one uncached document per step. Not yet filtered by settings or suppressions (see finalizeFindings).
 */
export function* documentFindingsSteps(model: FileModel, settings: Settings, opts: AnalyzeOptions = {}): Steps<Finding[]> {
  const docRules = opts.docRules ?? DOC_RULES;
  const key = settingsKey(settings);
  const minor = minorOf(settings);
  const out: Finding[] = [...model.problems];
  // Built only when some document is not cached (most edits leave all but one cached).
  let byDoc: Map<unknown, FileModel['resources'][number]> | undefined;

  for (const doc of model.docs) {
    if (doc.templated) continue;
    const cached = docCache.get(parseKey(doc));
    if (cached && cached.settingsKey === key) {
      const delta = doc.offset - cached.offset;
      for (const f of cached.findings) out.push(delta === 0 && f.uri === model.uri ? f : shift(f, delta, model.uri));
      continue;
    }
    byDoc ??= new Map(model.resources.map((r) => [r.doc, r]));
    const found = checkDocument(doc, byDoc.get(doc), model.uri, settings, minor, docRules, opts);
    docCache.set(parseKey(doc), { settingsKey: key, offset: doc.offset, findings: found });
    out.push(...found);
    yield;
  }
  return out;
}

/** One document's findings: its parse problems, then the document rules on its resource (uncached, not finalized). */
export function checkDocument(doc: ParsedDoc, r: Resource | undefined, uri: string, settings: Settings, minor: number, docRules: readonly DocRule[], opts: AnalyzeOptions = {}): Finding[] {
  const found: Finding[] = doc.problems.map((p) => ({
    uri, code: p.code, severity: p.severity, message: p.message, start: doc.offset + p.start, end: doc.offset + p.end,
  }));
  if (r && doc.value !== undefined) {
    const rules = rulesFor(docRules, r.kind);
    const ctx = new Context(settings, minor, rules[0], found);
    // One try around the loop, re-entered after a rule that throws (rare): cheaper than one per rule.
    for (let i = 0; i < rules.length; ) {
      try {
        for (; i < rules.length; i++) {
          ctx.rule = rules[i];
          rules[i].check(r, ctx);
        }
      } catch (e) {
        ruleFailed(rules[i], e, found, uri, doc.offset, opts);
        i++;
      }
    }
  }
  return found;
}

/** The cross-resource findings in the file (workspace rules against the index), one rule per step; not yet finalized. */
export function* workspaceFindingsSteps(model: FileModel, index: ResourceIndex, settings: Settings, opts: AnalyzeOptions = {}): Steps<Finding[]> {
  const wsRules = opts.workspaceRules ?? WORKSPACE_RULES;
  const minor = minorOf(settings);
  const out: Finding[] = [];
  const resources = model.resources.filter((r) => r.value !== undefined);
  if (!resources.length) return out;
  for (const rule of wsRules) {
    const found: Finding[] = [];
    try {
      rule.check(new WorkspaceContext(settings, minor, rule, found, index, resources));
    } catch (e) {
      ruleFailed(rule, e, found, model.uri, 0, opts);
    }
    for (const f of found) if (f.uri === model.uri) out.push(f);
    yield;
  }
  return out;
}

function ruleFailed(rule: { code: string }, e: unknown, out: Finding[], uri: string, at: number, opts: AnalyzeOptions): void {
  opts.onRuleError?.(rule.code, e);
  out.push({
    uri, code: 'internal-error', severity: 'info', start: at, end: at,
    message: `Rule ${rule.code} failed on this document and was skipped: ${(e as Error)?.message ?? String(e)}`,
  });
}

// The document rules that apply to a kind, in registry order: computed once per rule list and kind
// rather than filtering every rule for every document.
const byKind = new WeakMap<readonly DocRule[], Map<string | undefined, readonly DocRule[]>>();

function rulesFor(rules: readonly DocRule[], kind: string | undefined): readonly DocRule[] {
  let perKind = byKind.get(rules);
  if (!perKind) byKind.set(rules, (perKind = new Map()));
  let list = perKind.get(kind);
  if (!list) {
    list = rules.filter((rule) => rule.kinds === '*' || (!!kind && rule.kinds.includes(kind)));
    // Kinds are user text (every prefix typed is one): keep the table small.
    if (perKind.size < 64) perKind.set(kind, list);
  }
  return list;
}

function shift(f: Finding, delta: number, uri: string): Finding {
  const mv = <T extends { start: number; end: number; uri: string }>(x: T): T => (x.uri === f.uri ? { ...x, uri, start: x.start + delta, end: x.end + delta } : x);
  return {
    ...f,
    uri,
    start: f.start + delta,
    end: f.end + delta,
    ...(f.fixes ? { fixes: f.fixes.map((fx) => ({ ...fx, edits: fx.edits.map(mv) })) } : {}),
    ...(f.related ? { related: f.related.map(mv) } : {}),
  };
}

const SUPPRESS = /#\s*statefulset-lint-disable(-next-line)?\b([^\n]*)/g;

/** Applies settings.rules overrides and `# statefulset-lint-disable-next-line <code>` comments; sorts by position. */
export function finalizeFindings(findings: Finding[], model: FileModel, settings: Settings): Finding[] {
  const suppressed = new Map<number, Set<string> | 'all'>();
  let fileWide: Set<string> | 'all' | undefined;
  if (model.text.includes('statefulset-lint-disable')) {
    for (const m of model.text.matchAll(SUPPRESS)) {
      const codes = m[2].trim().split(/[\s,]+/).filter(Boolean);
      const set: Set<string> | 'all' = codes.length ? new Set(codes) : 'all';
      if (m[1]) suppressed.set(model.lines.positionAt(m.index!).line + 1, set);
      else fileWide = set;
    }
  }
  const result: Finding[] = [];
  for (const f of findings) {
    const override = settings.rules[f.code];
    if (override === 'off') continue;
    if (fileWide && (fileWide === 'all' || fileWide.has(f.code))) continue;
    if (suppressed.size) {
      const s = suppressed.get(model.lines.positionAt(f.start).line);
      if (s && (s === 'all' || s.has(f.code))) continue;
    }
    result.push(override ? { ...f, severity: override as Severity } : f);
  }
  result.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
  return result;
}
