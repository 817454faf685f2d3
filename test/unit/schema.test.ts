// The schema query API (hover/completion use it), the "did you mean" messages and the fixes of the schema rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Project } from '../../server/src/core/project';
import { normalizeSettings } from '../../server/src/core/settings';
import { fieldInfo, fieldsAt, knownKinds } from '../../server/src/core/schema/index';
import { editDistance, suggest } from '../../server/src/core/schema/suggest';
import type { Finding, Fix } from '../../server/src/core/types';

const SCHEMA_CODES = new Set(['deprecated-field', 'unknown-field', 'invalid-type', 'invalid-enum', 'missing-required', 'unknown-kind', 'api-version', 'missing-kind-or-api-version']);
const URI = 'file:///t/doc.yaml';

function analyse(text: string): Finding[] {
  const p = new Project(normalizeSettings({}));
  p.setFile(URI, text);
  return p.findings(URI).filter((f) => SCHEMA_CODES.has(f.code));
}

function apply(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

const STS = (containerExtra: string, specExtra = '') => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  replicas: 1${specExtra}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx
${containerExtra}`;

/** The single finding of `code`, its fix applied, and the re-analysis free of that code. */
function fixRoundTrip(text: string, code: string, expectText: RegExp): { finding: Finding; fixed: string } {
  const found = analyse(text).filter((f) => f.code === code);
  assert.equal(found.length, 1, `one ${code} in:\n${text}\ngot ${JSON.stringify(analyse(text))}`);
  const finding = found[0];
  assert.match(finding.message, expectText);
  const fix = finding.fixes?.find((f) => f.isPreferred) ?? finding.fixes?.[0];
  assert.ok(fix, `a fix for ${code}`);
  const fixed = apply(text, fix);
  assert.deepEqual(analyse(fixed), [], `after "${fix.title}":\n${fixed}`);
  return { finding, fixed };
}

test('fieldInfo describes fields with readable types, enums and required flags', () => {
  const replicas = fieldInfo('StatefulSet', ['spec', 'replicas']);
  assert.equal(replicas?.type, 'integer');
  assert.equal(replicas?.required, false);
  assert.match(replicas!.description, /desired number of replicas/);
  assert.deepEqual(fieldInfo('StatefulSet', ['spec', 'podManagementPolicy'])?.enum, ['OrderedReady', 'Parallel']);
  assert.equal(fieldInfo('StatefulSet', ['spec', 'podManagementPolicy'])?.type, 'string');
  assert.equal(fieldInfo('StatefulSet', ['spec', 'template'])?.type, 'object (PodTemplateSpec)');
  assert.equal(fieldInfo('StatefulSet', ['spec', 'template'])?.required, true);
  assert.equal(fieldInfo('StatefulSet', ['spec', 'template', 'spec', 'containers'])?.type, 'array of Container');
  assert.equal(fieldInfo('StatefulSet', ['spec', 'template', 'spec', 'containers', 0, 'name'])?.required, true);
  assert.equal(fieldInfo('StatefulSet', ['metadata', 'labels'])?.type, 'map of string');
  assert.equal(fieldInfo('StatefulSet', ['metadata', 'labels', 'app'])?.type, 'string');
  assert.match(fieldInfo('StatefulSet', ['metadata', 'labels', 'app'])!.description, /organize and categorize/);
  assert.equal(fieldInfo('StatefulSet', ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'])?.type, 'integer or string');
  assert.match(fieldInfo('PersistentVolumeClaim', ['spec', 'resources', 'requests', 'storage'])!.type, /^quantity/);
  assert.equal(fieldInfo('Service', ['spec', 'type'])?.enum?.includes('ClusterIP'), true);
  assert.equal(fieldInfo('StatefulSet', ['spec', 'nope']), undefined);
  assert.equal(fieldInfo('Deployment', ['spec']), undefined);
});

test('fieldsAt lists child fields; array indexes step into items', () => {
  const names = (k: string, p: (string | number)[]) => fieldsAt(k, p).map((f) => f.name);
  assert.ok(names('StatefulSet', ['spec']).includes('volumeClaimTemplates'));
  assert.ok(names('StatefulSet', ['spec', 'template', 'spec', 'containers', 0]).includes('imagePullPolicy'));
  assert.deepEqual(names('StatefulSet', ['spec', 'template', 'spec', 'containers', 0]), names('StatefulSet', ['spec', 'template', 'spec', 'containers']));
  assert.ok(names('StatefulSet', []).includes('status'));
  assert.ok(names('StatefulSet', ['spec', 'volumeClaimTemplates', 0, 'spec']).includes('storageClassName'));
  assert.deepEqual(names('StatefulSet', ['spec', 'replicas']), []);
  assert.deepEqual(fieldsAt('ConfigMap', []).find((f) => f.name === 'data')?.type, 'map of string');
});

test('knownKinds lists the six validated kinds with their served apiVersion', () => {
  assert.deepEqual(
    knownKinds().sort((a, b) => a.kind.localeCompare(b.kind)),
    [
      { kind: 'ConfigMap', apiVersion: 'v1' },
      { kind: 'PersistentVolume', apiVersion: 'v1' },
      { kind: 'PersistentVolumeClaim', apiVersion: 'v1' },
      { kind: 'Pod', apiVersion: 'v1' },
      { kind: 'Service', apiVersion: 'v1' },
      { kind: 'StatefulSet', apiVersion: 'apps/v1' },
    ],
  );
});

test('suggestions: case, transpositions, plurals; nothing for far-off words', () => {
  assert.equal(editDistance('apiVerison', 'apiVersion'), 1);
  assert.deepEqual(suggest('ContainerPort', ['containerPort', 'hostPort']), { names: ['containerPort'], confident: true });
  assert.deepEqual(suggest('images', ['image', 'imagePullPolicy']).names, ['image']);
  assert.deepEqual(suggest('request', ['requests', 'limits']).names, ['requests']);
  assert.deepEqual(suggest('sotrage', ['storage']).names, ['storage']);
  assert.deepEqual(suggest('frobnicate', ['image', 'name']).names, []);
});

test('unknown field: did-you-mean text and a preferred rename fix', () => {
  const { finding } = fixRoundTrip(STS('          images: nginx').replace('          image: nginx\n', ''), 'unknown-field', /Unknown field "images" in Container: did you mean "image"\?/);
  assert.equal(finding.fixes?.[0].isPreferred, true);
  // When the suggested field is already there, a rename would only create a duplicate key.
  const twice = analyse(STS('          images: nginx')).find((f) => f.code === 'unknown-field')!;
  assert.match(twice.message, /"image" is already set here/);
  assert.equal(twice.fixes, undefined);
  // The rename also satisfies the required containerPort, so nothing is left after the fix.
  fixRoundTrip(STS('          ports:\n            - ContainerPort: 80\n'), 'unknown-field', /did you mean "containerPort"/);
});

test('unknown field: the exact key is the range, also deep in lists', () => {
  const text = STS('          ports:\n            - containerPort: 80\n              protcol: TCP\n');
  const f = analyse(text).find((x) => x.code === 'unknown-field')!;
  assert.equal(text.slice(f.start, f.end), 'protcol');
  assert.match(f.message, /did you mean "protocol"/);
});

test('unknown field at the wrong level says where it belongs', () => {
  const up = analyse(STS('      replicas: 3\n')).find((f) => f.code === 'unknown-field');
  assert.match(up!.message, /"replicas" belongs under "spec", 2 levels up/);
  const down = analyse(STS('').replace('      containers:', '      image: nginx\n      containers:')).find((f) => f.code === 'unknown-field');
  assert.match(down!.message, /"image" is a field of "containers\[\]" \/ "initContainers\[\]".*: it belongs one level down/);
  assert.doesNotMatch(down!.message, /ephemeralContainers/);
  const deploy = analyse(STS('', '\n  strategy:\n    type: OnDelete')).find((f) => f.code === 'unknown-field');
  assert.match(deploy!.message, /"strategy" is a Deployment field; a StatefulSet uses "updateStrategy"/);
  assert.deepEqual(analyse(apply(STS('', '\n  strategy:\n    type: OnDelete'), deploy!.fixes![0])), []);
});

test('wrong types: messages and fixes (unquote an integer, quote env/label/data values)', () => {
  fixRoundTrip(STS('', '').replace('replicas: 1', 'replicas: "2"'), 'invalid-type', /expected an integer, got the string "2"/);
  const env = fixRoundTrip(STS('          env:\n            - name: PORT\n              value: 8080\n'), 'invalid-type', /env value must be a string: quote it/);
  assert.match(env.fixed, /value: "8080"/);
  const label = fixRoundTrip(STS('').replace('      app: web\n  template', '      app: web\n  template').replace('metadata:\n  name: web\n', 'metadata:\n  name: web\n  labels:\n    tier: 3\n'), 'invalid-type', /Label values must be strings/);
  assert.match(label.fixed, /tier: "3"/);
  const cm = fixRoundTrip('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  enabled: true\n', 'invalid-type', /ConfigMap data values must be strings/);
  assert.match(cm.fixed, /enabled: "true"/);
});

test('quantities as numbers, IntOrString both ways and null values are accepted', () => {
  const text = STS(
    '          resources:\n            requests:\n              cpu: 0.5\n              memory: 1073741824\n          readinessProbe:\n            httpGet:\n              port: 8080\n              path: /\n          livenessProbe:\n            httpGet:\n              port: http\n          ports:\n            - containerPort: 8080\n              name: http\n          args:\n',
  ).replace('metadata:\n  name: web\n', 'metadata:\n  name: web\n  annotations:\n  labels: {}\n  creationTimestamp: null\n');
  assert.deepEqual(analyse(text), []);
  // What `kubectl create --dry-run=client -o yaml` prints is accepted as is.
  assert.deepEqual(analyse(`${STS('          resources: {}\n')}status:\n  replicas: 0\n  availableReplicas: 0\n`), []);
});

test('enum: allowed values listed, case fix preferred', () => {
  const { finding } = fixRoundTrip(STS('', '\n  podManagementPolicy: parallel'), 'invalid-enum', /must be one of "OrderedReady", "Parallel"/);
  assert.equal(finding.fixes?.[0].edits[0].newText, 'Parallel');
});

test('missing required: reported on the parent key', () => {
  const text = STS('').replace('  selector:\n    matchLabels:\n      app: web\n', '');
  const f = analyse(text).filter((x) => x.code === 'missing-required');
  assert.equal(f.length, 1);
  assert.equal(text.slice(f[0].start, f[0].end), 'spec');
  assert.match(f[0].message, /Missing required field "selector" in StatefulSetSpec/);
});

test('kind case and removed apiVersion are fixed; missing apiVersion is inserted', () => {
  fixRoundTrip(STS('').replace('kind: StatefulSet', 'kind: statefulSet'), 'unknown-kind', /did you mean "StatefulSet"/);
  const v = fixRoundTrip(STS('').replace('apps/v1', 'apps/v1beta1'), 'api-version', /no longer served.*use apps\/v1/);
  assert.match(v.fixed, /^apiVersion: apps\/v1\n/);
  fixRoundTrip(STS('').replace('apiVersion: apps/v1\n', ''), 'missing-kind-or-api-version', /apiVersion is not set/);
  fixRoundTrip(STS('').replace('apiVersion: apps/v1\n', 'apiVersion:\n'), 'missing-kind-or-api-version', /apiVersion is empty/);
  fixRoundTrip(STS('').replace('apiVersion: apps/v1\n', 'apiVersion: ""\n'), 'missing-kind-or-api-version', /apiVersion is empty/);
});

test('a misspelt apiVersion key is both an unknown field and a missing apiVersion; renaming clears both', () => {
  const text = 'apiVerison: v1\nkind: ConfigMap\nmetadata:\n  name: c\n';
  const f = analyse(text);
  assert.deepEqual(f.map((x) => x.code).sort(), ['missing-kind-or-api-version', 'unknown-field']);
  assert.deepEqual(analyse(apply(text, f[0].fixes![0])), []);
});

test('unknown kinds, CRDs sharing a kind name, and non-objects produce nothing', () => {
  assert.deepEqual(analyse('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  bogus: 1\n'), []);
  assert.deepEqual(analyse('apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  template: {}\n'), []);
  assert.deepEqual(analyse('resources:\n  - a.yaml\npatches: []\n'), []);
});

test('YAML 1.1 booleans: unquoted on/yes where a string is expected are quoted by the fix; boolean fields accept them', () => {
  const { fixed } = fixRoundTrip(STS('          env:\n            - name: FLAG\n              value: yes\n'), 'invalid-type', /kubectl reads the unquoted yes as the boolean true/);
  assert.match(fixed, /value: "yes"/);
  assert.deepEqual(analyse(STS('          tty: yes\n          stdin: off\n')), []);
});

test('selectors: a Service selector is a plain map; a StatefulSet selector needs matchLabels', () => {
  const svc = analyse('apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    matchLabels:\n      app: web\n  ports:\n    - port: 80\n');
  assert.equal(svc.length, 1);
  assert.match(svc[0].message, /A Service selector is a plain label map/);
  const sts = analyse(STS('').replace('    matchLabels:\n      app: web\n', '    app: web\n')).filter((f) => f.code === 'unknown-field');
  assert.equal(sts.length, 1);
  assert.match(sts[0].message, /selector lists labels under matchLabels/);
});

test('deprecated fields: info with the API advice; serviceAccount is renamed to serviceAccountName', () => {
  const text = STS('').replace('    spec:\n      containers:', '    spec:\n      serviceAccount: builder\n      containers:');
  const { finding, fixed } = fixRoundTrip(text, 'deprecated-field', /"serviceAccount" is deprecated: Use serviceAccountName instead/);
  assert.equal(finding.severity, 'info');
  assert.deepEqual(finding.tags, ['deprecated']);
  assert.match(fixed, /serviceAccountName: builder/);
  // Both set: no rename (it would duplicate the key).
  const both = analyse(text.replace('serviceAccount: builder', 'serviceAccount: builder\n      serviceAccountName: builder'));
  assert.equal(both.length, 1);
  assert.equal(both[0].fixes, undefined);
});
