// The fuzz properties, shared by the seeded subset in `npm test` and the long `npm run fuzz`.
import fc from 'fast-check';
import { lightlyMutated, mutated, offsetFractions, randomYaml } from './arbitraries';
import { diffFast, diffInFile } from '../helpers/yaml-diff';
import { isBlankDocument, splitDocuments } from '../../server/src/core/parse';
import { isDeepStrictEqual } from 'node:util';
import { Project } from '../../server/src/core/project';
import { runCase, seedTexts } from './engine';

/**
 * Time allowed for one step of a case (one analysis or one feature call): 10 s plus 40 ms per KB, so
 * hangs and blow-ups fail while a loaded 2-core CI machine passes; FUZZ_TIME_FACTOR scales it.
 */
export function budgetMs(len: number): number {
  return (10_000 + (40 * len) / 1024) * Number(process.env.FUZZ_TIME_FACTOR ?? 1);
}

export interface Stats {
  cases: number;
  maxMs: number;
  maxLen: number;
  /** The slowest case: its slowest step, the input's length and its first characters. */
  slowest?: string;
  /** Called after every case (progress reports of the long run). */
  onCase?: () => void;
}

export function newStats(): Stats {
  return { cases: 0, maxMs: 0, maxLen: 0 };
}

function timed(stats: Stats, text: string, run: () => { ms: number; slowestStep: string }): void {
  const { ms, slowestStep } = run();
  stats.cases++;
  stats.onCase?.();
  stats.maxLen = Math.max(stats.maxLen, text.length);
  if (ms > stats.maxMs) {
    stats.maxMs = ms;
    stats.slowest = `${slowestStep}, on ${text.length} chars starting ${JSON.stringify(text.slice(0, 60))}`;
  }
  if (ms > budgetMs(text.length)) throw new Error(`${slowestStep} took ${ms.toFixed(0)} ms (budget ${budgetMs(text.length).toFixed(0)} ms) for ${text.length} chars: ${JSON.stringify(text.slice(0, 200))}`);
}

const frac = (fs: number[], len: number) => fs.map((f) => Math.floor(f * len));

/** Mutated real manifests, analysed after the unmutated seed (the editor's update path), checked against a fresh analysis. */
export function mutatedProperty(stats: Stats) {
  const seeds = seedTexts().map((s) => s.text);
  return fc.property(mutated(seeds), offsetFractions, fc.constantFrom(...seeds), ({ seed, text }, fs, other) => {
    timed(stats, text, () => runCase(text, { before: seed, other, offsets: frac(fs, text.length), differential: true }));
  });
}

/** Random Kubernetes-shaped documents (real field names, random types and layout). */
export function randomProperty(stats: Stats) {
  return fc.property(randomYaml, offsetFractions, (text, fs) => {
    timed(stats, text, () => runCase(text, { offsets: frac(fs, text.length) }));
  });
}

/** Arbitrary strings, including binary junk. */
export function junkProperty(stats: Stats) {
  const junk = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: fc.constantFrom(...' \t\n\r-:[]{}#&*!|>\'"%@`,?x0'), maxLength: 400 }));
  return fc.property(junk, offsetFractions, (text, fs) => {
    timed(stats, text, () => runCase(text, { offsets: frac(fs, text.length) }));
  });
}

/**
 * The CLI's batch check on two files (a mutated manifest and another, mutated or not) finds exactly
 * what the one-pass analysis finds: compacted documents re-parse to the same trees, and nothing in
 * the document rules depends on the other files.
 */
export function batchProperty(stats: Stats) {
  const seeds = seedTexts().map((s) => s.text);
  return fc.property(mutated(seeds), fc.oneof(mutated(seeds), fc.constantFrom(...seeds.map((text) => ({ seed: text, text })))), (a, b) => {
    const files = [{ uri: 'file:///fuzz/a.yaml', text: a.text }, { uri: 'file:///fuzz/b.yaml', text: b.text }];
    const t0 = performance.now();
    const one = new Project();
    for (const f of files) one.setFile(f.uri, f.text);
    const expected = files.map((f) => one.findings(f.uri));
    const actual = new Project().checkAll(files);
    if (!isDeepStrictEqual(actual, expected)) {
      const i = isDeepStrictEqual(actual[0], expected[0]) ? 1 : 0;
      throw new Error(`checkAll differs on file ${i}: ${JSON.stringify(actual[i]).slice(0, 600)} vs ${JSON.stringify(expected[i]).slice(0, 600)}`);
    }
    const text = a.text + b.text;
    timed(stats, text, () => ({ ms: performance.now() - t0, slowestStep: 'setFile + findings + checkAll' }));
  });
}

/** Documents of the seed manifests, each on its own (the unit the fast parse path works on). */
function seedDocs(): string[] {
  const out: string[] = [];
  for (const { text } of seedTexts()) {
    for (const c of splitDocuments(text)) {
      const d = text.slice(c.start, c.end);
      if (!isBlankDocument(d)) out.push(d);
    }
  }
  return out;
}

/**
 * Lightly mutated documents: whenever the fast parse path accepts one, it builds exactly what the
 * `yaml` library builds (nodes, ranges, scalar styles, values) and `yaml` reports no problem.
 * `stats.cases` counts the cases the fast path took.
 */
export function fastParseProperty(stats: Stats) {
  return fc.property(lightlyMutated(seedDocs()), (text) => {
    const r = diffFast(text);
    if (r !== 'same' && r !== 'skipped') throw new Error(`${r}
input: ${JSON.stringify(text)}`);
    // Read inside a file (two of the surroundings, chosen by the input's length): the same as alone.
    const inFile = diffInFile(text, 100, text.length);
    if (inFile) throw new Error(`${inFile}
input: ${JSON.stringify(text)}`);
    if (r === 'same') stats.cases++;
    stats.maxLen = Math.max(stats.maxLen, text.length);
    stats.onCase?.();
  });
}

/** fc.assert with a short report: the failing input is cut to a readable size (some are megabytes). */
export function check(prop: fc.IProperty<any>, params: fc.Parameters<any>): void {
  const out = fc.check(prop, params);
  if (!out.failed) return;
  // Counterexamples can be far too long for JSON.stringify (hundreds of MB): cut strings first.
  const cut = (v: unknown): unknown =>
    typeof v === 'string' ? (v.length > 3000 ? `${v.slice(0, 3000)}… (${v.length} chars)` : v)
      : Array.isArray(v) ? v.map(cut)
        : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cut(x)])) : v;
  const cex = JSON.stringify(cut(out.counterexample));
  const err = out.errorInstance as Error | undefined;
  throw new Error(
    `fuzz property failed after ${out.numRuns} runs (seed ${out.seed}, path "${out.counterexamplePath}", shrunk ${out.numShrinks}x)\n` +
      `${err?.message?.slice(0, 1500) ?? String(out.errorInstance)}\n` +
      `counterexample (${cex?.length ?? 0} chars): ${cex?.slice(0, 1500)}`,
  );
}
