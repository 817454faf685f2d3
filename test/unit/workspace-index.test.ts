// ResourceIndex: lookups by kind/namespace/name stay right as files are added, edited and removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildFileModel } from '../../server/src/core/model';
import { DEFAULT_LIMITS } from '../../server/src/core/settings';
import { ResourceIndex } from '../../server/src/core/workspace';

const cm = (name: string, ns?: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}---\n`;
const put = (ix: ResourceIndex, uri: string, text: string) => ix.set(buildFileModel(uri, text, DEFAULT_LIMITS, ix.get(uri)));
const names = (rs: readonly { uri: string; name?: string }[]) => rs.map((r) => `${r.uri.slice(-1)}:${r.name}`);

test('find resolves the default namespace at query time; named() spans namespaces', () => {
  const ix = new ResourceIndex();
  put(ix, 'file:///a', cm('x') + cm('x', 'prod') + cm('x', 'default'));
  assert.deepEqual(names(ix.find('ConfigMap', 'default', 'x', 'default')), ['a:x', 'a:x']);
  assert.deepEqual(names(ix.find('ConfigMap', 'prod', 'x', 'default')), ['a:x']);
  assert.deepEqual(names(ix.find('ConfigMap', 'prod', 'x', 'prod')), ['a:x', 'a:x'], 'omitted namespace counts as prod when prod is the default');
  assert.equal(ix.named('ConfigMap', 'x').length, 3);
  assert.deepEqual(ix.find('Secret', 'default', 'x', 'default'), []);
});

test('edits and deletes update the tables and keep file order', () => {
  const ix = new ResourceIndex();
  put(ix, 'file:///a', cm('one'));
  put(ix, 'file:///b', cm('two'));
  put(ix, 'file:///c', cm('three'));
  const g = ix.generation;
  put(ix, 'file:///b', cm('two-renamed') + cm('four'));
  assert.ok(ix.generation > g);
  assert.deepEqual(names(ix.ofKind('ConfigMap')), ['a:one', 'b:two-renamed', 'b:four', 'c:three']);
  assert.deepEqual(ix.find('ConfigMap', 'default', 'two', 'default'), []);
  assert.equal(ix.find('ConfigMap', 'default', 'four', 'default').length, 1);
  ix.delete('file:///a');
  assert.deepEqual(names(ix.ofKind('ConfigMap')), ['b:two-renamed', 'b:four', 'c:three']);
  assert.deepEqual(ix.named('ConfigMap', 'one'), []);
  assert.deepEqual(ix.uris(), ['file:///b', 'file:///c']);
  assert.equal(ix.all().length, 3);
});

test('derived values are cached until the next change', () => {
  const ix = new ResourceIndex();
  put(ix, 'file:///a', cm('one'));
  let builds = 0;
  const count = () => ix.derived('count', () => (builds++, ix.ofKind('ConfigMap').length));
  assert.equal(count(), 1);
  assert.equal(count(), 1);
  assert.equal(builds, 1);
  put(ix, 'file:///b', cm('two'));
  assert.equal(count(), 2);
  assert.equal(builds, 2);
});

test('a name shared by several files keeps each file in place through edits, duplicates and removals', () => {
  const ix = new ResourceIndex();
  put(ix, 'file:///a', cm('x'));
  put(ix, 'file:///b', cm('x') + cm('x'));
  put(ix, 'file:///c', cm('x', 'prod'));
  assert.deepEqual(names(ix.named('ConfigMap', 'x')), ['a:x', 'b:x', 'b:x', 'c:x']);
  // b edited: still between a and c, now with one definition
  put(ix, 'file:///b', cm('x') + cm('y'));
  assert.deepEqual(names(ix.named('ConfigMap', 'x')), ['a:x', 'b:x', 'c:x']);
  assert.deepEqual(names(ix.find('ConfigMap', 'default', 'x', 'default')), ['a:x', 'b:x']);
  assert.deepEqual(names(ix.find('ConfigMap', 'prod', 'x', 'prod')), ['c:x', 'a:x', 'b:x'], 'written namespace first, then the defaulted ones');
  // a removed and added again: now last among the files that define x
  ix.delete('file:///a');
  put(ix, 'file:///a', cm('x'));
  assert.deepEqual(names(ix.named('ConfigMap', 'x')), ['b:x', 'c:x', 'a:x']);
  // the last ConfigMaps gone: the kind and its names are gone too
  for (const u of ['file:///a', 'file:///b', 'file:///c']) put(ix, u, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n');
  assert.deepEqual(ix.ofKind('ConfigMap'), []);
  assert.deepEqual(ix.named('ConfigMap', 'x'), []);
  assert.deepEqual(ix.find('ConfigMap', 'default', 'x', 'default'), []);
  assert.deepEqual(names(ix.named('Secret', 'x')), ['a:x', 'b:x', 'c:x']);
});

test('a grouping is built on first use and then follows every edit and delete, file by file', () => {
  const ix = new ResourceIndex();
  put(ix, 'file:///a', cm('one', 'prod') + cm('two'));
  const byNs = ix.grouped<string>('by-ns', (r, add) => r.kind === 'ConfigMap' && add(r.namespace ?? '', '', r.name ?? '?'));
  assert.deepEqual(byNs.get('prod', ''), ['one']);
  put(ix, 'file:///b', cm('three', 'prod'));
  assert.deepEqual(byNs.get('prod', ''), ['one', 'three']);
  put(ix, 'file:///a', cm('one-renamed', 'prod') + cm('two', 'prod'));
  assert.deepEqual(byNs.get('prod', ''), ['one-renamed', 'two', 'three'], 'an edited file keeps its place');
  assert.deepEqual(byNs.get('', ''), []);
  ix.delete('file:///a');
  assert.deepEqual(byNs.get('prod', ''), ['three']);
  assert.equal(ix.grouped<string>('by-ns', () => assert.fail('the first entries function is kept')), byNs);
});

test('a grouping holds what a rebuild from every file would, over random edits and deletes', () => {
  let seed = 20261403;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  const ix = new ResourceIndex();
  const entries = (r: { kind?: string; namespace?: string; name?: string }, add: (scope: string, k: string, v: string) => void) => {
    if (r.kind === 'ConfigMap' && r.name) add(r.namespace ?? '', r.name.slice(0, 1), r.name);
  };
  let g = ix.grouped<string>('random', entries);
  for (let step = 0; step < 400; step++) {
    const uri = `file:///f${rnd(6)}`;
    if (rnd(5) === 0) ix.delete(uri);
    else put(ix, uri, Array.from({ length: rnd(4) }, () => cm(`${'abc'[rnd(3)]}${rnd(9)}`, rnd(2) ? 'prod' : undefined)).join(''));
    // Now and then a new grouping, built in one pass over the files as they are: both ways must agree.
    if (step % 50 === 25) g = ix.grouped<string>(`random-${step}`, entries);
    const fresh = new Map<string, string[]>();
    for (const r of ix.all()) entries(r, (scope, k, v) => fresh.set(`${scope}/${k}`, [...(fresh.get(`${scope}/${k}`) ?? []), v]));
    for (const k of ['/a', '/b', '/c', 'prod/a', 'prod/b', 'prod/c']) {
      const [scope, key] = k.split('/');
      assert.deepEqual([...g.get(scope, key)].sort(), (fresh.get(k) ?? []).sort(), `step ${step}, key ${k}`);
      assert.equal(g.has(scope, key, 'file:///f0'), ix.get('file:///f0')?.resources.some((r) => (r.namespace ?? '') === scope && r.name?.startsWith(key)) ?? false, `step ${step}, has ${k}`);
    }
    const shared = [...g.shared()].map((l) => [...l].sort().join()).sort();
    assert.deepEqual(shared, [...fresh.values()].filter((l) => l.length > 1).map((l) => l.sort().join()).sort(), `step ${step}, shared`);
  }
});
