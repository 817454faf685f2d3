// The command line's start-up through V8's code cache (server/src/cli/boot.ts, server/src/boot/code-cache.ts):
// written as the first run exits, used by the next, never trusted blindly, and never changing a result.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
let tmp = '';
let input = '';

/** Runs the CLI with its cache in `cacheDir` and the cache's report on; `node` are options for node itself. */
function run(cacheDir: string, args: string[] = [], node: string[] = []) {
  const r = spawnSync(process.execPath, [...node, cli, '--format', 'json', ...args, input], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, STATEFULSET_CODE_CACHE_DIR: cacheDir, STATEFULSET_CODE_CACHE_LOG: '1' },
  });
  const cache = r.stderr.split('\n').filter((l) => l.startsWith('code cache: ')).map((l) => l.slice('code cache: '.length));
  return { code: r.status, stdout: r.stdout, cache };
}

const bins = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.bin')).sort();

before(() => {
  if (!existsSync(cli)) {
    const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  }
  tmp = mkdtempSync(join(tmpdir(), 'sts-cli-cache-'));
  // A StatefulSet with a Service that is not headless (a warning) and replicas that are not a number (an error: exit code 1).
  input = join(tmp, 'input.yaml');
  writeFileSync(input, [
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: 10.0.0.1\n  selector:\n    app: web\n  ports:\n    - port: 80\n',
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: nginx\n  replicas: two\n  selector:\n    matchLabels:\n      app: web\n'
      + '  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: nginx\n          image: nginx:1.27\n',
  ].join('---\n'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('CLI code cache', () => {
  let plain: ReturnType<typeof run>;
  before(() => {
    plain = run(join(tmp, 'unused'), ['--no-code-cache']);
    assert.equal(plain.code, 1);
    assert.match(plain.stdout, /governing-service-not-headless/);
  });

  test('--no-code-cache neither reads nor writes a cache', () => {
    assert.deepEqual(plain.cache, ['none']);
    assert.equal(existsSync(join(tmp, 'unused')), false);
  });

  test('the first run writes the cache as it exits, the next run uses it; both give the same output and exit code', () => {
    const dir = join(tmp, 'ok');
    const first = run(dir);
    assert.equal(first.cache[0], 'none');
    assert.match(first.cache[1] ?? '', /^written .*cli-[0-9a-f]{16}-.*\.bin$/);
    assert.equal(bins(dir).length, 1);
    const second = run(dir);
    assert.deepEqual(second.cache, ['used']);
    for (const r of [first, second]) {
      assert.equal(r.code, plain.code);
      assert.equal(r.stdout, plain.stdout);
    }
  });

  test('a corrupt cache file is rejected by V8 and written again; the output is the same', () => {
    const dir = join(tmp, 'corrupt');
    run(dir);
    const [name] = bins(dir);
    writeFileSync(join(dir, name), Buffer.alloc(4096, 7));
    const r = run(dir);
    assert.equal(r.cache[0], 'rejected');
    assert.match(r.cache[1] ?? '', /^written /);
    assert.equal(r.stdout, plain.stdout);
    assert.deepEqual(run(dir).cache, ['used']);
  });

  test('a cache directory others can write to is not used (their bytecode would run)', { skip: typeof process.getuid !== 'function' }, () => {
    const dir = join(tmp, 'shared');
    run(dir);
    chmodSync(dir, 0o777);
    const r = run(dir);
    assert.match(r.cache[0], /^not using .*: not owned by this user or writable by others$/);
    assert.deepEqual(r.cache.slice(1), ['none']);
    assert.equal(r.stdout, plain.stdout);
  });

  test('other node options get a cache of their own (V8 rejects a cache made under other flags)', () => {
    const dir = join(tmp, 'flags');
    run(dir);
    const r = run(dir, [], ['--stack-size=2000']);
    assert.equal(r.cache[0], 'none');
    assert.equal(bins(dir).length, 2);
    assert.deepEqual(run(dir, [], ['--stack-size=2000']).cache, ['used']);
    assert.deepEqual(run(dir).cache, ['used']);
  });

  test('writing drops the caches of other builds of the CLI, not the server\'s', () => {
    const dir = join(tmp, 'stale');
    mkdirSync(dir, { mode: 0o700 });
    const stale = 'cli-0000000000000000-1-1-v8-0-x64-0.bin';
    const server = 'server-0000000000000000-1-1-v8-0-x64-0.bin';
    for (const f of [stale, server]) writeFileSync(join(dir, f), 'old', { mode: 0o600 });
    run(dir);
    const left = bins(dir);
    assert.equal(left.includes(stale), false);
    assert.equal(left.includes(server), true);
    assert.equal(left.length, 2);
  });

  test('an argument after -- is a path, even one named --no-code-cache', () => {
    const dir = join(tmp, 'dashdash');
    const r = spawnSync(process.execPath, [cli, '--', '--no-code-cache'], {
      cwd: tmp,
      encoding: 'utf8',
      env: { ...process.env, STATEFULSET_CODE_CACHE_DIR: dir, STATEFULSET_CODE_CACHE_LOG: '1' },
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^code cache: none$/m);
    assert.match(r.stderr, /--no-code-cache: no such file or directory/);
    assert.equal(bins(dir).length, 1);
  });
});
