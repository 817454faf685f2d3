// The long fuzz run (`npm run fuzz`): FUZZ_RUNS cases (default 100,000) split over the engine properties,
// as many again for the fast-parse differential check (cheap), then the stdio server fuzz when
// dist/server.js exists. FUZZ_SEED picks the seed (printed, for replay); FUZZ_ONLY=mutated,random,junk,
// fastparse,batch,server runs a subset (e.g. two seeds in parallel on two cores). Progress is printed every
// FUZZ_PROGRESS cases (default 5,000), so a run cut short still tells how far it got.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadFeatures, REPO, toleratedCounts } from './engine';
import { batchProperty, check, fastParseProperty, junkProperty, mutatedProperty, newStats, randomProperty, type Stats } from './properties';
import { fuzzServer } from './server-fuzz';

async function main(): Promise<void> {
  const runs = Number(process.env.FUZZ_RUNS ?? 100_000);
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  const features = await loadFeatures();
  console.log(`fuzz: ${runs} cases, seed ${seed} (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run fuzz)`);
  console.log(`fuzz: features under test: ${features.join(', ') || '(none)'}`);
  const only = process.env.FUZZ_ONLY?.split(',');
  const wanted = (id: string) => !only || only.includes(id);
  const every = Number(process.env.FUZZ_PROGRESS ?? 5_000);
  const share: [string, string, (s: Stats) => any, number][] = [
    ['mutated', 'mutated manifests', mutatedProperty, 0.5],
    ['random', 'random k8s documents', randomProperty, 0.3],
    ['junk', 'junk strings', junkProperty, 0.2],
    ['fastparse', 'fast parse path == yaml (cases the fast path took)', fastParseProperty, 1],
    ['batch', "CLI batch check == one-pass analysis (two mutated files)", batchProperty, 0.1],
  ];
  let failed = false;
  for (const [id, name, prop, part] of share) {
    if (!wanted(id)) continue;
    const stats = newStats();
    const numRuns = Math.max(1, Math.round(runs * part));
    const t0 = performance.now();
    let done = 0;
    const progress = () => {
      if (++done % every === 0) console.log(`     ${name}: ${done}/${numRuns} cases passed (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    };
    try {
      stats.onCase = progress;
      check(prop(stats), { seed, numRuns, endOnFailure: true });
      console.log(`ok   ${name}: ${id === 'fastparse' ? `${numRuns} cases, ${stats.cases} taken by the fast path` : `${stats.cases} cases`} in ${((performance.now() - t0) / 1000).toFixed(1)} s; slowest step ${stats.maxMs.toFixed(0)} ms${stats.slowest ? ` (${stats.slowest})` : ''}; largest input ${stats.maxLen} chars`);
    } catch (e) {
      failed = true;
      console.log(`FAIL ${name}: ${(e as Error).message}`);
    }
  }
  for (const [note, n] of toleratedCounts) console.log(`known issue (tolerated ${n}x): ${note}`);
  const serverJs = join(REPO, 'dist', 'server.js');
  if (existsSync(serverJs) && process.env.FUZZ_SERVER !== '0' && wanted('server')) {
    const batches = Number(process.env.FUZZ_SERVER_BATCHES ?? Math.max(20, Math.round(runs / 500)));
    try {
      const r = await fuzzServer({ seed, batches, huge: true });
      console.log(`ok   stdio server: ${r.batches} batches, ${r.messages} messages; slowest hover after a batch ${r.maxHoverMs.toFixed(0)} ms`);
      const w = await fuzzServer({ seed: seed + 7, batches, workspace: true });
      console.log(`ok   stdio server, diagnosticMode workspace over hostile unopened files: ${w.batches} batches, ${w.messages} messages`);
    } catch (e) {
      failed = true;
      console.log(`FAIL stdio server: ${(e as Error).message}`);
    }
  } else if (wanted('server')) console.log('skip stdio server fuzz (no dist/server.js, or FUZZ_SERVER=0)');
  process.exit(failed ? 1 : 0);
}

void main();
