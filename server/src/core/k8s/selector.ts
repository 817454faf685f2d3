// Label selectors: matching a metav1.LabelSelector (matchLabels + matchExpressions) or a Service's plain map
// against a label set, and explaining why a selector is malformed.

export interface SelectorRequirement {
  key?: unknown;
  operator?: unknown;
  values?: unknown;
}

export interface LabelSelector {
  matchLabels?: Record<string, unknown> | null;
  matchExpressions?: SelectorRequirement[] | null;
}

export type Labels = Record<string, unknown>;

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Reads a label map from an untrusted value (non-object -> {}). */
export function labelsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObj(v)) return out;
  for (const [k, val] of Object.entries(v)) out[k] = val == null ? '' : String(val);
  return out;
}

/** True when the selector has no requirements at all (an empty selector selects everything, which the StatefulSet API forbids). */
export function isEmptySelector(sel: unknown): boolean {
  if (!isObj(sel)) return true;
  const ml = isObj(sel.matchLabels) ? Object.keys(sel.matchLabels).length : 0;
  const me = Array.isArray(sel.matchExpressions) ? sel.matchExpressions.length : 0;
  return ml + me === 0;
}

/** Problems of one matchExpressions entry ([] = well-formed). Unknown operators are the schema's job, but reported too. */
export function requirementErrors(req: SelectorRequirement): string[] {
  const op = req.operator;
  const values = Array.isArray(req.values) ? req.values : req.values == null ? [] : undefined;
  if (values === undefined) return ['values must be a list'];
  if (op === 'In' || op === 'NotIn') return values.length ? [] : [`operator ${op} requires a non-empty values list`];
  if (op === 'Exists' || op === 'DoesNotExist') return values.length ? [`operator ${op} requires values to be empty`] : [];
  return [`operator must be In, NotIn, Exists or DoesNotExist (got ${JSON.stringify(op)})`];
}

/** Whether one requirement holds for the labels (malformed requirements never match). */
export function requirementMatches(req: SelectorRequirement, labels: Labels): boolean {
  if (typeof req.key !== 'string' || requirementErrors(req).length) return false;
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const val = has ? String(labels[req.key] ?? '') : undefined;
  const values = (Array.isArray(req.values) ? req.values : []).map((v) => String(v ?? ''));
  switch (req.operator) {
    case 'In': return has && values.includes(val!);
    case 'NotIn': return !has || !values.includes(val!);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    default: return false;
  }
}

/** Whether a metav1.LabelSelector selects `labels`. An empty or missing selector selects nothing here (as for workloads). */
export function selectorMatches(sel: unknown, labels: Labels | undefined | null): boolean {
  if (isEmptySelector(sel)) return false;
  const s = sel as LabelSelector;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(isObj(s.matchLabels) ? s.matchLabels : {})) {
    if (!Object.prototype.hasOwnProperty.call(l, k) || String(l[k] ?? '') !== String(v ?? '')) return false;
  }
  for (const req of Array.isArray(s.matchExpressions) ? s.matchExpressions : []) {
    if (!isObj(req) || !requirementMatches(req, l)) return false;
  }
  return true;
}

/** The matchLabels entries and matchExpressions (by index) that `labels` fail. */
export function selectorMismatches(sel: unknown, labels: Labels | undefined | null): { labels: string[]; expressions: number[] } {
  const out = { labels: [] as string[], expressions: [] as number[] };
  if (!isObj(sel)) return out;
  const l = labels ?? {};
  const ml = sel.matchLabels;
  if (isObj(ml)) {
    for (const k of Object.keys(ml)) {
      if (!Object.prototype.hasOwnProperty.call(l, k) || String(l[k] ?? '') !== String(ml[k] ?? '')) out.labels.push(k);
    }
  }
  const exprs = Array.isArray(sel.matchExpressions) ? sel.matchExpressions : [];
  for (let i = 0; i < exprs.length; i++) {
    const req = exprs[i];
    if (!isObj(req) || !requirementMatches(req, l)) out.expressions.push(i);
  }
  return out;
}

/** Whether a Service-style selector (plain map, AND of equalities) selects `labels`. Empty/missing selects nothing. */
export function mapSelectorMatches(sel: unknown, labels: Labels | undefined | null): boolean {
  if (!isObj(sel) || Object.keys(sel).length === 0) return false;
  const l = labels ?? {};
  return Object.entries(sel).every(([k, v]) => Object.prototype.hasOwnProperty.call(l, k) && String(l[k] ?? '') === String(v ?? ''));
}
