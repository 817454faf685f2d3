// In-process tests of the CLI's argument handling and input collection (runCli with a fake process).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { runCli } from '../../server/src/cli/run';

function run(argv: string[], cwd: string, stdin = '') {
  let out = '';
  let err = '';
  let reads = 0;
  const code = runCli(argv, { cwd, stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readStdin: () => { reads++; return stdin; }, version: '9.9.9' });
  return { code, out, err, reads };
}

const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  clusterIP: None\n  selector:\n    app: a\n';

test('flags: inline values, repeated --rule, `--` ends the options', () => {
  const o = parseArgs(['--format=sarif', '--rule', 'a-b=off', '--rule=c=info', '--k8s-version', 'v1.30', '--', '-odd.yaml']);
  assert.equal(o.format, 'sarif');
  assert.deepEqual(o.rules, { 'a-b': 'off', c: 'info' });
  assert.equal(o.kubernetesVersion, '1.30');
  assert.deepEqual(o.paths, ['-odd.yaml']);
  assert.throws(() => parseArgs(['--names=yes']), UsageError);
  assert.throws(() => parseArgs(['--namespace', 'x'.repeat(64)]), /DNS-1123 label/);
});

test('a file given directly and through its directory is analysed once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sts-run-'));
  try {
    mkdirSync(join(dir, 'm'));
    writeFileSync(join(dir, 'm', 'svc.yaml'), SVC);
    const r = run(['m', 'm/svc.yaml', './m'], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /\(1 file, 1 document\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('standard input is read once, and only when `-` is given', () => {
  assert.equal(run(['-'], tmpdir(), SVC).reads, 1);
  const twice = run(['-', '-'], tmpdir(), SVC);
  assert.equal(twice.code, 2);
  assert.match(twice.err, /standard input \(-\) given more than once/);
  assert.equal(run(['--help'], tmpdir()).reads, 0);
});

test('every bad path is reported before exiting 2, and nothing is analysed', () => {
  const r = run(['missing-1.yaml', 'missing-2.yml'], tmpdir());
  assert.equal(r.code, 2);
  assert.match(r.err, /missing-1\.yaml: no such file or directory\n.*missing-2\.yml: no such file or directory/);
  assert.equal(r.out, '');
});

test('a byte-order mark does not shift the first line', () => {
  const withBom = run(['--format', 'json', '-'], tmpdir(), '\ufeffkey: value\nlist: [\n');
  const without = run(['--format', 'json', '-'], tmpdir(), 'key: value\nlist: [\n');
  assert.equal(withBom.code, 1);
  assert.ok(JSON.parse(withBom.out).length > 0);
  assert.deepEqual(JSON.parse(withBom.out), JSON.parse(without.out));
});

test('--generated prints the pods and PVCs as YAML on stdout, the findings on stderr, and keeps the exit status', () => {
  const sts = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: a\n  replicas: 2\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n      containers:\n      - name: c\n        imag: postgres\n  volumeClaimTemplates:\n  - metadata: {name: data}\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources: {requests: {storage: 1Gi}}\n';
  const r = run(['--generated', '-'], tmpdir(), `${SVC}---\n${sts}`);
  assert.equal(r.code, 1, 'the misspelt image field is still an error');
  const docs = parseAllDocuments(r.out).map((d) => d.toJS()).filter(Boolean);
  assert.deepEqual(docs.map((d) => `${d.kind} ${d.metadata.name}`), ['Pod db-0', 'PersistentVolumeClaim data-db-0', 'Pod db-1', 'PersistentVolumeClaim data-db-1']);
  assert.match(r.out, /^# What Kubernetes creates for StatefulSet db in namespace default\./);
  assert.match(r.err, /unknown-field Unknown field "imag"/);
  const none = run(['--generated', '-'], tmpdir(), SVC);
  assert.equal(none.out, '');
  assert.match(none.err, /no StatefulSet in the input/);
  assert.throws(() => parseArgs(['--generated', '--format', 'json']), /does not combine/);
  assert.throws(() => parseArgs(['--generated', '--names']), /does not combine/);
});

test('--baseline: changes to fields the API server never updates, against the earlier files; the files themselves are not checked', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sts-run-'));
  try {
    mkdirSync(join(dir, 'main'));
    mkdirSync(join(dir, 'work'));
    // The earlier version has a mistake of its own: only the files given as paths are checked.
    writeFileSync(join(dir, 'main', 'svc.yaml'), SVC.replace('name: a', 'name: a\n  bogus: 1'));
    writeFileSync(join(dir, 'work', 'moved.yaml'), SVC.replace('clusterIP: None', 'clusterIP: 10.0.0.9\n  ports:\n    - port: 80'));
    const r = run(['--format', 'json', '--baseline', 'main', 'work'], dir);
    assert.equal(r.code, 0, r.err);
    const found = JSON.parse(r.out) as { file: string; code: string; message: string }[];
    assert.deepEqual(found.map((f) => [f.file, f.code]), [['work/moved.yaml', 'immutable-field-changed']]);
    assert.match(found[0].message, /^Changed since the baseline: The Service was headless/);
    // Without --baseline: nothing to compare with.
    assert.deepEqual(JSON.parse(run(['--format', 'json', 'work'], dir).out), []);
    assert.equal(run(['--baseline', '-', 'work'], dir).code, 2);
    const missing = run(['--baseline', 'nowhere', 'work'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /nowhere/);
    assert.deepEqual(parseArgs(['--baseline=a', '--baseline', 'b', 'x']).baseline, ['a', 'b']);
    assert.equal(r.err, '', 'a baseline that matched says nothing');
    // A baseline that matches nothing is said to, on standard error (the JSON on standard output stays valid).
    mkdirSync(join(dir, 'other'));
    writeFileSync(join(dir, 'other', 'svc.yaml'), SVC.replace('name: a', 'name: b'));
    const unmatched = run(['--format', 'json', '--baseline', 'other', 'work'], dir);
    assert.deepEqual(JSON.parse(unmatched.out), []);
    assert.match(unmatched.err, /--baseline: no resource checked has a namesake \(same kind, namespace and name\) in other: nothing was compared/);
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'empty', 'values.yaml'), 'replicaCount: 3\n');
    assert.match(run(['--baseline', 'empty', 'work'], dir).err, /--baseline: no Kubernetes resources in empty: nothing was compared/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
