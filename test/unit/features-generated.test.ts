// "Show generated pods and PVCs": the objects a StatefulSet's controller creates, as YAML.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { MAX_GENERATED_ORDINALS, generatedResources } from '../../server/src/core/features/generated';
import { Project } from '../../server/src/core/project';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { PAIR, STATEFULSET } from '../protocol/helpers/manifests';

const URI = 'file:///t/web.yaml';

function generate(text: string, pick?: number | string, settings = DEFAULT_SETTINGS) {
  const p = new Project(settings);
  p.setFile(URI, text);
  const g = generatedResources(p, URI, pick);
  const docs = g ? parseAllDocuments(g.text).map((d) => d.toJS()).filter(Boolean) : [];
  return { g, docs, p };
}

describe('generated pods and PVCs', () => {
  it('writes each pod with its name, hostname, subdomain, labels and claim volumes, each followed by its claims', () => {
    const { g, docs } = generate(PAIR);
    assert.equal(g?.title, 'web.generated.yaml');
    assert.deepEqual(g?.sets, ['web']);
    assert.deepEqual(docs.map((d) => `${d.kind} ${d.metadata.name}`), ['Pod web-0', 'PersistentVolumeClaim www-web-0', 'Pod web-1', 'PersistentVolumeClaim www-web-1', 'Pod web-2', 'PersistentVolumeClaim www-web-2']);
    assert.deepEqual(docs[2], {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-1', namespace: 'default', labels: { app: 'nginx', 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1' } },
      spec: { hostname: 'web-1', subdomain: 'nginx', volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } }] },
    });
    // A claim is its template, renamed into the set's namespace, with the selector's labels.
    assert.deepEqual(docs[5], {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'www-web-2', namespace: 'default', labels: { app: 'nginx' } },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
  });

  it('says in its header how pods come and go and which DNS names they get', () => {
    const text = generate(PAIR).g!.text;
    const lines = text.slice(0, text.indexOf('\n---\n')).split('\n');
    assert.ok(lines.every((l) => l.startsWith('#') && l.length <= 90), lines.join('\n'));
    // Long sentences are wrapped, their continuations indented: read them joined.
    const header = lines.join('\n').replace(/\n# {5}(?=\S)/g, ' ');
    assert.match(header, /Pods web-0, web-1, web-2 are created in that order, each once the one before is Running and Ready, and removed in reverse order/);
    assert.match(header, /A template change replaces web-2, web-1, web-0, highest ordinal first, one at a time/);
    assert.match(header, /Claims www-web-0, www-web-1, www-web-2 are kept when the StatefulSet is deleted \(whenDeleted Retain\), and kept when a scale-down removes their pod/);
    for (const name of ['nginx.default.svc.cluster.local', 'web-0.nginx.default.svc.cluster.local', 'web-2.nginx.default.svc.cluster.local', '_web._tcp.nginx.default.svc.cluster.local']) {
      assert.ok(header.includes(`${name}\n`), name);
    }
    const parallel = generate(PAIR.replace('replicas: 3', 'replicas: 3\n  podManagementPolicy: Parallel\n  persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete}')).g!.text.replace(/\n# {5}(?=\S)/g, ' ');
    assert.match(parallel, /Pods web-0, web-1, web-2 are created and removed all at once/);
    assert.match(parallel, /are deleted with the StatefulSet \(whenDeleted Delete\), and kept when a scale-down removes their pod/);
  });

  it('follows ordinals.start, the namespace, the cluster domain and the Kubernetes version', () => {
    const text = PAIR.replace('replicas: 3', 'replicas: 2\n  ordinals:\n    start: 5').replace(/metadata:\n  name: (nginx|web)\n/g, 'metadata:\n  name: $1\n  namespace: db\n');
    const { g, docs } = generate(text, undefined, { ...DEFAULT_SETTINGS, clusterDomain: 'corp.example', kubernetesVersion: '1.27' });
    assert.deepEqual(docs.filter((d) => d.kind === 'Pod').map((d) => [d.metadata.name, d.metadata.namespace]), [['web-5', 'db'], ['web-6', 'db']]);
    assert.deepEqual(docs.find((d) => d.kind === 'PersistentVolumeClaim').metadata.name, 'www-web-5');
    assert.match(g!.text, /web-6\.nginx\.db\.svc\.corp\.example/);
    // The pod-index label is set from v1.28 on.
    assert.equal(docs[0].metadata.labels['apps.kubernetes.io/pod-index'], undefined);
  });

  it('claims get the template labels and annotations, with the selector labels on top', () => {
    const text = STATEFULSET.replace('        name: www\n', '        name: www\n        labels: {tier: data, app: other}\n        annotations: {backup: daily}\n');
    const pvc = generate(text).docs.find((d) => d.kind === 'PersistentVolumeClaim');
    assert.deepEqual(pvc.metadata, { name: 'www-web-0', namespace: 'default', labels: { tier: 'data', app: 'nginx' }, annotations: { backup: 'daily' } });
  });

  it('shows the StatefulSet under the cursor or of that name, or every StatefulSet of the file', () => {
    const two = `${PAIR}---\n${STATEFULSET.replace('name: web', 'name: db').replace('replicas: 3', 'replicas: 1')}`;
    const second = two.lastIndexOf('kind: StatefulSet');
    assert.deepEqual(generate(two, second).g?.sets, ['db']);
    assert.equal(generate(two, second).g?.of, 2);
    assert.equal(generate(two, second).g?.title, 'db.generated.yaml');
    assert.equal(generate(two, 'db').g?.text, generate(two, second).g?.text);
    // A name the file does not have: nothing (a view following a renamed or deleted set says so).
    assert.equal(generate(two, 'gone').g, undefined);
    // On the Service (not a StatefulSet) or without a position: all of them, titled by the file.
    const all = generate(two, 5).g;
    assert.deepEqual(all?.sets, ['web', 'db']);
    assert.equal(all?.title, 'web.generated.yaml');
    assert.equal(generate(two).g?.text, all?.text);
    assert.equal(generate('apiVersion: v1\nkind: Service\nmetadata: {name: a}\n').g, undefined);
  });

  it('caps a whole-file answer at maxSets StatefulSets, names the rest, and still shows any one of them picked', () => {
    const many = Array.from({ length: 25 }, (_, i) => STATEFULSET.replace('name: web', `name: s${i}`).replace('replicas: 3', 'replicas: 1')).join('---\n');
    const p = new Project();
    p.setFile(URI, many);
    const capped = generatedResources(p, URI, undefined, 20)!;
    assert.deepEqual(capped.sets, Array.from({ length: 20 }, (_, i) => `s${i}`));
    assert.deepEqual([capped.of, capped.whole, capped.title], [25, true, 'web.generated.yaml']);
    assert.match(capped.text.replace(/\n# +/g, ' '), /^# The file has 25 StatefulSets: the first 20 are shown\. Not shown: s20, s21, s22, s23, s24\. Put the cursor/);
    assert.equal(parseAllDocuments(capped.text).map((d) => d.toJS()).filter((d) => d?.kind === 'Pod').length, 20);
    // One picked past the cap; and the command line's call, without a cap, shows all.
    const picked = generatedResources(p, URI, many.lastIndexOf('kind: StatefulSet'), 20)!;
    assert.deepEqual([picked.sets, picked.of, picked.whole], [['s24'], 25, false]);
    assert.equal(generatedResources(p, URI)!.sets.length, 25);
  });

  it('notes above a claim the PersistentVolume reserved for it (claimRef), and why it cannot bind when it does not fit', () => {
    const pv = (name: string, claim: string, size: string, ns = '') => `---\napiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: ${name}\nspec:\n  capacity: {storage: ${size}}\n  accessModes: [ReadWriteOnce]\n  claimRef: {name: ${claim}${ns}}\n  hostPath: {path: /d}\n`;
    const text = generate(PAIR + pv('pv-0', 'www-web-0', '1Gi', ', namespace: default') + pv('pv-1', 'www-web-1', '500Mi') + pv('pv-x', 'www-web-2', '1Gi', ', namespace: other')).g!.text;
    const before = (claim: string) => text.slice(0, text.indexOf(`kind: PersistentVolumeClaim\nmetadata:\n  name: ${claim}\n`)).split('---\n').pop()!;
    assert.equal(before('www-web-0'), '# PersistentVolume pv-0 is reserved for this claim (claimRef) and fits it.\napiVersion: v1\n');
    assert.match(before('www-web-1').replace(/\n# {5}/g, ' '), /^# PersistentVolume pv-1 is reserved for this claim \(claimRef\) but cannot bind it: capacity 500Mi is smaller than the requested 1Gi\.\n/);
    // Reserved for a claim of that name in another namespace: not this one.
    assert.equal(before('www-web-2'), 'apiVersion: v1\n');
  });

  it('writes at most MAX_GENERATED_ORDINALS ordinals and says so; no pods for replicas 0', () => {
    const { g, docs } = generate(STATEFULSET.replace('replicas: 3', 'replicas: 100000'));
    assert.equal(docs.filter((d) => d.kind === 'Pod').length, MAX_GENERATED_ORDINALS);
    assert.match(g!.text, new RegExp(`Only the first ${MAX_GENERATED_ORDINALS} of 100000 ordinals`));
    const none = generate(STATEFULSET.replace('replicas: 3', 'replicas: 0'));
    assert.deepEqual(none.docs, []);
    assert.match(none.g!.text, /replicas is 0/);
  });

  it('writes objects shared through YAML aliases out in full, and wrong types as they are', () => {
    const text = STATEFULSET.replace('      spec:\n        accessModes: ["ReadWriteOnce"]', '      spec: &claim\n        accessModes: ["ReadWriteOnce"]')
      .concat('    - metadata: {name: logs}\n      spec: *claim\n');
    const { g, docs } = generate(text);
    assert.ok(!/[&*]\w/.test(g!.text.replace(/^#.*$/gm, '')), g!.text);
    assert.deepEqual(docs.filter((d) => d.kind === 'PersistentVolumeClaim').map((d) => d.metadata.name).slice(0, 2), ['www-web-0', 'logs-web-0']);
    const odd = generate(STATEFULSET.replace('storage: 1Gi', 'storage: [1, 2]')).docs.find((d) => d.kind === 'PersistentVolumeClaim');
    assert.deepEqual(odd.spec.resources.requests.storage, [1, 2]);
  });

  it('its claims pass this extension\'s own checks', () => {
    const { g } = generate(PAIR);
    const claims = g!.text.split('---\n').filter((d) => d.includes('kind: PersistentVolumeClaim')).join('---\n');
    const p = new Project();
    p.setFile('file:///t/claims.yaml', claims);
    assert.deepEqual(p.findings('file:///t/claims.yaml').map((f) => f.code), []);
  });
});
