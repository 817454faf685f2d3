// lsp/git.ts: a file's committed version (statefulset.baseline gitHead), read a few at a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { headText, limiter } from '../../server/src/lsp/git';
import { gitWorks, git } from '../helpers/git';

test('limiter: never more than `max` tasks at once, waiting ones start in order, a failing task frees its place', async () => {
  const run = limiter(3);
  let now = 0;
  let most = 0;
  const started: number[] = [];
  const release: (() => void)[] = [];
  const tasks = Array.from({ length: 10 }, (_, i) => run(async () => {
    started.push(i);
    now++;
    most = Math.max(most, now);
    await new Promise<void>((resolve) => release.push(resolve));
    now--;
    if (i === 4) throw new Error('task 4 fails');
    return i;
  }));
  const settled = Promise.allSettled(tasks);
  // Let each task finish in turn, oldest first, as long as any is waiting on its release.
  for (let done = 0; done < 10; done++) {
    while (release.length === 0) await new Promise((r) => setImmediate(r));
    release.shift()!();
  }
  const results = await settled;
  assert.equal(most, 3);
  assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed')), [0, 1, 2, 3, 'failed', 5, 6, 7, 8, 9]);
});

test('headText: the committed text, or undefined when there is none', { skip: !gitWorks && 'git is not installed' }, async () => {
  const repo = mkdtempSync(join(tmpdir(), 'sts-git-'));
  const outside = mkdtempSync(join(tmpdir(), 'sts-nogit-'));
  try {
    mkdirSync(join(repo, 'k8s'));
    const names = Array.from({ length: 12 }, (_, i) => `k8s/f${i}.yaml`);
    for (const n of names) writeFileSync(join(repo, n), `name: ${n}\n`);
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'files');
    // Edited since the commit: HEAD still has the committed text.
    writeFileSync(join(repo, 'k8s', 'f0.yaml'), 'name: edited\n');
    writeFileSync(join(repo, 'k8s', 'new.yaml'), 'name: new\n');
    writeFileSync(join(outside, 'x.yaml'), 'name: x\n');
    // All at once: the limiter queues most of them.
    assert.deepEqual(await Promise.all(names.map((n) => headText(join(repo, n), 1 << 20))), names.map((n) => `name: ${n}\n`));
    assert.equal(await headText(join(repo, 'k8s', 'new.yaml'), 1 << 20), undefined, 'not committed');
    assert.equal(await headText(join(outside, 'x.yaml'), 1 << 20), undefined, 'not in a repository');
    assert.equal(await headText(join(repo, 'k8s', 'f1.yaml'), 4), undefined, 'larger than the limit');
    assert.equal(await headText(join(repo, 'missing', 'dir.yaml'), 1 << 20), undefined, 'no such folder');
  } finally {
    rmSync(repo, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});
