// The command line's start-up through V8's code cache (server/src/cli/boot.ts, server/src/boot/code-cache.ts):
// written as the first run exits, used by the next, never trusted blindly, and never changing a result.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checksum } from '../../server/src/boot/code-cache';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
let tmp = '';
let input = '';

/** Runs the CLI on `argv` with its cache in `cacheDir` and the cache's report on; `node` are options for node itself. */
function spawnCli(cacheDir: string, argv: string[], node: string[] = [], cwd = root) {
  return spawnSync(process.execPath, [...node, cli, ...argv], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, STATEFULSET_CODE_CACHE_DIR: cacheDir, STATEFULSET_CODE_CACHE_LOG: '1' },
  });
}

/** Checks the test input as JSON: exit code, output and the cache's report, one entry per `code cache:` line. */
function run(cacheDir: string, args: string[] = [], node: string[] = []) {
  const r = spawnCli(cacheDir, ['--format', 'json', ...args, input], node);
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

  test('a damaged cache file (bytes changed, length kept) is not used but written again; the output is the same', () => {
    // V8 checks no checksum of cached data: given damaged bytecode it may crash. The file's digest catches it.
    const dir = join(tmp, 'damaged');
    run(dir);
    const [name] = bins(dir);
    const bytes = readFileSync(join(dir, name));
    bytes.fill(7, bytes.length >> 1, (bytes.length >> 1) + 64);
    writeFileSync(join(dir, name), bytes);
    const r = run(dir);
    assert.deepEqual(r.cache.slice(0, 2), ['damaged: not used', 'none']);
    assert.match(r.cache[2] ?? '', /^written /);
    assert.equal(r.code, plain.code);
    assert.equal(r.stdout, plain.stdout);
    assert.deepEqual(run(dir).cache, ['used']);
  });

  test('a whole cache that V8 rejects (made under other node options) is written again', () => {
    const dir = join(tmp, 'rejected');
    run(dir, [], ['--stack-size=2000']);
    const [other] = bins(dir);
    run(dir);
    const mine = bins(dir).find((f) => f !== other)!;
    copyFileSync(join(dir, other), join(dir, mine));
    const r = run(dir);
    assert.equal(r.cache[0], 'rejected');
    assert.match(r.cache[1] ?? '', /^written /);
    assert.equal(r.stdout, plain.stdout);
    assert.deepEqual(run(dir).cache, ['used']);
  });

  test('a run that prints its version or help, or fails on its arguments, writes no cache; the first check does', () => {
    const dir = join(tmp, 'worth');
    for (const args of [['--version'], ['-h'], ['--rule', 'nope=error']]) {
      const r = spawnCli(dir, args);
      assert.match(r.stderr, /^code cache: none$/m, args.join(' '));
      assert.deepEqual(bins(dir), [], args.join(' '));
    }
    const first = run(dir);
    assert.match(first.cache[1] ?? '', /^written /);
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

  test('writing keeps the three newest other caches of the CLI and none older, removes stale temp files, and leaves the server\'s alone', () => {
    const dir = join(tmp, 'stale');
    mkdirSync(dir, { mode: 0o700 });
    const now = Date.now() / 1000;
    const old = Array.from({ length: 5 }, (_, i) => `cli-000000000000000${i}-1-1-v8-0-x64-0.bin`);
    old.forEach((f, i) => {
      writeFileSync(join(dir, f), 'old', { mode: 0o600 });
      utimesSync(join(dir, f), now - 3600 * (i + 1), now - 3600 * (i + 1));
    });
    const server = 'server-0000000000000000-1-1-v8-0-x64-0.bin';
    writeFileSync(join(dir, server), 'old', { mode: 0o600 });
    utimesSync(join(dir, server), now - 3600 * 9, now - 3600 * 9);
    const staleTmp = 'cli-x.bin.0123456789ab.tmp';
    const freshTmp = 'cli-x.bin.ba9876543210.tmp';
    for (const f of [staleTmp, freshTmp]) writeFileSync(join(dir, f), 'partial', { mode: 0o600 });
    utimesSync(join(dir, staleTmp), now - 3600, now - 3600);
    run(dir);
    const left = readdirSync(dir).sort();
    const written = left.filter((f) => f.endsWith('.bin') && !old.includes(f) && f !== server);
    assert.equal(written.length, 1, left.join());
    assert.deepEqual(left, [...old.slice(0, 3), written[0], freshTmp, server].sort());
  });

  test('an argument after -- is a path, even one named --no-code-cache', () => {
    const dir = join(tmp, 'dashdash');
    const r = spawnCli(dir, ['--format', 'json', '--', '--no-code-cache', input], [], tmp);
    // An unreadable path is bad usage (exit status 2): the cache was read, but such a run writes none.
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--no-code-cache: no such file or directory/);
    assert.match(r.stderr, /^code cache: none$/m);
    assert.equal(existsSync(dir), true);
  });

  test('without its bundle the command says so and exits 2 (bad usage or input), not 1 (errors found)', () => {
    const dist = join(tmp, 'dist-without-bundle');
    mkdirSync(dist);
    copyFileSync(cli, join(dist, 'cli.js'));
    const r = spawnSync(process.execPath, [join(dist, 'cli.js'), input], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cli-main\.js is missing; run `npm run build` first/);
  });
});

test('the checksum changes with every single bit flipped, and reads an unaligned view as its aligned copy', () => {
  const data = Buffer.alloc(1027);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37) & 255;
  const sum = checksum(data);
  for (let i = 0; i < data.length; i++) {
    for (let bit = 0; bit < 8; bit++) {
      data[i] ^= 1 << bit;
      assert.notEqual(checksum(data), sum, `byte ${i} bit ${bit}`);
      data[i] ^= 1 << bit;
    }
  }
  const unaligned = Buffer.alloc(data.length + 1).subarray(1);
  data.copy(unaligned);
  assert.equal(checksum(unaligned), sum);
  assert.notEqual(checksum(data.subarray(0, data.length - 1)), sum);
});
