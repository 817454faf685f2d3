// Quick fixes of the single-resource rules: applying a fix's edits removes the finding, keeps the YAML
// valid, and adds no new error. Also the rules that fixtures cannot express (1 MiB ConfigMaps).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { Project } from '../../server/src/core/project';
import { normalizeSettings } from '../../server/src/core/settings';
import type { Finding, TextEdit } from '../../server/src/core/types';

const URI = 'file:///fix.yaml';

function analyse(text: string, settings: Record<string, unknown> = {}): Finding[] {
  const p = new Project(normalizeSettings(settings));
  p.setFile(URI, text);
  return p.findings(URI);
}

function apply(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    assert.equal(e.uri, URI);
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  }
  return out;
}

const key = (f: Finding) => `${f.code}:${f.severity}:${f.message}`;

/** Applies fix `title` (regexp) of the first `code` finding; asserts it is gone and nothing new is an error. Returns the new text. */
function fixes(text: string, code: string, title: RegExp, settings: Record<string, unknown> = {}): string {
  const before = analyse(text, settings);
  const f = before.find((x) => x.code === code);
  assert.ok(f, `no ${code} finding in:\n${text}`);
  const fix = f.fixes?.find((x) => title.test(x.title));
  assert.ok(fix, `no fix matching ${title} on ${code}: ${JSON.stringify(f.fixes?.map((x) => x.title))}`);
  const after = apply(text, fix.edits);
  for (const d of parseAllDocuments(after)) assert.deepEqual(d.errors.map((e) => e.message), [], `fixed text is not valid YAML:\n${after}`);
  const now = analyse(after, settings);
  assert.equal(now.filter((x) => x.code === code).length, before.filter((x) => x.code === code).length - 1, `${code} still reported after '${fix.title}':\n${after}`);
  const old = new Set(before.map(key));
  const newErrors = now.filter((x) => x.severity === 'error' && !old.has(key(x)));
  assert.deepEqual(newErrors.map(key), [], `'${fix.title}' introduced errors:\n${after}`);
  return after;
}

const SVC = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector:
    app: web
  ports:
    - name: http
      port: 80
---
`;

function sts(podSpec: string, extra = '', labels = '        app: web\n'): string {
  return `${SVC}apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  selector:
    matchLabels:
      app: web
${extra}  template:
    metadata:
      labels:
${labels}    spec:
${podSpec}`;
}

const C = `      containers:
        - name: web
          image: nginx:1.27
`;

test('selector-mismatch: align the selector, or the labels, or add the missing label', () => {
  const wrong = sts(C, '', '        app: api\n');
  assert.match(fixes(wrong, 'selector-mismatch', /Change the selector/), /matchLabels:\n {6}app: api\n/);
  assert.match(fixes(wrong, 'selector-mismatch', /Change the template label/), /labels:\n {8}app: web\n {4}spec:/);
  const missing = sts(C, '', '        tier: db\n');
  assert.match(fixes(missing, 'selector-mismatch', /Add label app/), /labels:\n {8}tier: db\n {8}app: web\n/);
  // Values that YAML would read as another type are quoted.
  const numeric = sts(C, '', '        app: "1.0"\n');
  assert.match(fixes(numeric, 'selector-mismatch', /Change the selector/), /app: "1.0"\n {2}template/);
});

test('ondelete-with-rolling-update: remove rollingUpdate', () => {
  const t = sts(C, '  updateStrategy:\n    type: OnDelete\n    rollingUpdate:\n      partition: 1\n');
  assert.match(fixes(t, 'ondelete-with-rolling-update', /Remove/), /type: OnDelete\n {2}template:/);
});

test('service-name-empty: set serviceName to the StatefulSet name', () => {
  const t = sts(C).replace('  serviceName: web\n', '');
  assert.match(fixes(t, 'service-name-empty', /Set serviceName/), /serviceName: web\n/);
});

test('template-restart-policy and template-active-deadline', () => {
  fixes(sts(C + '      restartPolicy: Never\n'), 'template-restart-policy', /Always/);
  const t = fixes(sts(C + '      activeDeadlineSeconds: 30\n'), 'template-active-deadline', /Remove/);
  assert.ok(!t.includes('activeDeadlineSeconds'));
});

test('volume-mount-unknown: add a claim template (new list or appended) or an emptyDir volume', () => {
  const mount = `      containers:
      - name: web
        image: nginx:1.27
        volumeMounts:
        - name: data
          mountPath: /data
`;
  // No volumeClaimTemplates / volumes yet: the key is added to its mapping, the list indented below it.
  let t = fixes(sts(mount), 'volume-mount-unknown', /volumeClaimTemplate/);
  assert.match(t, /\n {2}volumeClaimTemplates:\n {4}- metadata:\n {8}name: data\n {6}spec:\n/);
  t = fixes(sts(mount), 'volume-mount-unknown', /emptyDir/);
  assert.match(t, /\n {6}volumes:\n {8}- name: data\n {10}emptyDir: \{\}\n/);
  // Existing lists are appended to with their own indentation.
  const withLists = sts(`${mount}      volumes:
        - name: cache
          emptyDir: {}
`) + `  volumeClaimTemplates:
    - metadata:
        name: logs
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 1Gi
`;
  const more = withLists.replace('          mountPath: /data\n', '          mountPath: /data\n        - name: logs\n          mountPath: /logs\n        - name: cache\n          mountPath: /cache\n');
  t = fixes(more, 'volume-mount-unknown', /volumeClaimTemplate/);
  assert.match(t, /storage: 1Gi\n {4}- metadata:\n {8}name: data\n {6}spec:\n/);
  t = fixes(more, 'volume-mount-unknown', /emptyDir/);
  assert.match(t, /emptyDir: \{\}\n {8}- name: data\n {10}emptyDir: \{\}\n/);
});

test('claim-template-unmounted: mount the claim in the first container', () => {
  const claim = `  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 1Gi
`;
  let t = fixes(sts(C) + claim, 'claim-template-unmounted', /Mount 'data'/);
  assert.match(t, /image: nginx:1.27\n {10}volumeMounts:\n {12}- name: data\n {14}mountPath: \/data\/data\n/);
  const withMounts = sts(`${C}          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir: {}
`) + claim;
  t = fixes(withMounts, 'claim-template-unmounted', /Mount 'data'/);
  assert.match(t, /mountPath: \/tmp\n {12}- name: data\n {14}mountPath: \/data\/data\n/);
});

test('quantity typos are corrected: storage, resources, millibytes', () => {
  const pvc = (storage: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: ${storage}
`;
  assert.match(fixes(pvc('10 Gi'), 'storage-request', /10Gi/), /storage: 10Gi\n/);
  assert.match(fixes(pvc('1gi'), 'storage-request', /1Gi/), /storage: 1Gi\n/);
  assert.match(fixes(pvc('500m'), 'memory-millibytes', /500Mi/), /storage: 500Mi\n/);
  assert.match(fixes(pvc('1Gi').replace('[ReadWriteOnce]', '[]'), 'access-modes', /ReadWriteOnce/), /accessModes: \[ReadWriteOnce\]\n/);
  const res = (mem: string) => sts(`${C}          resources:
            limits:
              memory: ${mem}
`);
  assert.match(fixes(res('2 Gi'), 'resource-quantity-invalid', /2Gi/), /memory: 2Gi\n/);
  assert.match(fixes(res('512m'), 'memory-millibytes', /512Mi/), /memory: 512Mi\n/);
  // 1GB has two plausible meanings: no automatic fix.
  const gb = analyse(res('1GB')).find((f) => f.code === 'resource-quantity-invalid');
  assert.ok(gb && !gb.fixes);
});

test('service fixes: clusterIP none -> None, remove nodePort on ClusterIP', () => {
  const svc = (spec: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n${spec}`;
  assert.match(fixes(svc('  clusterIP: none\n  ports:\n    - port: 5432\n'), 'service-cluster-ip-invalid', /None/), /clusterIP: None\n/);
  const t = fixes(svc('  ports:\n    - port: 5432\n      nodePort: 30432\n      targetPort: 5432\n'), 'service-node-port-forbidden', /Remove/);
  assert.match(t, /- port: 5432\n {6}targetPort: 5432\n$/);
});

test('container fixes: env value vs valueFrom, probe successThreshold, init container probe', () => {
  const env = sts(`${C}          env:
            - name: POD
              value: x
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
`);
  assert.ok(!fixes(env, 'env-value-conflict', /Remove value/).includes('value: x'));
  const probe = sts(`${C}          livenessProbe:
            tcpSocket:
              port: 80
            successThreshold: 2
`);
  assert.match(fixes(probe, 'probe-success-threshold', /1/), /successThreshold: 1\n/);
  const init = sts(`      initContainers:
        - name: init
          image: busybox:1.36
          livenessProbe:
            exec:
              command: ["true"]
          command: ["true"]
${C}`);
  assert.match(fixes(init, 'init-container-probe', /Remove/), /image: busybox:1.36\n {10}command: \["true"\]\n/);
});

test('fixes land in the right document of a multi-document file (absolute offsets)', () => {
  const text = `${SVC}${sts(C + '      restartPolicy: Never\n').slice(SVC.length)}---\n${sts(C + '      restartPolicy: OnFailure\n').slice(SVC.length).replace('name: web\nspec', 'name: web2\nspec')}`;
  let t = fixes(text, 'template-restart-policy', /Always/);
  t = fixes(t, 'template-restart-policy', /Always/);
  assert.equal(t.match(/restartPolicy: Always/g)?.length, 2);
});

test('configmap-too-large: over 1 MiB of data is an error, just under is fine', () => {
  const cm = (n: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: ${'x'.repeat(n)}\n`;
  const over = analyse(cm(1024 * 1024)).filter((f) => f.code === 'configmap-too-large');
  assert.equal(over.length, 1);
  assert.equal(over[0].severity, 'error');
  assert.equal(analyse(cm(1024 * 1024 - 10)).filter((f) => f.code === 'configmap-too-large').length, 0);
});

test('CRLF files get CRLF insertions; a file without a final newline still gets a clean line', () => {
  const claim = `  volumeClaimTemplates:\n    - metadata:\n        name: data\n      spec:\n        accessModes: [ReadWriteOnce]\n        resources:\n          requests:\n            storage: 1Gi`;
  const crlf = (sts(C) + claim + '\n').replace(/\n/g, '\r\n');
  const t = fixes(crlf, 'claim-template-unmounted', /Mount/);
  assert.ok(!/[^\r]\n/.test(t), 'a bare LF was inserted');
  const noFinalNewline = sts(`${C}          volumeMounts:\n            - name: data\n              mountPath: /data\n            - name: logs\n              mountPath: /logs\n`) + claim;
  assert.match(fixes(noFinalNewline, 'volume-mount-unknown', /volumeClaimTemplate/), /storage: 1Gi\n {4}- metadata:\n {8}name: logs\n/);
});

test('before v1.34 pod and claim template errors say they surface at pod / PVC creation', () => {
  const t = sts(`      containers:\n        - name: web\n          image: ""\n`) + `  volumeClaimTemplates:\n    - metadata:\n        name: data\n      spec:\n        accessModes: []\n        resources:\n          requests:\n            storage: 1Gi\n`;
  const at33 = analyse(t, { kubernetesVersion: '1.33' });
  assert.match(at33.find((f) => f.code === 'image-missing')!.message, /every pod creation fails/);
  assert.match(at33.find((f) => f.code === 'access-modes')!.message, /every PVC creation fails/);
  assert.equal(at33.find((f) => f.code === 'image-missing')!.severity, 'error');
  const at34 = analyse(t, { kubernetesVersion: '1.34' });
  assert.doesNotMatch(at34.find((f) => f.code === 'image-missing')!.message, /creation fails/);
  // A standalone PVC is validated as always.
  const pvc = analyse('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: d\nspec:\n  accessModes: []\n  resources:\n    requests:\n      storage: 1Gi\n', { kubernetesVersion: '1.30' });
  assert.doesNotMatch(pvc.find((f) => f.code === 'access-modes')!.message, /creation fails/);
});

test('env-reference-order: the referenced variable moves above its first use, each item with its comment lines', () => {
  const text = sts(`${C}          env:
            # where peers reach this pod
            - name: ADDR
              value: $(POD_NAME).web:80
            - name: OTHER
              value: y
            # the pod's own name
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: LAST
              value: z
`);
  const f = analyse(text).find((x) => x.code === 'env-reference-order');
  assert.ok(f);
  assert.equal(text.slice(f.start, f.end), '$(POD_NAME)');
  const after = fixes(text, 'env-reference-order', /^Move POD_NAME before ADDR$/);
  assert.match(after, /env:\n {12}# the pod's own name\n {12}- name: POD_NAME\n {14}valueFrom:\n {16}fieldRef:\n {18}fieldPath: metadata.name\n {12}# where peers reach this pod\n {12}- name: ADDR\n {14}value: \$\(POD_NAME\)\.web:80\n {12}- name: OTHER\n {14}value: y\n {12}- name: LAST\n/);
  // Flow-style env lists are left to the user.
  const flow = sts(`${C}          env: [{ name: A, value: "$(B)" }, { name: B, value: b }]
`);
  const g = analyse(flow).find((x) => x.code === 'env-reference-order');
  assert.ok(g);
  assert.equal(g.fixes, undefined);
});

test('env-reference-undefined: a conventional name (POD_IP) is defined from the downward API above its use', () => {
  const text = sts(`${C}          env:
            - name: A
              value: a
            - name: ADVERTISE
              value: "$(MY_POD_IP):7000"
`);
  const f = analyse(text).find((x) => x.code === 'env-reference-undefined');
  assert.ok(f);
  assert.equal(text.slice(f.start, f.end), '$(MY_POD_IP)');
  const after = fixes(text, 'env-reference-undefined', /^Define MY_POD_IP from the pod's status\.podIP before ADVERTISE$/);
  assert.match(after, /- name: A\n {14}value: a\n {12}- name: MY_POD_IP\n {14}valueFrom:\n {16}fieldRef:\n {18}fieldPath: status\.podIP\n {12}- name: ADVERTISE\n/);
  // Other names get no fix: what they should hold is not known.
  const other = sts(`${C}          env:
            - name: HOME_DIR
              value: $(HOME)/x
`);
  assert.equal(analyse(other).find((x) => x.code === 'env-reference-undefined')?.fixes, undefined);
});

test('template-hostname-ignored: remove the hostname or subdomain the controller sets', () => {
  const t = fixes(sts(C + '      hostname: db\n      subdomain: peers\n'), 'template-hostname-ignored', /Remove hostname/);
  assert.ok(!t.includes('hostname:') && t.includes('subdomain: peers'), t);
  assert.ok(!fixes(t, 'template-hostname-ignored', /Remove subdomain/).includes('subdomain:'));
});

test('partition-blocks-updates: set the partition to 0, or to replicas - 1 for one canary pod', () => {
  const t = sts(C, '  replicas: 3\n  ordinals:\n    start: 5\n  updateStrategy:\n    rollingUpdate:\n      partition: 3\n');
  assert.match(fixes(t, 'partition-blocks-updates', /^Set partition to 0 \(update every pod\)$/), /partition: 0\n/);
  assert.match(fixes(t, 'partition-blocks-updates', /^Set partition to 2 \(update web-7 only\)$/), /partition: 2\n/);
  // One replica: only the full rollout is offered.
  const one = analyse(t.replace('replicas: 3', 'replicas: 1')).find((f) => f.code === 'partition-blocks-updates');
  assert.deepEqual(one?.fixes?.map((f) => f.title), ['Set partition to 0 (update every pod)']);
});

test('revision-history-limit-negative: 0 or the default', () => {
  const t = sts(C, '  revisionHistoryLimit: -1\n');
  assert.match(fixes(t, 'revision-history-limit-negative', /Use 0/), /revisionHistoryLimit: 0\n/);
  assert.match(fixes(t, 'revision-history-limit-negative', /default/), /revisionHistoryLimit: 10\n/);
});

test('service-headless-type: type ClusterIP, with the nodePorts it forbids removed', () => {
  const svc = SVC.replace('  clusterIP: None\n', '  clusterIP: None\n  type: NodePort\n').replace('      port: 80\n', '      port: 80\n      nodePort: 30080\n') + 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';
  const t = fixes(svc, 'service-headless-type', /Use type ClusterIP/);
  assert.match(t, /clusterIP: None\n {2}type: ClusterIP\n/);
  assert.ok(!t.includes('nodePort'), t);
  // A nodePort written as the first key of its item cannot be cut out as a line: no fix then.
  const inline = svc.replace('    - name: http\n      port: 80\n      nodePort: 30080\n', '    - nodePort: 30080\n      name: http\n      port: 80\n');
  assert.equal(analyse(inline).find((f) => f.code === 'service-headless-type')?.fixes, undefined);
});
