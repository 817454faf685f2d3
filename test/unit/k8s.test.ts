// Unit tests of the Kubernetes syntax helpers (names, labels, quantities, selectors).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from '../../server/src/core/k8s/validation';
import { expand, podVariables } from '../../server/src/core/k8s/env';
import { compareQuantities, parseQuantity, quantityError, suggestQuantity } from '../../server/src/core/k8s/quantity';
import { isEmptySelector, mapSelectorMatches, requirementErrors, selectorMatches, selectorMismatches } from '../../server/src/core/k8s/selector';

test('DNS-1123 label / subdomain / RFC 1035', () => {
  assert.ok(v.isDns1123Label('web'));
  assert.ok(v.isDns1123Label('0web-1'));
  assert.ok(!v.isDns1123Label('Web'));
  assert.ok(!v.isDns1123Label('web-'));
  assert.ok(!v.isDns1123Label('a.b'));
  assert.ok(v.isDns1123Label('a'.repeat(63)));
  assert.ok(!v.isDns1123Label('a'.repeat(64)));
  assert.ok(v.isDns1123Subdomain('a.b-c.d'));
  assert.ok(!v.isDns1123Subdomain('a..b'));
  assert.ok(!v.isDns1123Subdomain('a'.repeat(254)));
  assert.ok(v.isRfc1035Label('web'));
  assert.ok(!v.isRfc1035Label('1web'));
});

test('IANA_SVC_NAME for container ports', () => {
  assert.ok(v.isIanaSvcName('http'));
  assert.ok(v.isIanaSvcName('http-metrics'));
  assert.ok(!v.isIanaSvcName('postgres-metrics'), '16 chars');
  assert.ok(!v.isIanaSvcName('8080'), 'needs a letter');
  assert.ok(!v.isIanaSvcName('a--b'));
  assert.ok(!v.isIanaSvcName('-a'));
  assert.ok(!v.isIanaSvcName('Http'));
});

test('label keys and values', () => {
  assert.ok(v.isLabelKey('app'));
  assert.ok(v.isLabelKey('app.kubernetes.io/name'));
  assert.ok(v.isLabelKey('A_b.c'));
  assert.ok(!v.isLabelKey('/app'));
  assert.ok(!v.isLabelKey('a/b/c'));
  assert.ok(!v.isLabelKey('Example.com/app'));
  assert.ok(!v.isLabelKey('app-'));
  assert.ok(!v.isLabelKey('x'.repeat(64)));
  assert.ok(v.isLabelValue(''));
  assert.ok(v.isLabelValue('v1.2_3-x'));
  assert.ok(!v.isLabelValue('a b'));
  assert.ok(!v.isLabelValue('-a'));
  assert.ok(!v.isLabelValue('x'.repeat(64)));
});

test('ConfigMap keys', () => {
  assert.ok(v.isConfigMapKey('app.properties'));
  assert.ok(v.isConfigMapKey('.env'));
  assert.ok(!v.isConfigMapKey('..'));
  assert.ok(!v.isConfigMapKey('a/b'));
  assert.ok(!v.isConfigMapKey(''));
});

test('quantities parse like the API server', () => {
  assert.equal(parseQuantity('1Gi')?.value, 2 ** 30);
  assert.equal(parseQuantity('500m')?.value, 0.5);
  assert.equal(parseQuantity('1e3')?.value, 1000);
  assert.equal(parseQuantity(2)?.value, 2);
  assert.equal(parseQuantity('.5')?.value, 0.5);
  assert.equal(parseQuantity('1G')?.value, 1e9);
  for (const bad of ['1GB', '10 Gi', '1gi', 'Gi', '', '1Gib', '1constructor', ' 1']) assert.equal(parseQuantity(bad), undefined, bad);
  assert.match(quantityError('1gi')!, /case-sensitive/);
  assert.match(quantityError('1GB')!, /not a Kubernetes suffix/);
  assert.match(quantityError('10 Gi')!, /no spaces/);
  assert.equal(quantityError('1Gi'), undefined);
  assert.equal(suggestQuantity('10 Gi'), '10Gi');
  assert.equal(suggestQuantity('1gi'), '1Gi');
  assert.equal(suggestQuantity('1GB'), undefined);
  assert.equal(compareQuantities('1Gi', '1024Mi'), 0);
  assert.equal(compareQuantities('500m', 1), -1);
  assert.equal(compareQuantities('2', '1500m'), 1);
  assert.equal(compareQuantities('x', '1'), undefined);
});

test('label selectors with matchExpressions', () => {
  const labels = { app: 'web', tier: 'db' };
  assert.ok(selectorMatches({ matchLabels: { app: 'web' } }, labels));
  assert.ok(!selectorMatches({ matchLabels: { app: 'api' } }, labels));
  assert.ok(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['db', 'cache'] }] }, labels));
  assert.ok(!selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] }, labels));
  assert.ok(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, labels));
  assert.ok(!selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, labels));
  assert.ok(!selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: [] }] }, labels), 'malformed never matches');
  assert.ok(!selectorMatches({}, labels), 'empty selects nothing');
  assert.ok(isEmptySelector({ matchLabels: {} }));
  assert.ok(!isEmptySelector({ matchExpressions: [{ key: 'a', operator: 'Exists' }] }));
  assert.deepEqual(requirementErrors({ key: 'a', operator: 'Exists', values: ['x'] }), ['operator Exists requires values to be empty']);
  assert.deepEqual(selectorMismatches({ matchLabels: { app: 'web', x: 'y' }, matchExpressions: [{ key: 'app', operator: 'Exists' }, { key: 'q', operator: 'Exists' }] }, labels), { labels: ['x'], expressions: [1] });
  assert.ok(mapSelectorMatches({ app: 'web' }, labels));
  assert.ok(!mapSelectorMatches({}, labels));
  assert.ok(!mapSelectorMatches({ app: 'web', x: '1' }, labels));
});

test('IP literals for clusterIP', () => {
  for (const ok of ['10.96.0.10', '0.0.0.0', 'fd00::10', '::1', '::', '2001:db8:0:0:0:0:2:1', '::ffff:10.0.0.1']) assert.ok(v.isIP(ok), ok);
  for (const bad of ['none', 'None', '10.0.0.300', '10.0.0', '010.0.0.1', '1:2:3:4:5:6:7:8:9', '1::2::3', 'fd00::g', '']) assert.ok(!v.isIP(bad), bad);
});

test('env expansion: $$ escapes, unknown and unclosed references stay, downward API fields per pod', () => {
  const vars = new Map([['A', 'x']]);
  assert.equal(expand('$(A)-$$(A)-$(B)-$(A', vars), 'x-$(A)-$(B)-$(A');
  assert.equal(expand('cost: 5$', vars), 'cost: 5$');
  const env = [
    { name: 'P', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'L', valueFrom: { fieldRef: { fieldPath: "metadata.labels['constructor']" } } },
    { name: 'S', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
    { name: 'V', value: '$(P)/$(S)' },
  ];
  const got = podVariables(env, env.length, { name: 'db-1', namespace: 'ns', ordinal: 1, labels: {} });
  assert.deepEqual([...got], [['P', 'db-1'], ['L', "<metadata.labels['constructor']>"], ['S', '<secretKeyRef>'], ['V', 'db-1/<secretKeyRef>']]);
});
