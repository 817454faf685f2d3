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
 * ordered by match tier, then by `closer` (producer order on ties), and cut. A long list stays incomplete
 * even when everything left fits: deleting a character must bring the dropped names back.
 */
export function rankAndCap<T>(cands: readonly T[], labelOf: (c: T) => string, t: Typed, closer?: (a: T, b: T) => number, max = MAX_ITEMS): Capped<T> {
  if (cands.length <= max) return { items: [...cands], isIncomplete: false };
  const kept: { c: T; i: number; tier: number }[] = [];
  for (let i = 0; i < cands.length; i++) {
    const tier = matchTier(labelOf(cands[i]), t);
    if (tier < 5) kept.push({ c: cands[i], i, tier });
  }
  kept.sort((a, b) => a.tier - b.tier || (closer ? closer(a.c, b.c) : 0) || a.i - b.i);
  return { items: kept.slice(0, max).map((x) => x.c), isIncomplete: true };
}
