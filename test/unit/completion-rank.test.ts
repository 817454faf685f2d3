// Completion in large workspaces: long candidate lists are ranked (exact, prefix, nearby first) and capped, marked incomplete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Project } from '../../server/src/core/project';
import { completion, completionList } from '../../server/src/core/features/completion';
import { MAX_ITEMS, matchTier, orderBy, rankAndCap } from '../../server/src/core/features/completionRank';
import { closer, outward, type Cand } from '../../server/src/core/features/completionRefs';

const URI = 'file:///big.yaml';

const service = (name: string, headless = true, ns?: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n${headless ? '  clusterIP: None\n' : '  ports: [{port: 80}]\n'}`;
const statefulSet = (name: string, serviceName: string) =>
  `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ${name}\nspec:\n  serviceName: ${serviceName}\n  replicas: 2\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}, idx: "${name}"}\n    spec:\n      containers: [{name: c, image: x}]\n  volumeClaimTemplates:\n  - metadata:\n      name: data\n`;

/** `n` Service + StatefulSet pairs named db0..db{n-1}; `extra` documents appended. */
function pairs(n: number, extra: string[] = []): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) docs.push(service(`db${i}`), statefulSet(`db${i}`, `db${i}`));
  return [...docs, ...extra].join('---\n');
}

/** Completion at the `|` of `text` (removed), with `others` as further workspace files. */
function at(text: string, others: Record<string, string> = {}) {
  const offset = text.indexOf('|');
  const clean = text.slice(0, offset) + text.slice(offset + 1);
  const p = new Project();
  for (const [u, t] of Object.entries(others)) p.setFile(u, t);
  p.setFile(URI, clean);
  return { p, offset, list: completionList(p, URI, offset, { snippetSupport: true }) };
}

test('match tiers: exact word, prefix, prefix ignoring case, substring, subsequence, none', () => {
  const t = { typed: 'db', word: 'db5' };
  assert.equal(matchTier('db5', t), 0, 'the whole word (the current value) is an exact match');
  assert.equal(matchTier('db', t), 0);
  assert.equal(matchTier('db50', t), 1);
  assert.equal(matchTier('DB-main', t), 2);
  assert.equal(matchTier('main-db', t), 3);
  assert.equal(matchTier('d-b', t), 4);
  assert.equal(matchTier('web', t), 5);
  assert.equal(matchTier('anything', { typed: '', word: '' }), 1, 'nothing typed: everything matches as a prefix');
});

test('short lists keep the producer order and are complete; long ones rank, drop non-matches and cut', () => {
  const cands = ['b', 'a', 'c'];
  assert.deepEqual(rankAndCap(cands, (c) => c, { typed: 'c', word: 'c' }), { items: ['b', 'a', 'c'], isIncomplete: false });
  const long = ['y1', 'x10', 'x1', 'y2', 'X1b', 'ax1', 'x-1', 'x1'];
  const r = rankAndCap(long, (c) => c, { typed: 'x1', word: 'x1' }, undefined, 5);
  assert.deepEqual(r, { items: ['x1', 'x1', 'x10', 'X1b', 'ax1'], isIncomplete: true }, 'exact, prefix, prefix ignoring case, substring');
  const r2 = rankAndCap(long, (c) => c, { typed: 'x1', word: 'x1' }, undefined, 7);
  assert.deepEqual(r2.items, ['x1', 'x1', 'x10', 'X1b', 'ax1', 'x-1'], 'subsequence last; y1, y2 (no match) dropped');
  assert.equal(r2.isIncomplete, true, 'a cut list stays incomplete: deleting a character must bring the dropped names back');
  const byDistance = orderBy(long, (a, b) => Math.abs(Number(a.slice(1)) - 9) - Math.abs(Number(b.slice(1)) - 9));
  assert.deepEqual(rankAndCap(long, (c) => c, { typed: 'x', word: 'x' }, byDistance, 3).items, ['x10', 'x1', 'x1'], 'ties broken by the given order (closest to 9 first), stable');
});

test('serviceName in a 300-pair file: at most MAX_ITEMS, incomplete, the current value and its neighbours first', () => {
  const text = pairs(300).replace('serviceName: db150\n', 'serviceName: d|b150\n');
  const { list } = at(text);
  assert.equal(list.items.length, MAX_ITEMS);
  assert.equal(list.isIncomplete, true);
  assert.equal(list.items[0].label, 'db150', 'the whole word under the cursor is an exact match');
  const labels = list.items.map((e) => e.label);
  for (const near of ['db149', 'db151', 'db110', 'db190']) assert.ok(labels.includes(near), `${near} (declared next to the cursor) is offered`);
  assert.ok(!labels.includes('db0') && !labels.includes('db299'), 'far-away Services are left for the next request');
  assert.ok(list.items.every((e) => e.kind === 'reference' && e.detail?.includes('headless')));
  assert.equal(completion(new Project(), URI, 0, { snippetSupport: true }).length, 0);
});

test('typing narrows the list: only names matching the typed text remain, exact and prefix matches first', () => {
  const text = pairs(300).replace('serviceName: db150\n', 'serviceName: db29|\n');
  const { list } = at(text);
  const labels = list.items.map((e) => e.label);
  assert.equal(labels[0], 'db29', 'exact match first');
  assert.deepEqual(labels.slice(1, 11).sort(), Array.from({ length: 10 }, (_, i) => `db29${i}`), 'then the prefix matches');
  assert.ok(labels.slice(11).every((l) => /^db\d*2\d*9/.test(l)), 'then fuzzy (subsequence) matches only');
  assert.equal(list.isIncomplete, true);
  const unique = at(pairs(300).replace('serviceName: db150\n', 'serviceName: db299|\n')).list;
  assert.deepEqual(unique.items.map((e) => e.label), ['db299']);
  assert.equal(unique.isIncomplete, true, 'deleting a character must ask again');
  const none = at(pairs(200).replace('serviceName: db100\n', 'serviceName: zz|\n')).list;
  assert.deepEqual(none, { items: [], isIncomplete: true });
});

test('headless Services stay ahead of other Services on a capped list; other namespaces never appear', () => {
  const extra = Array.from({ length: 150 }, (_, i) => service(`db-lb${i}`, false));
  const other = Array.from({ length: 150 }, (_, i) => service(`db-other${i}`, true, 'other'));
  const text = pairs(60, [...extra, ...other]).replace('serviceName: db30\n', 'serviceName: db|\n');
  const { list } = at(text);
  assert.equal(list.items.length, MAX_ITEMS);
  const labels = list.items.map((e) => e.label);
  assert.deepEqual(labels.slice(0, 60).sort(), Array.from({ length: 60 }, (_, i) => `db${i}`).sort(), 'all 60 headless first');
  assert.ok(labels.slice(60).every((l) => l.startsWith('db-lb')));
  assert.ok(!labels.some((l) => l.startsWith('db-other')));
});

test('the cached Service table follows edits of other files', () => {
  const p = new Project();
  const names = Array.from({ length: 150 }, (_, i) => service(`svc${i}`)).join('---\n');
  p.setFile('file:///services.yaml', names);
  const text = statefulSet('web', 'svc-new');
  p.setFile(URI, text);
  const offset = text.indexOf('svc-new') + 'svc-new'.length;
  const before = completionList(p, URI, offset, { snippetSupport: true });
  assert.ok(!before.items.some((e) => e.label === 'svc-new'));
  p.setFile('file:///services.yaml', `${names}---\n${service('svc-new')}`);
  const after = completionList(p, URI, offset, { snippetSupport: true });
  assert.equal(after.items[0].label, 'svc-new', 'a Service added in another file is offered, first as the exact match');
  assert.match(after.items[0].detail ?? '', /^headless/);
  // Kept entries follow their document: an edit that makes it a ClusterIP Service (and moves the ones after it).
  p.setFile('file:///services.yaml', `# moved\n${names}---\n${service('svc-new', false)}`);
  const edited = completionList(p, URI, offset, { snippetSupport: true });
  const svcNew = edited.items.find((e) => e.label === 'svc-new');
  assert.match(svcNew?.detail ?? '', /not headless/);
  const all = completionList(p, URI, text.indexOf('svc-new'), { snippetSupport: true }).items;
  assert.equal(all.length, MAX_ITEMS);
  assert.equal(all[0].label, 'svc-new', 'the word under the cursor first');
  assert.ok(all.slice(1).every((e) => /^headless/.test(e.detail ?? '')), 'then headless ones: a non-headless Service falls behind the 150');
});

test('claim names and Service selector label pairs are capped too', () => {
  const base = pairs(200);
  const claim = `${base}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: x}]\n  volumes:\n  - name: v\n    persistentVolumeClaim:\n      claimName: |\n`;
  const all = at(claim).list;
  assert.equal(all.items.length, MAX_ITEMS, '400 claim-template PVCs, capped');
  assert.equal(all.isIncomplete, true);
  const typed = at(claim.replace('claimName: |', 'claimName: data-db150-|')).list;
  assert.deepEqual(typed.items.slice(0, 2).map((e) => e.label), ['data-db150-0', 'data-db150-1']);
  const sel = `${base}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    |\n`;
  const s = at(sel).list;
  assert.equal(s.items.length, MAX_ITEMS, '200 distinct idx label pairs plus app pairs, capped');
  assert.equal(s.isIncomplete, true);
  const small = at(pairs(3, [`apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    |\n`])).list;
  assert.equal(small.isIncomplete, false, 'a short list is complete');
  assert.ok(small.items.some((e) => e.label === 'app: db1'));
});

test('the sort-free closeness order equals sorting by closeness (groups, same file outward, ties in table order)', () => {
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  for (let round = 0; round < 200; round++) {
    const cands: Cand[] = [];
    for (const group of [0, 1]) {
      let offset = 0;
      for (let i = rnd(12); i > 0; i--) {
        offset += rnd(3) * 10; // repeated offsets: several names declared by one document
        cands.push({ label: `n${cands.length}`, detail: '', group, uri: rnd(3) ? 'file:///a.yaml' : 'file:///b.yaml', offset });
      }
    }
    const near = { uri: 'file:///a.yaml', offset: rnd(100) };
    const fast = outward(cands, near);
    assert.ok(fast, 'tables in file order take the sort-free path');
    assert.deepEqual([...fast], [...orderBy(cands, (a, b) => closer(a, b, near))], JSON.stringify({ cands, near }));
  }
});
