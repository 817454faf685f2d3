// The schema generator: deterministic output, skipped when up to date, and the shape the core reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const script = join(root, 'scripts', 'gen-schema.mjs');

function gen(out: string, force: boolean): { stdout: string; ms: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [script, ...(force ? ['--force'] : []), '--out', out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return { stdout: r.stdout, ms: performance.now() - t0 };
}

test('generation is deterministic and skipped when the output is newer than its inputs', () => {
  const a = mkdtempSync(join(tmpdir(), 'gen-a-'));
  const b = mkdtempSync(join(tmpdir(), 'gen-b-'));
  try {
    const first = gen(a, true);
    assert.match(first.stdout, /definitions from \d+ files/);
    gen(b, true);
    for (const f of ['k8s-schema.json', 'validators.js', 'validators.d.ts']) {
      assert.equal(readFileSync(join(a, f), 'utf8'), readFileSync(join(b, f), 'utf8'), `${f} differs between runs`);
    }
    const before = statSync(join(a, 'k8s-schema.json')).mtimeMs;
    const again = gen(a, false);
    assert.equal(again.stdout, '', 'an up-to-date output is not regenerated');
    assert.equal(statSync(join(a, 'k8s-schema.json')).mtimeMs, before);

    const bundle = JSON.parse(readFileSync(join(a, 'k8s-schema.json'), 'utf8'));
    assert.deepEqual(Object.keys(bundle.kinds).sort(), ['ConfigMap', 'PersistentVolume', 'PersistentVolumeClaim', 'Pod', 'Service', 'StatefulSet']);
    // The whole pod spec is reachable from StatefulSet.
    for (const d of ['PodSpec', 'Container', 'Probe', 'Volume', 'SecurityContext', 'Affinity', 'ObjectMeta', 'LabelSelector']) assert.ok(bundle.definitions[d], d);
    assert.deepEqual(bundle.definitions.StatefulSetSpec.required.sort(), ['selector', 'template']);
    assert.deepEqual(bundle.definitions.ContainerPort.properties.protocol.enum, ['SCTP', 'TCP', 'UDP']);
    assert.equal(bundle.definitions.RollingUpdateStatefulSetStrategy.properties.maxUnavailable.type, 'intOrString');
    assert.deepEqual(bundle.definitions.ResourceRequirements.properties.limits, { ...bundle.definitions.ResourceRequirements.properties.limits, type: 'map', values: { type: 'quantity' } });
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});
