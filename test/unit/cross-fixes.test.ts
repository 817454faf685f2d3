// Quick fixes of the cross-resource rules: apply the edits (in whichever files they touch),
// re-analyse the workspace, and the finding must be gone without new ones appearing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Project } from '../../server/src/core/project';
import { predictNames } from '../../server/src/core/names';
import { normalizeSettings } from '../../server/src/core/settings';
import { WORKSPACE_RULES } from '../../server/src/core/rules';
import type { Finding, Fix, TextEdit } from '../../server/src/core/types';

const CROSS = new Set(WORKSPACE_RULES.map((r) => r.code));

function workspace(files: Record<string, string>, settings: Record<string, unknown> = {}, options?: ConstructorParameters<typeof Project>[1]) {
  const p = new Project(normalizeSettings(settings), options);
  for (const [name, text] of Object.entries(files)) p.setFile(`file:///ws/${name}`, text);
  return p;
}

/** A workspace that runs only the cross-resource rules. */
function crossOnly(files: Record<string, string>, settings: Record<string, unknown> = {}): Project {
  return workspace(files, settings, { docRules: [], workspaceRules: WORKSPACE_RULES });
}

function all(p: Project): Finding[] {
  return p.index.uris().flatMap((u) => p.findings(u));
}

function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Applies a fix to the project's files and returns the re-analysed findings. */
function applyFix(p: Project, fix: Fix): Finding[] {
  const byUri = new Map<string, TextEdit[]>();
  for (const e of fix.edits) byUri.set(e.uri, [...(byUri.get(e.uri) ?? []), e]);
  for (const [uri, edits] of byUri) p.setFile(uri, applyEdits(p.getFile(uri)!.text, edits));
  for (const f of fix.createFiles ?? []) p.setFile(f.uri, f.text);
  return all(p);
}

function only(p: Project, code: string): Finding {
  const found = all(p);
  const hits = found.filter((f) => f.code === code);
  assert.equal(hits.length, 1, `expected one ${code}, got: ${found.map((f) => `${f.code}: ${f.message}`).join('\n')}`);
  assert.ok(hits[0].fixes?.length, `${code} has a fix`);
  return hits[0];
}

const codes = (fs: Finding[]) => fs.map((f) => `${f.code}: ${f.message}`);

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
  namespace: shop
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
        version: v1
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        ports:
        - containerPort: 80
          name: web
        - containerPort: 9113
          name: metrics
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
`;

test('governing-service-missing: the fix appends a headless Service that makes pod DNS certain', () => {
  const p = workspace({ 'sts.yaml': STS });
  const f = only(p, 'governing-service-missing');
  assert.equal(f.severity, 'warning');
  const after = applyFix(p, f.fixes![0]);
  assert.deepEqual(codes(after), []);
  const text = p.getFile('file:///ws/sts.yaml')!.text;
  assert.match(text, /\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n  namespace: shop\nspec:\n  clusterIP: None\n  selector:\n    app: nginx\n  ports:\n  - name: web\n    port: 80\n  - name: metrics\n    port: 9113\n$/);
  const sts = p.getFile('file:///ws/sts.yaml')!.resources[0];
  const n = predictNames(sts, p.settings, p.index);
  assert.equal(n.dnsCertain, true);
  assert.deepEqual(n.srv, ['_web._tcp.nginx.shop.svc.cluster.local', '_metrics._tcp.nginx.shop.svc.cluster.local']);
});

test('governing-service-missing: file without trailing newline; Service in another namespace is named', () => {
  const p = workspace({ 'sts.yaml': STS.trimEnd(), 'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n  selector:\n    app: nginx\n' });
  const f = only(p, 'governing-service-missing');
  assert.match(f.message, /exists in namespace 'default'/);
  assert.equal(f.related?.[0].uri, 'file:///ws/svc.yaml');
  assert.deepEqual(codes(applyFix(p, f.fixes![0])), []);
});

test('governing-service-not-headless (ClusterIP in another file): the fix edits that file', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n  namespace: shop\nspec:\n  selector:\n    app: nginx\n  ports:\n  - name: web\n    port: 80\n';
  const p = workspace({ 'sts.yaml': STS, 'svc.yaml': svc });
  const f = only(p, 'governing-service-not-headless');
  assert.equal(f.uri, 'file:///ws/sts.yaml');
  assert.match(f.fixes![0].title, /immutable/);
  assert.equal(f.fixes![0].edits[0].uri, 'file:///ws/svc.yaml');
  assert.deepEqual(codes(applyFix(p, f.fixes![0])), []);
  assert.match(p.getFile('file:///ws/svc.yaml')!.text, /spec:\n  clusterIP: None\n  selector:/);
});

test('governing-service-not-headless: an explicit cluster IP is replaced; flow-style spec keeps its style', () => {
  const p1 = workspace({ 'a.yaml': `${STS}---\napiVersion: v1\nkind: Service\nmetadata: {name: nginx, namespace: shop}\nspec:\n  clusterIP: 10.0.0.12\n  selector: {app: nginx}\n` });
  assert.deepEqual(codes(applyFix(p1, only(p1, 'governing-service-not-headless').fixes![0])), []);
  const p2 = workspace({ 'a.yaml': `${STS}---\napiVersion: v1\nkind: Service\nmetadata: {name: nginx, namespace: shop}\nspec: {selector: {app: nginx}}\n` });
  assert.deepEqual(codes(applyFix(p2, only(p2, 'governing-service-not-headless').fixes![0])), []);
  assert.match(p2.getFile('file:///ws/a.yaml')!.text, /spec: \{clusterIP: None, selector: \{app: nginx\}\}/);
});

test('governing-service-not-headless (NodePort): a separate headless Service is added and used', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n  namespace: shop\nspec:\n  type: NodePort\n  selector:\n    app: nginx\n  ports:\n  - name: web\n    port: 80\n    nodePort: 30080\n';
  const p = workspace({ 'sts.yaml': STS, 'svc.yaml': svc });
  const f = only(p, 'governing-service-not-headless');
  assert.equal(f.fixes!.length, 1, 'no in-place fix: clusterIP None with NodePort is rejected');
  assert.deepEqual(codes(applyFix(p, f.fixes![0])), []);
  const sts = p.getFile('file:///ws/sts.yaml')!;
  assert.match(sts.text, /serviceName: nginx-headless\n/);
  assert.equal(predictNames(sts.resources[0], p.settings, p.index).dnsCertain, true);
});

test('governing-service-selector-mismatch: wrong selector and missing selector are aligned with the pods', () => {
  const wrong = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n  namespace: shop\nspec:\n  clusterIP: None\n  selector:\n    app: nginks\n    tier: web\n';
  const p = workspace({ 'sts.yaml': STS, 'svc.yaml': wrong });
  const f = only(p, 'governing-service-selector-mismatch');
  assert.match(f.message, /app=nginks \(pods have app=nginx\), tier=web \(pods have no tier label\)/);
  assert.deepEqual(codes(applyFix(p, f.fixes![0])), []);
  assert.match(p.getFile('file:///ws/svc.yaml')!.text, /  selector:\n    app: nginx\n$/);

  const none = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n  namespace: shop\nspec:\n  clusterIP: None\n  ports:\n  - port: 80\n';
  const q = workspace({ 'sts.yaml': STS, 'svc.yaml': none });
  const g = only(q, 'governing-service-selector-mismatch');
  assert.match(g.message, /no selector/);
  assert.deepEqual(codes(applyFix(q, g.fixes![0])), []);
});

test('service-target-port-not-found: the fix picks an existing container port name', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n  namespace: shop\nspec:\n  clusterIP: None\n  selector:\n    app: nginx\n  ports:\n  - name: web\n    port: 80\n    targetPort: http\n';
  const p = workspace({ 'sts.yaml': STS, 'svc.yaml': svc });
  const f = only(p, 'service-target-port-not-found');
  assert.deepEqual(f.fixes!.map((x) => x.title), ["Use container port 'web'", "Use container port 'metrics'"]);
  assert.deepEqual(codes(applyFix(p, f.fixes![0])), []);
});

test('placeholders and empty serviceName are left to the name rules', () => {
  const p = crossOnly({
    'a.yaml': STS.replace('serviceName: nginx', 'serviceName: "@NAME@"'),
    'b.yaml': STS.replace('serviceName: nginx', 'serviceName: ""').replace('name: web', 'name: web2'),
  });
  assert.deepEqual(codes(all(p)), []);
});

test('workspace rules report only on the file being analysed', () => {
  const p = workspace({ 'sts.yaml': STS, 'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n  namespace: shop\nspec:\n  selector:\n    app: nginx\n' });
  assert.deepEqual(codes(p.findings('file:///ws/svc.yaml')).filter((c) => CROSS.has(c.split(':')[0])), []);
  assert.equal(p.findings('file:///ws/sts.yaml').filter((f) => CROSS.has(f.code)).length, 1);
});

test('governing-service-missing: a Service left in the default namespace of the same file can be moved', () => {
  const svc = '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n  selector:\n    app: nginx\n';
  const p = workspace({ 'a.yaml': STS + svc });
  const f = only(p, 'governing-service-missing');
  const move = f.fixes!.find((x) => /^Move Service 'nginx' to namespace 'shop'/.test(x.title));
  assert.ok(move, f.fixes!.map((x) => x.title).join(', '));
  assert.deepEqual(codes(applyFix(p, move)), []);
  assert.match(p.getFile('file:///ws/a.yaml')!.text, /metadata:\n  namespace: shop\n  name: nginx\n/);
});

test('governing-service-missing: a headless Service that selects the pods is offered as serviceName', () => {
  const svc = '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web-hs\n  namespace: shop\nspec:\n  clusterIP: None\n  selector:\n    app: nginx\n';
  const p = workspace({ 'a.yaml': STS + svc });
  const f = only(p, 'governing-service-missing');
  assert.match(f.message, /Service 'web-hs' selects these pods and is headless/);
  const use = f.fixes!.find((x) => /^Use the headless Service 'web-hs'/.test(x.title));
  assert.ok(use);
  assert.deepEqual(codes(applyFix(p, use)), []);
});

test('governing-service-missing: a serviceName starting with a digit cannot be created before v1.36', () => {
  const text = STS.replace('serviceName: nginx', 'serviceName: 1nginx');
  const p = crossOnly({ 'a.yaml': text }, { kubernetesVersion: '1.35' });
  const [f] = p.findings('file:///ws/a.yaml');
  assert.equal(f.code, 'governing-service-missing');
  assert.match(f.message, /must start with a letter/);
  assert.equal(f.fixes, undefined);
  const q = crossOnly({ 'a.yaml': text }, { kubernetesVersion: '1.36' });
  assert.equal(q.findings('file:///ws/a.yaml')[0].fixes?.length, 1);
});

test('pvc-volume-mismatch: the class, size and volume mode fixes take the volume\'s values; access modes get none', () => {
  const pv = 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv1\nspec:\n  capacity:\n    storage: 5Gi\n  volumeMode: Block\n  accessModes: [ReadWriteOnce]\n  storageClassName: manual\n  local:\n    path: /dev/sdb\n';
  const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  volumeName: pv1\n  volumeMode: Filesystem\n  storageClassName: fast\n  accessModes: [ReadWriteOnce, ReadOnlyMany]\n  resources:\n    requests:\n      storage: 10Gi\n';
  const p = crossOnly({ 'pv.yaml': pv, 'pvc.yaml': pvc });
  const found = p.findings('file:///ws/pvc.yaml');
  assert.deepEqual(found.map((f) => f.code), Array(4).fill('pvc-volume-mismatch'));
  // Each on the claim's own field, with the volume's field as related information.
  const at = (f: Finding) => pvc.slice(f.start, f.end);
  assert.deepEqual(found.map(at), ['Filesystem', 'fast', '[ReadWriteOnce, ReadOnlyMany]', '10Gi']);
  assert.deepEqual(found.map((f) => pv.slice(f.related![0].start, f.related![0].end)), ['Block', 'manual', '[ReadWriteOnce]', '5Gi']);
  assert.deepEqual(found.map((f) => f.fixes?.map((x) => x.title)), [
    ["Change to Block, as PersistentVolume 'pv1' has"],
    ["Change to manual, as PersistentVolume 'pv1' has"],
    undefined,
    ["Change to 5Gi, as PersistentVolume 'pv1' has"],
  ]);
  // One fix at a time, re-analysed in between: each edit moves the offsets of the findings after it.
  for (let i = 0; i < 3; i++) {
    const f = p.findings('file:///ws/pvc.yaml').find((x) => x.fixes);
    assert.ok(f, `fix ${i + 1} of 3`);
    applyFix(p, f.fixes![0]);
  }
  const left = p.findings('file:///ws/pvc.yaml');
  assert.deepEqual(left.map((f) => f.message), [
    'PersistentVolume \'pv1\' cannot bind this claim: its accessModes lack ReadOnlyMany requested by the claim, so the claim stays Pending (kubectl describe: Cannot bind to requested volume "pv1": incompatible accessMode).',
  ]);
});

test('pvc-volume-mismatch: a field the volume leaves out (volumeMode) points at the volume\'s name', () => {
  const pv = 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv1\nspec:\n  capacity:\n    storage: 5Gi\n  accessModes: [ReadWriteOnce]\n  hostPath:\n    path: /d\n';
  const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  volumeName: pv1\n  volumeMode: Block\n  storageClassName: ""\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n';
  const p = crossOnly({ 'pv.yaml': pv, 'pvc.yaml': pvc });
  const [f, ...rest] = p.findings('file:///ws/pvc.yaml');
  assert.deepEqual(rest, []);
  assert.equal(f.code, 'pvc-volume-mismatch');
  assert.match(f.message, /its volumeMode Filesystem differs from the claim's Block/);
  assert.equal(pv.slice(f.related![0].start, f.related![0].end), 'pv1');
  assert.deepEqual(applyFix(p, f.fixes![0]).filter((x) => x.code === 'pvc-volume-mismatch'), []);
});
