import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Project } from '../../server/src/core/project';
import { completion, type CompletionEntry } from '../../server/src/core/features/completion';
import { plain } from '../../server/src/core/features/completionSnippets';

const URI = 'file:///edit.yaml';

const WORKSPACE = `apiVersion: v1
kind: Service
metadata:
  name: web-headless
spec:
  clusterIP: None
  selector: {app: web}
---
apiVersion: v1
kind: Service
metadata:
  name: web-lb
spec:
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata:
  name: elsewhere
  namespace: other
spec:
  clusterIP: None
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: shared
spec:
  accessModes: [ReadWriteMany]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  mode: fast
  level: "3"
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast-ssd
provisioner: x
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-a
spec:
  capacity: {storage: 1Gi}
`;

/** Completes at the `|` in `text` (which is removed), with the workspace file present. */
function complete(text: string, snippetSupport = true): { entries: CompletionEntry[]; text: string; offset: number } {
  const offset = text.indexOf('|');
  assert.ok(offset >= 0, 'test text needs a | cursor');
  const clean = text.slice(0, offset) + text.slice(offset + 1);
  const p = new Project();
  p.setFile('file:///workspace.yaml', WORKSPACE);
  p.setFile(URI, clean);
  return { entries: completion(p, URI, offset, { snippetSupport }), text: clean, offset };
}

function labels(entries: CompletionEntry[]): string[] {
  return entries.map((e) => e.label);
}

function applyEntry(text: string, e: CompletionEntry): string {
  assert.ok(e.replace, 'entries carry their replace span');
  return text.slice(0, e.replace.start) + (e.isSnippet ? plain(e.insertText) : e.insertText) + text.slice(e.replace.end);
}

const STS_HEAD = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
`;

test('key position in spec offers the missing StatefulSet fields, required first, with docs', () => {
  const { entries } = complete(`${STS_HEAD}  replicas: 3\n  |\n`);
  const names = labels(entries);
  assert.ok(names.includes('serviceName') && names.includes('volumeClaimTemplates'), names.join());
  assert.ok(!names.includes('replicas'), 'present fields are not offered again');
  assert.deepEqual(names.slice(0, 2).sort(), ['selector', 'template']);
  const sn = entries.find((e) => e.label === 'serviceName')!;
  assert.equal(sn.kind, 'field');
  assert.match(sn.documentation ?? '', /service/i);
});

test('while typing `  serv` in spec (invalid YAML) the field is offered and replaces the typed word', () => {
  const { entries, text } = complete(`${STS_HEAD}  serv|\n  replicas: 2\n`);
  const sn = entries.find((e) => e.label === 'serviceName');
  assert.ok(sn, labels(entries).join());
  assert.ok(!labels(entries).includes('replicas'), 'keys below the cursor count as present');
  assert.equal(applyEntry(text, sn), `${STS_HEAD}  serviceName: \n  replicas: 2\n`);
});

test('snippetSupport shapes the insert text; without it plain `name: `', () => {
  const on = complete(`${STS_HEAD}  |\n`).entries;
  const off = complete(`${STS_HEAD}  |\n`, false).entries;
  const get = (es: CompletionEntry[], l: string) => es.find((e) => e.label === l)!;
  assert.deepEqual([get(on, 'template').insertText, get(on, 'template').isSnippet], ['template:\n  $1', true]);
  assert.equal(get(on, 'volumeClaimTemplates').insertText, 'volumeClaimTemplates:\n  - $1');
  assert.equal(get(on, 'podManagementPolicy').insertText, 'podManagementPolicy: ${1|OrderedReady,Parallel|}');
  assert.equal(get(on, 'replicas').insertText, 'replicas: $1');
  for (const e of off) {
    assert.equal(e.isSnippet, false);
    assert.equal(e.insertText, `${e.label}: `);
  }
});

test('an existing key keeps its colon: only the name is inserted', () => {
  const { entries, text } = complete(`${STS_HEAD}  servi|ceName: web\n`);
  const sn = entries.find((e) => e.label === 'serviceName')!;
  assert.equal(sn.insertText, 'serviceName');
  assert.equal(applyEntry(text, sn), `${STS_HEAD}  serviceName: web\n`);
});

test('CRLF line endings and blank lines inside the mapping', () => {
  const text = `${STS_HEAD}  replicas: 3\n\n  |\n\n  serviceName: web\n`.replace(/\n/g, '\r\n');
  const names = labels(complete(text).entries);
  assert.ok(names.includes('selector') && !names.includes('replicas') && !names.includes('serviceName'), names.join());
  const v = complete(`${STS_HEAD}  podManagementPolicy: |\n`.replace(/\n/g, '\r\n'));
  assert.deepEqual(labels(v.entries), ['OrderedReady', 'Parallel']);
});

test('container fields inside a sequence item, both on the `- ` line and below it', () => {
  const base = `${STS_HEAD}  template:\n    spec:\n      containers:\n`;
  const first = labels(complete(`${base}      - |\n`).entries);
  assert.equal(first[0], 'name', 'name is required and comes first');
  assert.ok(first.includes('image') && first.includes('volumeMounts'));
  const below = labels(complete(`${base}      - name: db\n        image: postgres\n        |\n`).entries);
  assert.ok(below.includes('volumeMounts') && !below.includes('name') && !below.includes('image'), below.join());
  // Keys after an indentless sequence below the cursor still count as present.
  const after = labels(complete(`${base}      - name: a\n        |\n        ports:\n        - containerPort: 80\n        image: x\n`).entries);
  assert.ok(!after.includes('image') && !after.includes('ports') && after.includes('env'), after.join());
  // Second item of an indentless sequence.
  const second = labels(complete(`${base}      - name: a\n        image: x\n      - name: b\n        |\n`).entries);
  assert.ok(second.includes('image') && !second.includes('name'), second.join());
});

test('value position offers enum values and booleans', () => {
  const e1 = complete(`${STS_HEAD}  podManagementPolicy: Pa|\n`);
  assert.deepEqual(labels(e1.entries), ['OrderedReady', 'Parallel']);
  assert.equal(applyEntry(e1.text, e1.entries[1]), `${STS_HEAD}  podManagementPolicy: Parallel\n`);
  const e2 = complete(`apiVersion: v1\nkind: Service\nspec:\n  publishNotReadyAddresses: |\n`);
  assert.deepEqual(labels(e2.entries), ['true', 'false']);
  const e3 = complete(`${STS_HEAD}  template:\n    spec:\n      containers:\n      - name: a\n        imagePullPolicy: "|"\n`);
  assert.deepEqual(labels(e3.entries), ['Always', 'IfNotPresent', 'Never']);
  assert.equal(applyEntry(e3.text, e3.entries[0]).includes('imagePullPolicy: "Always"'), true);
});

test('values the schema does not enumerate: clusterIP None, claim retention policies', () => {
  assert.deepEqual(labels(complete('apiVersion: v1\nkind: Service\nspec:\n  clusterIP: |\n').entries), ['None']);
  assert.deepEqual(labels(complete(`${STS_HEAD}  persistentVolumeClaimRetentionPolicy:\n    whenScaled: |\n`).entries), ['Retain', 'Delete']);
});

test('sequence items of an enum list, block and flow style', () => {
  const block = complete(`apiVersion: v1\nkind: PersistentVolumeClaim\nspec:\n  accessModes:\n  - |\n`);
  assert.ok(labels(block.entries).includes('ReadWriteOnce'), labels(block.entries).join());
  const flow = complete(`apiVersion: v1\nkind: PersistentVolumeClaim\nspec:\n  accessModes: [ReadWriteOnce, Rea|\n`);
  assert.ok(labels(flow.entries).includes('ReadOnlyMany'));
  assert.equal(flow.text.slice(flow.entries[0].replace!.start, flow.entries[0].replace!.end), 'Rea');
});

test('serviceName offers headless Services of the namespace first, others marked, other namespaces never', () => {
  const { entries } = complete(`${STS_HEAD}  serviceName: |\n`);
  assert.deepEqual(labels(entries), ['web-headless', 'web-lb']);
  assert.equal(entries[0].kind, 'reference');
  assert.match(entries[0].detail ?? '', /headless/);
  assert.match(entries[1].detail ?? '', /not headless/);
  const inOther = complete(`apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n  namespace: other\nspec:\n  serviceName: |\n`);
  assert.deepEqual(labels(inOther.entries), ['elsewhere']);
});

test('right after the colon (the `:` trigger) values get a separating space; a lone `-` waits', () => {
  const { entries, text } = complete(`${STS_HEAD}  serviceName:|\n`);
  assert.equal(entries[0].insertText, ' web-headless');
  assert.equal(applyEntry(text, entries[0]), `${STS_HEAD}  serviceName: web-headless\n`);
  assert.deepEqual(complete(`apiVersion: v1\nkind: PersistentVolumeClaim\nspec:\n  accessModes:\n  -|\n`).entries, []);
});

test('volumeMounts name offers template volumes and claim templates of this StatefulSet', () => {
  const text = `${STS_HEAD}  template:
    spec:
      containers:
      - name: a
        image: x
        volumeMounts:
        - name: |
          mountPath: /x
      volumes:
      - name: config
        configMap: {name: app-config}
  volumeClaimTemplates:
  - metadata:
      name: data
`;
  const { entries } = complete(text);
  assert.deepEqual(labels(entries).sort(), ['config', 'data']);
  assert.equal(entries.find((e) => e.label === 'data')!.detail, 'volumeClaimTemplate');
});

test('claimName, ConfigMap names, storageClassName and volumeName offer workspace objects', () => {
  const pod = `${STS_HEAD}  template:\n    spec:\n      volumes:\n      - name: v\n`;
  assert.deepEqual(labels(complete(`${pod}        persistentVolumeClaim:\n          claimName: |\n`).entries), ['shared']);
  const withClaims = `${pod}        persistentVolumeClaim:\n          claimName: |\n  volumeClaimTemplates:\n  - metadata:\n      name: data\n`;
  assert.deepEqual(labels(complete(withClaims).entries), ['shared', 'data-web-0'], 'claim-template PVCs count too');
  assert.deepEqual(labels(complete(`${pod}        configMap:\n          name: |\n`).entries), ['app-config']);
  const env = `${STS_HEAD}  template:\n    spec:\n      containers:\n      - name: a\n        env:\n        - name: X\n          valueFrom:\n            configMapKeyRef:\n              name: |\n`;
  assert.deepEqual(labels(complete(env).entries), ['app-config']);
  const envFrom = `${STS_HEAD}  template:\n    spec:\n      containers:\n      - name: a\n        envFrom:\n        - configMapRef:\n            name: a|\n`;
  assert.deepEqual(labels(complete(envFrom).entries), ['app-config']);
  const pvc = `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: c\nspec:\n  storageClassName: |\n`;
  assert.deepEqual(labels(complete(pvc).entries), ['fast-ssd']);
  assert.deepEqual(labels(complete(`apiVersion: v1\nkind: PersistentVolumeClaim\nspec:\n  volumeName: |\n`).entries), ['pv-a']);
  const vct = `${STS_HEAD}  volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      storageClassName: |\n`;
  assert.deepEqual(labels(complete(vct).entries), ['fast-ssd']);
});

test('label maps that must agree offer the other side\'s pairs', () => {
  const sts = `${STS_HEAD}  selector:\n    matchLabels:\n      |\n  template:\n    metadata:\n      labels:\n        app: web\n        tier: "1"\n`;
  assert.deepEqual(labels(complete(sts).entries), ['app: web', 'tier: "1"']);
  const tpl = `${STS_HEAD}  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        |\n`;
  assert.deepEqual(labels(complete(tpl).entries), ['app: web']);
  const svc = `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    |\n---\n${STS_HEAD}  template:\n    metadata:\n      labels: {app: db, role: primary}\n    spec: {containers: [{name: c, image: x}]}\n`;
  const got = complete(svc).entries;
  assert.deepEqual(labels(got), ['app: db', 'role: primary']);
  assert.match(got[0].detail ?? '', /StatefulSet web/);
  const present = `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    app: db\n    |\n---\n${STS_HEAD}  template:\n    metadata:\n      labels: {app: db, role: primary}\n    spec: {containers: [{name: c, image: x}]}\n`;
  assert.deepEqual(labels(complete(present).entries), ['role: primary']);
});

test('PV claimRef name offers PVCs and the PVCs claim templates will create', () => {
  const text = `apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv\nspec:\n  claimRef:\n    namespace: default\n    name: |\n---\n${STS_HEAD}  replicas: 2\n  ordinals:\n    start: 3\n  volumeClaimTemplates:\n  - metadata:\n      name: data\n`;
  assert.deepEqual(labels(complete(text).entries), ['shared', 'data-web-3', 'data-web-4']);
  assert.deepEqual(labels(complete(text.replace('namespace: default', 'namespace: other')).entries), []);
});

test('Service targetPort offers the named ports of the selected pods; namespace offers known namespaces', () => {
  const sts = `${STS_HEAD}  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers:\n      - name: c\n        image: x\n        ports:\n        - {name: sql, containerPort: 5432}\n        - {name: metrics, containerPort: 9187}\n`;
  const svc = `apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  selector: {app: db}\n  ports:\n  - port: 5432\n    targetPort: |\n---\n${sts}`;
  const got = complete(svc).entries;
  assert.deepEqual(labels(got), ['sql', 'metrics']);
  assert.match(got[0].detail ?? '', /5432/);
  assert.deepEqual(labels(complete(svc.replace('{app: db}\n  ports', '{app: other}\n  ports')).entries), []);
  assert.deepEqual(labels(complete(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: |\n`).entries), ['other']);
});

test('ConfigMap keys for configMapKeyRef.key and configMap volume items', () => {
  const env = `${STS_HEAD}  template:\n    spec:\n      containers:\n      - name: a\n        env:\n        - name: X\n          valueFrom:\n            configMapKeyRef:\n              name: app-config\n              key: |\n`;
  assert.deepEqual(labels(complete(env).entries), ['mode', 'level']);
  const vol = `${STS_HEAD}  template:\n    spec:\n      volumes:\n      - name: v\n        configMap:\n          name: app-config\n          items:\n          - key: m|\n            path: m\n`;
  assert.deepEqual(labels(complete(vol).entries), ['mode', 'level']);
  assert.deepEqual(labels(complete(env.replace('name: app-config', 'name: missing')).entries), []);
});

test('kind and apiVersion values; apiVersion follows the kind', () => {
  const kinds = labels(complete('apiVersion: apps/v1\nkind: |\n').entries);
  assert.ok(kinds.includes('StatefulSet') && kinds.includes('PersistentVolumeClaim'));
  assert.deepEqual(labels(complete('kind: StatefulSet\napiVersion: |\n').entries), ['apps/v1']);
  assert.deepEqual(labels(complete('apiVersion: |\nkind: ConfigMap\n').entries), ['v1']);
});

test('an empty document offers the envelope and resource skeletons; skeleton plain text parses', () => {
  const { entries } = complete('kind: ConfigMap\n---\n|');
  const names = labels(entries);
  assert.ok(names.includes('apiVersion') && names.includes('kind'));
  const sk = entries.find((e) => e.label === 'StatefulSet with headless Service')!;
  assert.equal(sk.kind, 'snippet');
  const plainSk = complete('|', false).entries.find((e) => e.label === 'StatefulSet with headless Service')!;
  assert.equal(plainSk.isSnippet, false);
  assert.doesNotMatch(plainSk.insertText, /\$/);
  const p = new Project();
  p.setFile('file:///sk.yaml', plainSk.insertText);
  assert.deepEqual(p.getFile('file:///sk.yaml')!.resources.map((r) => r.kind), ['Service', 'StatefulSet']);
  assert.ok(!p.findings('file:///sk.yaml').some((f) => f.severity === 'error'), JSON.stringify(p.findings('file:///sk.yaml')));
});

test('a file starting with a newline: completion at offset 0 replaces nothing before the cursor', () => {
  const { entries, offset } = complete('|\n# comment\napiVersion: v1\nkind: ConfigMap\n');
  for (const e of entries) assert.ok(e.replace!.start <= offset && e.replace!.end >= offset, JSON.stringify(e.replace));
});

test('flow-style (JSON-like) documents complete through the AST', () => {
  const json = '{\n  "apiVersion": "v1",\n  "kind": "PersistentVolumeClaim",\n  "spec": {\n    "volumeMode": "Fi|lesystem",\n    "accessModes": ["ReadWriteOnce"]\n  }\n}\n';
  const v = complete(json);
  assert.deepEqual(labels(v.entries), ['Block', 'Filesystem']);
  assert.equal(v.text.slice(v.entries[0].replace!.start, v.entries[0].replace!.end), 'Filesystem');
  const k = complete(json.replace('"volumeMode": "Fi|lesystem"', '"volu|meMode": "Filesystem"'));
  const names = labels(k.entries);
  assert.ok(names.includes('volumeMode') && names.includes('resources') && !names.includes('accessModes'), names.join());
  assert.equal(k.entries.find((e) => e.label === 'volumeMode')!.insertText, 'volumeMode');
  const item = complete(json.replace('"Fi|lesystem"', '"Filesystem"').replace('["ReadWriteOnce"]', '["ReadWrite|Once"]'));
  assert.ok(labels(item.entries).includes('ReadWriteMany'));
});

test('metadata offers writable fields only', () => {
  const names = labels(complete(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  |\n`).entries);
  assert.ok(names.includes('name') && names.includes('labels'));
  assert.ok(!names.includes('uid') && !names.includes('resourceVersion') && !names.includes('managedFields'));
});

test('nothing is offered inside comments, block scalars, free text or unknown files', () => {
  assert.deepEqual(complete(`${STS_HEAD}  # serv|\n`).entries, []);
  assert.deepEqual(complete(`${STS_HEAD}  template:\n    spec:\n      containers:\n      - name: a\n        args:\n        - |\n          ech|\n`).entries, []);
  assert.deepEqual(complete(`apiVersion: v1\nkind: ConfigMap\ndata:\n  run.sh: |\n    ser|\n`).entries, []);
  assert.deepEqual(complete(`${STS_HEAD}  serviceName: two words|\n`).entries, []);
  const p = new Project();
  assert.deepEqual(completion(p, 'file:///nope.yaml', 0, { snippetSupport: true }), []);
});

// Latency is measured by `npm run bench` (target p95 < 5 ms), not asserted here: this checks that a
// request in a 1000-StatefulSet file answers from the cached model without re-parsing the file.
test('completion on a 1000-StatefulSet file answers from the cached model', () => {
  const docs: string[] = [];
  for (let i = 0; i < 1000; i++) {
    docs.push(`apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s${i}\nspec:\n  serviceName: h${i}\n  selector:\n    matchLabels: {app: s${i}}\n  template:\n    metadata:\n      labels: {app: s${i}}\n    spec:\n      containers:\n      - name: c\n        image: x\n        volumeMounts:\n        - name: data\n          mountPath: /d\n  volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources: {requests: {storage: 1Gi}}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: h${i}\nspec:\n  clusterIP: None\n`);
  }
  const text = docs.join('---\n');
  const p = new Project();
  p.setFile(URI, text);
  const at = [text.indexOf('serviceName: h500') + 14, text.indexOf('- name: data', text.indexOf('s700')) + 9, text.indexOf('  selector', text.indexOf('s900')) + 2];
  for (const o of at) {
    const model = p.getFile(URI);
    assert.ok(completion(p, URI, o, { snippetSupport: true }).length > 0);
    assert.equal(p.getFile(URI), model, 'completion must not rebuild the file model');
  }
});
