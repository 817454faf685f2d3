// "Did you mean" for misspelled names: case-insensitive matches first, then small edit distances.

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions: `apiVerison`). */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2: number[] = new Array(b.length + 1).fill(0);
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    prev2.splice(0, prev2.length, ...prev);
    prev = cur;
    if (rowMin > max) return max + 1;
  }
  return prev[b.length];
}

export interface Suggestions {
  names: string[];
  /** True when one candidate is an obvious correction (same letters in another case, or one edit away). */
  confident: boolean;
}

/** The candidates closest to `word`: same name in another case, else the nearest within a small distance. */
export function suggest(word: string, candidates: readonly string[]): Suggestions {
  const lower = word.toLowerCase();
  const sameCase = candidates.filter((c) => c.toLowerCase() === lower && c !== word);
  if (sameCase.length) return { names: sameCase, confident: sameCase.length === 1 };
  const limit = word.length <= 3 ? 1 : word.length <= 6 ? 2 : 3;
  let best = limit + 1;
  let names: string[] = [];
  for (const c of candidates) {
    if (c === word) continue;
    const d = editDistance(lower, c.toLowerCase(), limit);
    if (d < best) {
      best = d;
      names = [c];
    } else if (d === best) names.push(c);
  }
  if (best > limit) return { names: [], confident: false };
  return { names, confident: names.length === 1 && best === 1 };
}

/** `"a"`, `"a" or "b"`, `one of "a", "b", "c"`. */
export function quoteList(names: readonly string[]): string {
  const q = names.map((n) => `"${n}"`);
  if (q.length <= 1) return q.join('');
  if (q.length === 2) return `${q[0]} or ${q[1]}`;
  return `one of ${q.join(', ')}`;
}
