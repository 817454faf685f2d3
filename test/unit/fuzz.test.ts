// Seeded, fast fuzz subset: hostile and random YAML through the engine and every feature (see test/fuzz/).
import { before, test } from 'node:test';
import { loadFeatures } from '../fuzz/engine';
import { batchProperty, check, junkProperty, mutatedProperty, newStats, randomProperty } from '../fuzz/properties';

const SEED = 20261125;

before(async () => {
  await loadFeatures();
});

test('mutated real manifests: no throw, positions inside, bounded time, incremental == fresh', () => {
  check(mutatedProperty(newStats()), { seed: SEED, numRuns: 100, endOnFailure: true });
});

test('random Kubernetes-shaped documents: no throw, positions inside, bounded time', () => {
  check(randomProperty(newStats()), { seed: SEED, numRuns: 100, endOnFailure: true });
});

test('junk strings: no throw, positions inside, bounded time', () => {
  check(junkProperty(newStats()), { seed: SEED, numRuns: 200, endOnFailure: true });
});

test('the CLI batch check equals the one-pass analysis on mutated file pairs', () => {
  check(batchProperty(newStats()), { seed: SEED, numRuns: 40, endOnFailure: true });
});
