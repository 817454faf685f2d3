// Ranking and capping of completion candidates: a workspace with 1,000 Services must not answer every keystroke with 1,000 items.
// Above the cap, the best matches for the typed text are kept and the list is marked incomplete, so the
// client asks again as the user types (and the next answer narrows to what then matches).

/** Most items one answer carries. */
export const MAX_ITEMS = 100;

/** What the user has typed: `typed` is the word up to the cursor, `word` the whole word the item replaces. */
export interface Typed {
  typed: string;
  word: string;
}

/**
 * How well `label` matches, lower is better: 0 the typed text or the whole word exactly (the current value
 * stays offered), 1 prefix, 2 prefix ignoring case, 3 substring, 4 subsequence (what editors' fuzzy filter
 * still shows), 5 nothing (the client would hide it).
 */
export function matchTier(label: string, t: Typed): number {
  const { typed, word } = t;
  if (label === word || (typed !== '' && label === typed)) return 0;
  if (label.startsWith(typed)) return 1;
  const l = label.toLowerCase();
  const p = typed.toLowerCase();
  if (l.startsWith(p)) return 2;
  if (l.includes(p)) return 3;
  let i = 0;
  for (let j = 0; j < l.length && i < p.length; j++) if (l[j] === p[i]) i++;
  return i === p.length ? 4 : 5;
}

export interface Capped<T> {
  items: T[];
  isIncomplete: boolean;
}

/**
 * At most `max` of `cands`: short lists are returned as given (the producer's order already says what
 * comes first); long ones lose what does not match the typed text at all (the client would hide it), are
 * ordered by match tier, then by `order` (positions in `cands`, closest first; producer order without it),
 * and cut. No sort per request: a tier is a pass over `order`. A long list stays incomplete even when
 * everything left fits: deleting a character must bring the dropped names back.
 */
export function rankAndCap<T>(cands: readonly T[], labelOf: (c: T) => string, t: Typed, order?: ArrayLike<number>, max = MAX_ITEMS): Capped<T> {
  if (cands.length <= max) return { items: [...cands], isIncomplete: false };
  const n = cands.length;
  const tiers = new Uint8Array(n);
  for (let i = 0; i < n; i++) tiers[i] = matchTier(labelOf(cands[i]), t);
  const items: T[] = [];
  for (let tier = 0; tier < 5 && items.length < max; tier++) {
    for (let k = 0; k < n && items.length < max; k++) {
      const i = order ? order[k] : k;
      if (tiers[i] === tier) items.push(cands[i]);
    }
  }
  return { items, isIncomplete: true };
}

/** Positions of `cands` sorted by `closer` (stable): the `order` for rankAndCap. */
export function orderBy<T>(cands: readonly T[], closer: (a: T, b: T) => number): Int32Array {
  const order = Int32Array.from(cands.keys());
  order.sort((a, b) => closer(cands[a], cands[b]) || a - b);
  return order;
}
