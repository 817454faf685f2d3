// immutable-field-changed: a resource compared with its earlier version (baseline.ts, k8s/immutable.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Baseline } from '../../server/src/core/baseline';
import { Project } from '../../server/src/core/project';
import { normalizeSettings } from '../../server/src/core/settings';
import type { Finding } from '../../server/src/core/types';
import fc from 'fast-check';
import { lightlyMutated } from '../fuzz/arbitraries';

const CODE = 'immutable-field-changed';

const STS = (o: { serviceName?: string; replicas?: number; image?: string; policy?: string; storage?: string; extra?: string; selector?: string; claim?: string; ns?: string } = {}) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
${o.ns ? `  namespace: ${o.ns}\n` : ''}spec:
  serviceName: ${o.serviceName ?? 'nginx'}
  replicas: ${o.replicas ?? 3}
${o.policy ? `  podManagementPolicy: ${o.policy}\n` : ''}  selector:
    matchLabels:
      app: ${o.selector ?? 'nginx'}
  template:
    metadata:
      labels:
        app: ${o.selector ?? 'nginx'}
    spec:
      containers:
        - name: nginx
          image: ${o.image ?? 'nginx:1.27'}
          volumeMounts:
            - name: www
              mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
    - metadata:
        name: ${o.claim ?? 'www'}
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: ${o.storage ?? '1Gi'}
${o.extra ?? ''}`;

/** The findings of immutable-field-changed in `now`, with `before` as the baseline. */
function changes(before: string, now: string, label = 'HEAD'): Finding[] {
  const p = new Project(normalizeSettings({}));
  p.index.baseline = new Baseline(label);
  p.index.baseline.set('file:///old/a.yaml', before, p.settings.limits);
  p.setFile('file:///ws/a.yaml', now);
  const all = p.findings('file:///ws/a.yaml');
  // A rule that throws becomes an internal-error finding, not an exception.
  assert.deepEqual(all.filter((f) => f.code === 'internal-error').map((f) => f.message), []);
  return all.filter((f) => f.code === CODE);
}

function at(now: string, f: Finding): string {
  return now.slice(f.start, f.end);
}

test('StatefulSet: the fields an update may change are not reported', () => {
  assert.deepEqual(changes(STS(), STS({ replicas: 5, image: 'nginx:1.28' })), []);
  assert.deepEqual(changes(STS(), STS({ extra: '  minReadySeconds: 10\n  revisionHistoryLimit: 3\n  updateStrategy:\n    type: OnDelete\n  ordinals:\n    start: 1\n  persistentVolumeClaimRetentionPolicy:\n    whenScaled: Delete\n' })), []);
  // The same values written as the API server stores them after defaulting.
  assert.deepEqual(changes(STS(), STS({ policy: 'OrderedReady' })), []);
  assert.deepEqual(changes(STS({ storage: '1Gi' }), STS({ storage: '1024Mi' })), []);
  const withDefaults = STS().replace('        accessModes:', '        volumeMode: Filesystem\n        accessModes:').replace('    - metadata:\n        name: www', '    - apiVersion: v1\n      kind: PersistentVolumeClaim\n      metadata:\n        name: www');
  assert.deepEqual(changes(STS(), withDefaults), []);
});

test('StatefulSet: serviceName, podManagementPolicy and selector changes are reported where they are', () => {
  const now = STS({ serviceName: 'web-headless' });
  const [f, ...rest] = changes(STS(), now);
  assert.equal(rest.length, 0);
  assert.equal(at(now, f), 'web-headless');
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /^Changed since HEAD: serviceName changed from 'nginx' to 'web-headless': the API server refuses to update a StatefulSet's serviceName \(only replicas, ordinals, template, updateStrategy, revisionHistoryLimit, persistentVolumeClaimRetentionPolicy and minReadySeconds can change\)/);
  assert.match(f.message, /kubectl delete statefulset web --cascade=orphan/);
  // The fix writes the earlier value back; analysed again, nothing is left.
  assert.equal(f.fixes?.[0].title, 'Restore serviceName nginx (as at HEAD)');
  const e = f.fixes![0].edits[0];
  const fixed = now.slice(0, e.start) + e.newText + now.slice(e.end);
  assert.equal(fixed, STS());
  assert.deepEqual(changes(STS(), fixed), []);
  assert.equal(changes(STS(), STS({ storage: '5Gi' }))[0].fixes, undefined, 'no fix for a claim template');

  const parallel = STS({ policy: 'Parallel' });
  const [p] = changes(STS(), parallel);
  assert.equal(at(parallel, p), 'Parallel');
  assert.match(p.message, /podManagementPolicy changed from 'OrderedReady' to 'Parallel'/);

  const relabelled = STS({ selector: 'web' });
  const found = changes(STS(), relabelled);
  assert.deepEqual(found.map((x) => x.message.split(':')[1].trim()), ['selector changed']);
});

test('StatefulSet: a larger claim template says to grow each PVC instead; other template changes are named', () => {
  const now = STS({ storage: '5Gi' });
  const [f, ...rest] = changes(STS(), now);
  assert.equal(rest.length, 0);
  assert.match(f.message, /The storage request of claim template 'www' grew: the API server refuses .* To grow the volumes, raise the request of each PVC \(www-web-0 … www-web-2\) where its StorageClass allows expansion, then delete the StatefulSet without its pods/);
  assert.equal(at(now, f).split('\n')[0], '- metadata:');

  assert.match(changes(STS({ storage: '5Gi' }), STS({ storage: '1Gi' }))[0].message, /Claim template 'www' changed/);
  assert.match(changes(STS(), STS({ claim: 'data' }))[0].message, /volumeClaimTemplates gained 'data' and lost 'www'/);
  const twoClaims = STS({ extra: '    - metadata:\n        name: logs\n      spec:\n        accessModes: ["ReadWriteOnce"]\n        resources:\n          requests:\n            storage: 1Gi\n' });
  assert.match(changes(STS(), twoClaims)[0].message, /volumeClaimTemplates gained 'logs'/);
});

test('only the namesake is compared: same kind, namespace and name', () => {
  assert.deepEqual(changes(STS({ ns: 'prod' }), STS({ ns: 'prod', serviceName: 'other' })).length, 1);
  assert.deepEqual(changes(STS({ ns: 'prod' }), STS({ ns: 'staging', serviceName: 'other' })), []);
  assert.deepEqual(changes(STS().replace('name: web', 'name: db'), STS({ serviceName: 'other' })), []);
  // A StatefulSet of another API is not this one's earlier version.
  assert.deepEqual(changes(STS().replace('apps/v1', 'apps/v1beta1'), STS({ serviceName: 'other' })), []);
  // No baseline at all (the setting off): nothing to compare.
  const p = new Project(normalizeSettings({}));
  p.setFile('file:///ws/a.yaml', STS());
  assert.deepEqual(p.findings('file:///ws/a.yaml').filter((f) => f.code === CODE), []);
});

const SVC = (spec: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n${spec}  selector:\n    app: nginx\n  ports:\n    - port: 80\n`;

test('Service: becoming headless or ceasing to be is a clusterIP change; ExternalName moves and allocated IPs are not', () => {
  const now = SVC('');
  const [f] = changes(SVC('  clusterIP: None\n'), now);
  assert.match(f.message, /Changed since HEAD: The Service was headless \(clusterIP: None\) and no longer is: a Service's clusterIP cannot change/);
  assert.equal(at(now, f), 'spec', 'reported on spec when clusterIP is gone');
  assert.match(changes(SVC(''), SVC('  clusterIP: None\n'))[0].message, /became headless/);
  assert.match(changes(SVC('  clusterIP: 10.0.0.1\n'), SVC('  clusterIP: 10.0.0.2\n'))[0].message, /clusterIP changed from 10.0.0.1 to 10.0.0.2/);
  assert.deepEqual(changes(SVC(''), SVC('  clusterIP: 10.0.0.2\n')), [], 'the cluster allocated an IP: unknown here');
  assert.deepEqual(changes(SVC('  type: ExternalName\n  externalName: db.example.com\n'), SVC('  clusterIP: None\n')), []);
  assert.deepEqual(changes(SVC('  clusterIP: None\n'), SVC('  clusterIP: None\n  publishNotReadyAddresses: true\n')), []);
});

const PVC = (spec: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n${spec}`;
const RWO = '  accessModes: [ReadWriteOnce]\n';
const storage = (s: string) => `  resources:\n    requests:\n      storage: ${s}\n`;

test('PersistentVolumeClaim: requests may grow, nothing else changes; fields the cluster fills in are unknown before', () => {
  assert.deepEqual(changes(PVC(RWO + storage('1Gi')), PVC(RWO + storage('2Gi'))), []);
  assert.match(changes(PVC(RWO + storage('2Gi')), PVC(RWO + storage('1Gi')))[0].message, /The storage request shrank from 2Gi to 1Gi: a claim can only grow/);
  assert.match(changes(PVC(RWO + storage('1Gi')), PVC('  accessModes: [ReadWriteMany]\n' + storage('1Gi')))[0].message, /accessModes changed: a PersistentVolumeClaim's spec cannot change after creation except resources.requests/);
  assert.deepEqual(changes(PVC(RWO + storage('1Gi')), PVC(RWO + storage('1Gi') + '  storageClassName: fast\n  volumeName: pv-1\n')), []);
  assert.match(changes(PVC(RWO + storage('1Gi') + '  storageClassName: slow\n'), PVC(RWO + storage('1Gi') + '  storageClassName: fast\n'))[0].message, /storageClassName changed from 'slow' to 'fast'/);
  assert.deepEqual(changes(PVC(RWO + storage('1Gi')), PVC(RWO + storage('1Gi') + '  volumeMode: Filesystem\n')), []);
});

test('PersistentVolume: the source, volumeMode and a set nodeAffinity never change; capacity and claimRef may', () => {
  const PV = (spec: string) => `apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv-1\nspec:\n  capacity:\n    storage: 1Gi\n  accessModes: [ReadWriteOnce]\n${spec}`;
  assert.deepEqual(changes(PV('  nfs:\n    server: a\n    path: /x\n'), PV('  nfs:\n    server: a\n    path: /x\n  claimRef:\n    name: data\n').replace('storage: 1Gi', 'storage: 2Gi')), []);
  assert.match(changes(PV('  nfs:\n    server: a\n    path: /x\n'), PV('  hostPath:\n    path: /x\n'))[0].message, /The volume source changed/);
  assert.match(changes(PV('  nfs:\n    server: a\n    path: /x\n'), PV('  nfs:\n    server: b\n    path: /x\n'))[0].message, /The volume source changed/);
  assert.match(changes(PV('  hostPath:\n    path: /x\n'), PV('  hostPath:\n    path: /x\n  volumeMode: Block\n'))[0].message, /volumeMode changed from 'Filesystem' to 'Block'/);
});

test('ConfigMap: only an immutable one keeps its data and stays immutable', () => {
  const CM = (extra: string, v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n${extra}data:\n  a: "${v}"\n`;
  assert.deepEqual(changes(CM('', '1'), CM('', '2')), []);
  assert.deepEqual(changes(CM('immutable: true\n', '1'), CM('immutable: true\n', '1')), []);
  assert.match(changes(CM('immutable: true\n', '1'), CM('immutable: true\n', '2'))[0].message, /data changed in an immutable ConfigMap/);
  assert.match(changes(CM('immutable: true\n', '1'), CM('', '1'))[0].message, /was immutable and no longer is/);
});

test('wrong types and odd shapes on either side never throw', () => {
  const odd = [
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec: 5\n',
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  volumeClaimTemplates: 5\n  serviceName: [1]\n  selector: null\n',
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  volumeClaimTemplates: [null, 1, {metadata: 5}, {metadata: {name: [x]}, spec: {resources: 3}}]\n',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: [None]\n',
    'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: web\nspec:\n  resources: {requests: {storage: [1]}, limits: 7}\n',
    'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: web\nspec:\n  nfs: 1\n  nodeAffinity: x\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\nimmutable: true\ndata: [1, 2]\n',
    ': [broken\n',
  ];
  for (const a of odd) for (const b of [...odd, STS(), SVC(''), PVC(RWO)]) {
    for (const f of [...changes(a, b), ...changes(b, a)]) assert.ok(f.message.startsWith('Changed since HEAD: '), f.message);
  }
});

test('mutated manifests compared with each other: no rule failure, every finding inside the file', () => {
  const root = join(__dirname, '..', '..');
  const texts = ['web.yaml', 'mysql.yaml'].map((n) => readFileSync(join(root, 'examples', n), 'utf8')).concat(STS(), SVC('  clusterIP: None\n'), PVC(RWO + storage('1Gi')));
  let reported = 0;
  // A manifest and a copy with one line's value replaced and a light mutation, either way round: mostly the
  // same resources, with something changed (lightlyMutated alone mostly edits the first lines, the comments).
  const VALUES = ['x', '~', '2', '[]', '{}', '[a, b]', 'None', 'Parallel', '5Gi', '""', '{a: 1}', 'true', '-1'];
  const changed = (t: string, line: number, v: string) => {
    const l = t.split('\n');
    const i = line % l.length;
    l[i] = l[i].replace(/(:|^\s*-)( .*)?$/, `$1 ${v}`);
    return l.join('\n');
  };
  const pairs = fc.tuple(fc.constantFrom(...texts), fc.nat(), fc.constantFrom(...VALUES), fc.boolean())
    .chain(([t, line, v, swap]) => lightlyMutated([changed(t, line, v)]).map((m) => (swap ? [m, t] : [t, m])));
  fc.assert(fc.property(pairs, ([before, now]) => {
    const found = changes(before, now);
    for (const f of found) assert.ok(f.start >= 0 && f.end <= now.length && f.start <= f.end, JSON.stringify(f));
    if (found.length) reported++;
  }), { seed: 20261602, numRuns: 400 });
  assert.ok(reported > 40, `only ${reported} of 400 pairs had a change to report`);
});

test('every fixture, example and corpus file compared with itself: no change reported', () => {
  const root = join(__dirname, '..', '..');
  const dirs = [join(root, 'examples'), join(root, 'examples', 'mistakes'), join(root, 'test', 'fixtures', 'cross'), join(root, 'test', 'fixtures', 'rules'), join(root, '..', 'shared', 'corpus', 'files')];
  let compared = 0;
  for (const dir of dirs.filter(existsSync)) {
    for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
      const text = readFileSync(join(dir, name), 'utf8');
      assert.deepEqual(changes(text, text).map((f) => f.message), [], name);
      compared++;
    }
  }
  assert.ok(compared > 150, `${compared} files`);
});
