// Start-up through the V8 code cache (server/src/lsp/boot.ts): written once, used by the next start, and never trusted blindly.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TIMEOUT, TestClient, withTimeout, type Diagnostic } from './helpers/client';
import { PAIR } from './helpers/manifests';

const URI = 'file:///virtual/startup.yaml';
const BROKEN_PAIR = PAIR.replace('clusterIP: None', 'clusterIP: 10.0.0.1');

/** Resolves when the server's stderr has a `code cache: <what>` line (boot.ts reports there when asked to). */
function cacheEvent(client: TestClient, what: RegExp): Promise<string> {
  const seen = () => client.stderr.join('').split('\n').find((l) => l.startsWith('code cache: ') && what.test(l));
  return withTimeout(new Promise<string>((resolve) => {
    const now = seen();
    if (now) return resolve(now);
    const on = () => {
      const l = seen();
      if (l) {
        client.proc.stderr.off('data', on);
        resolve(l);
      }
    };
    client.proc.stderr.on('data', on);
  }), DEFAULT_TIMEOUT, `stderr "code cache: ${what.source}"; got ${JSON.stringify(client.stderr.join(''))}`);
}

/** Starts a server on `args`, opens the test file and returns its diagnostics (codes and lines). */
async function diagnose(client: TestClient): Promise<string[]> {
  const v = client.open(URI, BROKEN_PAIR);
  const d: Diagnostic[] = await client.waitForDiagnostics(URI, v);
  return d.map((x) => `${x.code}@${x.range.start.line}`).sort();
}

describe('start-up code cache', () => {
  let dir: string;
  const env = { ...process.env };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sts-codecache-'));
    // Write the cache as soon as the bundle has run, and report on stderr what happened.
    process.env.STATEFULSET_CODE_CACHE_DELAY_MS = '0';
    process.env.STATEFULSET_CODE_CACHE_LOG = '1';
  });
  after(() => {
    process.env = env;
    rmSync(dir, { recursive: true, force: true });
  });

  it('the first start writes the cache into the given directory, the next start uses it, both diagnose alike', async () => {
    const cacheDir = join(dir, 'ok');
    const first = await TestClient.start({ args: [`--code-cache-dir=${cacheDir}`] });
    let expected: string[];
    try {
      assert.match(await cacheEvent(first, /none|rejected|used/), /none/);
      await cacheEvent(first, /written/);
      expected = await diagnose(first);
      assert.ok(expected.some((c) => c.startsWith('governing-service-not-headless')), expected.join());
    } finally {
      await first.stop();
    }
    const files = readdirSync(cacheDir);
    assert.equal(files.length, 1, files.join());
    assert.match(files[0], /^server-[0-9a-f]{16}-\d+-\d+-v8-.+-[0-9a-f]+\.bin$/);
    const second = await TestClient.start({ args: ['--code-cache-dir', cacheDir] });
    try {
      await cacheEvent(second, /^code cache: used$/);
      assert.deepEqual(await diagnose(second), expected);
    } finally {
      await second.stop();
    }
  });

  it('a damaged cache file (bytes changed, length kept) is not used but rewritten; the server works', async () => {
    // V8 checks no checksum of cached data: given damaged bytecode it may crash. The file's digest catches it.
    const cacheDir = join(dir, 'corrupt');
    const first = await TestClient.start({ args: [`--code-cache-dir=${cacheDir}`] });
    await cacheEvent(first, /written/);
    await first.stop();
    const [name] = readdirSync(cacheDir);
    const bytes = readFileSync(join(cacheDir, name));
    bytes.fill(7, bytes.length >> 1, (bytes.length >> 1) + 64);
    writeFileSync(join(cacheDir, name), bytes);
    const second = await TestClient.start({ args: [`--code-cache-dir=${cacheDir}`] });
    try {
      await cacheEvent(second, /^code cache: damaged: not used$/);
      await cacheEvent(second, /^code cache: none$/);
      await cacheEvent(second, /written/);
      assert.ok((await diagnose(second)).length > 0);
    } finally {
      await second.stop();
    }
  });

  it('a cache directory others can write to is not used (their bytecode would run in the server)', { skip: typeof process.getuid !== 'function' }, async () => {
    const cacheDir = join(dir, 'shared');
    const first = await TestClient.start({ args: [`--code-cache-dir=${cacheDir}`] });
    await cacheEvent(first, /written/);
    await first.stop();
    chmodSync(cacheDir, 0o777);
    const second = await TestClient.start({ args: [`--code-cache-dir=${cacheDir}`] });
    try {
      await cacheEvent(second, /not using/);
      await cacheEvent(second, /^code cache: none$/);
      assert.ok((await diagnose(second)).length > 0);
    } finally {
      await second.stop();
    }
  });

  it('--no-code-cache neither reads nor writes a cache', async () => {
    const cacheDir = join(dir, 'off');
    const client = await TestClient.start({ args: ['--no-code-cache', `--code-cache-dir=${cacheDir}`] });
    try {
      await cacheEvent(client, /^code cache: none$/);
      assert.ok((await diagnose(client)).length > 0);
    } finally {
      await client.stop();
    }
    assert.equal(existsSync(cacheDir), false);
  });
});
