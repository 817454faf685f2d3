// The long fuzz run (`npm run fuzz`): FUZZ_RUNS cases (default 100,000) split over the engine properties,
// then the stdio server fuzz when dist/server.js exists. FUZZ_SEED picks the seed (printed, for replay).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadFeatures, REPO, toleratedCounts } from './engine';
import { check, junkProperty, mutatedProperty, newStats, randomProperty, type Stats } from './properties';
import { fuzzServer } from './server-fuzz';

async function main(): Promise<void> {
  const runs = Number(process.env.FUZZ_RUNS ?? 100_000);
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  const features = await loadFeatures();
  console.log(`fuzz: ${runs} cases, seed ${seed} (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run fuzz)`);
  console.log(`fuzz: features under test: ${features.join(', ') || '(none)'}`);
  const share: [string, (s: Stats) => any, number][] = [
    ['mutated manifests', mutatedProperty, 0.5],
    ['random k8s documents', randomProperty, 0.3],
    ['junk strings', junkProperty, 0.2],
  ];
  let failed = false;
  for (const [name, prop, part] of share) {
    const stats = newStats();
    const numRuns = Math.max(1, Math.round(runs * part));
    const t0 = performance.now();
    try {
      check(prop(stats), { seed, numRuns, endOnFailure: true });
      console.log(`ok   ${name}: ${stats.cases} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s; slowest step ${stats.maxMs.toFixed(0)} ms; largest input ${stats.maxLen} chars`);
    } catch (e) {
      failed = true;
      console.log(`FAIL ${name}: ${(e as Error).message}`);
    }
  }
  for (const [note, n] of toleratedCounts) console.log(`known issue (tolerated ${n}x): ${note}`);
  const serverJs = join(REPO, 'dist', 'server.js');
  if (existsSync(serverJs) && process.env.FUZZ_SERVER !== '0') {
    const batches = Number(process.env.FUZZ_SERVER_BATCHES ?? Math.max(20, Math.round(runs / 500)));
    try {
      const r = await fuzzServer({ seed, batches, huge: true });
      console.log(`ok   stdio server: ${r.batches} batches, ${r.messages} messages; slowest hover after a batch ${r.maxHoverMs.toFixed(0)} ms`);
    } catch (e) {
      failed = true;
      console.log(`FAIL stdio server: ${(e as Error).message}`);
    }
  } else console.log('skip stdio server fuzz (no dist/server.js; run the build first)');
  process.exit(failed ? 1 : 0);
}

void main();
