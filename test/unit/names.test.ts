// Name prediction: pods, PVCs, DNS and SRV names a StatefulSet makes Kubernetes create.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Project } from '../../server/src/core/project';
import { abbreviate, podName, predictNames, MAX_PREDICTED } from '../../server/src/core/names';
import { normalizeSettings } from '../../server/src/core/settings';
import type { Resource } from '../../server/src/core/model';

function load(text: string, settings: Record<string, unknown> = {}) {
  const p = new Project(normalizeSettings(settings));
  p.setFile('file:///w/a.yaml', text);
  const sts = p.getFile('file:///w/a.yaml')!.resources.find((r) => r.kind === 'StatefulSet')!;
  return { p, sts, predict: () => predictNames(sts, p.settings, p.index) };
}

const NGINX = `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: nginx
  serviceName: "nginx"
  replicas: 2
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
`;

test('nginx web example: pods, PVCs, pod DNS, service DNS and SRV', () => {
  const n = load(NGINX).predict();
  assert.equal(n.name, 'web');
  assert.equal(n.namespace, 'default');
  assert.equal(n.serviceName, 'nginx');
  assert.deepEqual(n.ordinals, [0, 1]);
  assert.deepEqual(n.pods, ['web-0', 'web-1']);
  assert.deepEqual(n.hostnames, ['web-0', 'web-1']);
  assert.deepEqual(n.pvcs, [{ claim: 'www', names: ['www-web-0', 'www-web-1'] }]);
  assert.deepEqual(n.podDNS, ['web-0.nginx.default.svc.cluster.local', 'web-1.nginx.default.svc.cluster.local']);
  assert.equal(n.serviceDNS, 'nginx.default.svc.cluster.local');
  assert.deepEqual(n.srv, ['_web._tcp.nginx.default.svc.cluster.local']);
  assert.equal(n.dnsCertain, true);
  assert.equal(n.dnsDoubt, undefined);
  assert.equal(n.service?.name, 'nginx');
  assert.deepEqual(n.podIndexLabels[1], { pod: 'web-1', labels: { 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1' } });
});

test('MySQL example: three pods, data PVCs, peer DNS names', () => {
  const text = `apiVersion: v1
kind: Service
metadata:
  name: mysql
spec:
  clusterIP: None
  selector:
    app: mysql
  ports:
  - name: mysql
    port: 3306
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: mysql
spec:
  selector:
    matchLabels:
      app: mysql
  serviceName: mysql
  replicas: 3
  template:
    metadata:
      labels:
        app: mysql
    spec:
      containers:
      - name: mysql
        image: mysql:5.7
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 10Gi
`;
  const n = load(text).predict();
  assert.deepEqual(n.pods, ['mysql-0', 'mysql-1', 'mysql-2']);
  assert.deepEqual(n.pvcs[0].names, ['data-mysql-0', 'data-mysql-1', 'data-mysql-2']);
  assert.equal(n.podDNS[0], 'mysql-0.mysql.default.svc.cluster.local');
  assert.equal(n.podDNS[2], 'mysql-2.mysql.default.svc.cluster.local');
  assert.deepEqual(n.srv, ['_mysql._tcp.mysql.default.svc.cluster.local']);
  assert.equal(n.dnsCertain, true);
});

test('ordinals.start 5 with replicas 3 gives web-5..web-7', () => {
  const n = load(NGINX.replace('replicas: 2', 'replicas: 3\n  ordinals:\n    start: 5')).predict();
  assert.equal(n.start, 5);
  assert.equal(n.lastOrdinal, 7);
  assert.deepEqual(n.pods, ['web-5', 'web-6', 'web-7']);
  assert.deepEqual(n.pvcs[0].names, ['www-web-5', 'www-web-6', 'www-web-7']);
  assert.equal(n.podDNS[0], 'web-5.nginx.default.svc.cluster.local');
  assert.equal(n.podIndexLabels[0].labels['apps.kubernetes.io/pod-index'], '5');
});

test('replicas 0 predicts nothing; omitted replicas defaults to 1', () => {
  const zero = load(NGINX.replace('replicas: 2', 'replicas: 0')).predict();
  assert.equal(zero.replicas, 0);
  assert.deepEqual([zero.pods, zero.pvcs[0].names, zero.podDNS, zero.ordinals], [[], [], [], []]);
  const dflt = load(NGINX.replace('  replicas: 2\n', '')).predict();
  assert.deepEqual(dflt.pods, ['web-0']);
});

test('namespace from metadata, then the defaultNamespace setting; cluster domain setting', () => {
  const custom = load(NGINX.replace(/name: (nginx|web)\n/g, 'name: $1\n  namespace: shop\n'), { clusterDomain: 'corp.internal' }).predict();
  assert.equal(custom.namespace, 'shop');
  assert.equal(custom.podDNS[0], 'web-0.nginx.shop.svc.corp.internal');
  assert.deepEqual(custom.srv, ['_web._tcp.nginx.shop.svc.corp.internal']);
  assert.equal(custom.dnsCertain, true);
  const byDefault = load(NGINX, { defaultNamespace: 'team-a' }).predict();
  assert.equal(byDefault.namespace, 'team-a');
  assert.equal(byDefault.serviceDNS, 'nginx.team-a.svc.cluster.local');
  assert.equal(byDefault.dnsCertain, true, 'both resources default to team-a');
});

test('DNS is uncertain without index, without Service, with a non-headless or non-selecting Service', () => {
  const { sts, p } = load(NGINX);
  const noIndex = predictNames(sts, p.settings);
  assert.deepEqual([noIndex.dnsCertain, noIndex.dnsDoubt, noIndex.podDNS.length], [false, 'no-index', 2]);
  assert.deepEqual(noIndex.srv, [], 'SRV needs the Service ports');
  const clusterIp = load(NGINX.replace('  clusterIP: None\n', '')).predict();
  assert.deepEqual([clusterIp.dnsCertain, clusterIp.dnsDoubt], [false, 'not-headless']);
  assert.deepEqual(clusterIp.podDNS, [], 'a Service with a cluster IP publishes no per-pod records');
  assert.equal(clusterIp.serviceDNS, 'nginx.default.svc.cluster.local');
  assert.deepEqual(clusterIp.srv, ['_web._tcp.nginx.default.svc.cluster.local'], 'SRV records exist for any Service');
  const lower = load(NGINX.replace('clusterIP: None', 'clusterIP: none')).predict();
  assert.equal(lower.dnsDoubt, 'not-headless', '`none` is not headless');
  const missing = load(NGINX.replace('name: nginx\n  labels', 'name: other\n  labels')).predict();
  assert.deepEqual([missing.dnsCertain, missing.dnsDoubt], [false, 'service-not-found']);
  assert.equal(missing.podDNS[1], 'web-1.nginx.default.svc.cluster.local', 'unknown Service: predicted, uncertain');
  const mismatch = load(NGINX.replace('  selector:\n    app: nginx\n---', '  selector:\n    app: nginks\n---')).predict();
  assert.deepEqual([mismatch.dnsCertain, mismatch.dnsDoubt, mismatch.podDNS], [false, 'selector-mismatch', []]);
  const noSvcName = load(NGINX.replace('  serviceName: "nginx"\n', '')).predict();
  assert.deepEqual([noSvcName.podDNS, noSvcName.serviceDNS, noSvcName.dnsDoubt], [[], undefined, 'no-service-name']);
});

test('headless Service without ports or with unnamed ports gives no SRV; protocol is lower-cased', () => {
  assert.deepEqual(load(NGINX.replace('  ports:\n  - port: 80\n    name: web\n', '')).predict().srv, []);
  assert.deepEqual(load(NGINX.replace('    name: web\n  clusterIP', '  clusterIP')).predict().srv, []);
  assert.deepEqual(load(NGINX.replace('    name: web\n  clusterIP', '    name: web\n    protocol: UDP\n  clusterIP')).predict().srv, ['_web._udp.nginx.default.svc.cluster.local']);
});

test('pod-index label only from v1.28', () => {
  const old = load(NGINX, { kubernetesVersion: '1.27' }).predict();
  assert.deepEqual(old.podIndexLabels[0].labels, { 'statefulset.kubernetes.io/pod-name': 'web-0' });
});

test('huge replicas are truncated, not enumerated', () => {
  const n = load(NGINX.replace('replicas: 2', 'replicas: 2000000000')).predict();
  assert.equal(n.replicas, 2000000000);
  assert.equal(n.pods.length, MAX_PREDICTED);
  assert.equal(n.truncated, true);
  assert.equal(abbreviate(n.pods, 3, n.replicas, podName(n.name, n.lastOrdinal)), 'web-0, web-1 … web-1999999999 (2000000000)');
});

test('wrong types never throw and predict nothing doubtful', () => {
  const bad = [
    'replicas: "three"', 'replicas: -1', 'replicas: 1.5', 'replicas: [1]', 'replicas: {a: 1}', 'replicas: null',
    'ordinals: 5', 'ordinals: {start: "x"}', 'serviceName: 42', 'serviceName: [a]', 'volumeClaimTemplates: {a: 1}',
    'volumeClaimTemplates: [null, 3, {metadata: 4}, {metadata: {name: 7}}]', 'template: 3', 'selector: []',
  ];
  for (const b of bad) {
    const text = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  ${b}\n`;
    const n = load(text).predict();
    assert.ok(Array.isArray(n.pods), b);
  }
  assert.deepEqual(load('apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  replicas: "three"\n').predict().pods, []);
  assert.deepEqual(load('apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  replicas: "3"\n').predict().pods, ['web-0', 'web-1', 'web-2'], 'quoted numbers are read (the type rule reports them)');
  for (const v of [undefined, null, 3, 'x', [], { spec: 5 }, { spec: { replicas: {} } }]) {
    const r = { uri: 'file:///x', value: v, kind: 'StatefulSet', name: 'x' } as unknown as Resource;
    assert.doesNotThrow(() => predictNames(r, normalizeSettings({})));
  }
  const nameless = load('apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  replicas: 3\n').predict();
  assert.deepEqual([nameless.name, nameless.pods], ['', []]);
});

test('abbreviate', () => {
  const ten = Array.from({ length: 10 }, (_, i) => `web-${i}`);
  assert.equal(abbreviate(ten), 'web-0, web-1 … web-9 (10)');
  assert.equal(abbreviate(ten.slice(0, 3)), 'web-0, web-1, web-2');
  assert.equal(abbreviate(ten.slice(0, 4)), 'web-0, web-1 … web-3 (4)');
  assert.equal(abbreviate(ten, 5), 'web-0, web-1, web-2, web-3 … web-9 (10)');
  assert.equal(abbreviate([]), '');
  assert.equal(abbreviate(ten.slice(0, 2), 3, 50), 'web-0, web-1 … (50)');
});
