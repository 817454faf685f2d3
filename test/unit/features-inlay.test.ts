// Inlay hints and code lenses: predicted names after replicas, claim template names and serviceName.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { holdsTree } from '../../server/src/core/compact';
import { codeLenses } from '../../server/src/core/features/codelens';
import { inlayHints, notesPending, placeNotes } from '../../server/src/core/features/inlay';
import { Project } from '../../server/src/core/project';
import { normalizeSettings } from '../../server/src/core/settings';
import { drain } from '../../server/src/core/steps';
import { pairs } from '../bench/generate';
import { PAIR, STATEFULSET } from '../protocol/helpers/manifests';

const URI = 'file:///t/pair.yaml';

function project(text = PAIR, settings: Record<string, unknown> = {}): Project {
  const p = new Project(normalizeSettings(settings));
  p.setFile(URI, text);
  return p;
}

describe('inlay hints', () => {
  it('after replicas, claim template name and serviceName, at the end of each value', () => {
    const hints = inlayHints(project(), URI);
    const byLabel = new Map(hints.map((h) => [h.label, h.offset]));
    assert.equal(byLabel.get('web-0 … web-2'), PAIR.indexOf('replicas: 3') + 'replicas: 3'.length);
    const claim = PAIR.indexOf('name: www', PAIR.indexOf('volumeClaimTemplates'));
    assert.equal(byLabel.get('www-web-0 … www-web-2'), claim + 'name: www'.length);
    assert.equal(byLabel.get('web-0.nginx.default.svc.cluster.local …'), PAIR.indexOf('serviceName: nginx') + 'serviceName: nginx'.length);
    assert.equal(hints.length, 3);
  });

  it('abbreviates by count: one, two, none; follows ordinals.start', () => {
    const one = inlayHints(project(STATEFULSET.replace('replicas: 3', 'replicas: 1')), URI).map((h) => h.label);
    assert.ok(one.includes('web-0') && one.includes('www-web-0') && one.includes('web-0.nginx.default.svc.cluster.local'), one.join(' | '));
    const two = inlayHints(project(STATEFULSET.replace('replicas: 3', 'replicas: 2')), URI).map((h) => h.label);
    assert.ok(two.includes('web-0, web-1'), two.join(' | '));
    const none = inlayHints(project(STATEFULSET.replace('replicas: 3', 'replicas: 0')), URI).map((h) => h.label);
    assert.ok(none.includes('no pods') && none.includes('no PVCs'), none.join(' | '));
    const shifted = inlayHints(project(STATEFULSET.replace('replicas: 3', 'replicas: 3\n  ordinals:\n    start: 5')), URI).map((h) => h.label);
    assert.ok(shifted.includes('web-5 … web-7') && shifted.includes('www-web-5 … www-web-7'), shifted.join(' | '));
  });

  it('only returns hints inside the requested range', () => {
    const start = PAIR.indexOf('replicas: 3');
    assert.deepEqual(inlayHints(project(), URI, { start, end: start + 12 }).map((h) => h.label), ['web-0 … web-2']);
    assert.deepEqual(inlayHints(project(), URI, { start: 0, end: 10 }), []);
  });

  it('respects settings.inlayHints and the cluster domain', () => {
    assert.deepEqual(inlayHints(project(PAIR, { inlayHints: false }), URI), []);
    const labels = inlayHints(project(PAIR, { clusterDomain: 'corp' }), URI).map((h) => h.label);
    assert.ok(labels.includes('web-0.nginx.default.svc.corp …'), labels.join(' | '));
  });

  it('says nothing for a StatefulSet without a name, with an unusable replica count or templated', () => {
    assert.deepEqual(inlayHints(project(STATEFULSET.replace('name: web\n', '')), URI), []);
    assert.deepEqual(inlayHints(project(STATEFULSET.replace('replicas: 3', 'replicas: {{ .Values.replicas }}')), URI), []);
    assert.deepEqual(inlayHints(project(STATEFULSET.replace('replicas: 3', 'replicas: -1')), URI), []);
    assert.deepEqual(inlayHints(project(STATEFULSET.replace('  replicas: 3', '{{- if .Values.x }}\n  replicas: 3\n{{- end }}')), URI), []);
  });
});

describe('code lenses', () => {
  it('carry the same names, prefixed by what they are', () => {
    const titles = codeLenses(project(), URI).map((l) => l.title);
    assert.deepEqual(titles.sort(), ['DNS: web-0.nginx.default.svc.cluster.local …', 'PVCs: www-web-0 … www-web-2', 'pods: web-0 … web-2']);
  });

  it('keep no tree: the annotated values of a StatefulSet are placed once per document parse (notesPending, placeNotes), and follow the document when an edit moves it', () => {
    const p = new Project(normalizeSettings({}));
    const open = (text: string) => drain(p.setFileSteps(URI, text, p.getFile(URI), { treesOnDemand: true }));
    const text = pairs(4);
    open(text);
    const model = p.getFile(URI)!;
    assert.ok(model.docs.every((d) => !holdsTree(d)), 'the diagnostics of a clean file parse no tree');
    const pending = notesPending(model);
    assert.deepEqual(pending.map((r) => `${r.kind} ${r.name}`), ['StatefulSet db0', 'StatefulSet db1', 'StatefulSet db2', 'StatefulSet db3']);
    placeNotes(pending[0]);
    assert.equal(notesPending(model).length, 3);
    const lenses = codeLenses(p, URI);
    assert.equal(lenses.length, 12);
    assert.deepEqual(notesPending(model), []);
    assert.ok(model.docs.every((d) => !holdsTree(d)), 'the lenses kept a tree');
    const full = (t: string) => {
      const q = new Project(normalizeSettings({}));
      q.setFile(URI, t);
      return q;
    };
    assert.deepEqual(lenses, codeLenses(full(text), URI));
    // A line typed into the first document moves every later one: their places are reused, at their new offsets.
    const edited = text.replace('  name: db0\n', '  name: db0\n  namespace: ops\n');
    open(edited);
    assert.deepEqual(notesPending(p.getFile(URI)!), [], 'the edited document is a Service: no StatefulSet needs placing again');
    assert.deepEqual(codeLenses(p, URI), codeLenses(full(edited), URI));
    assert.deepEqual(inlayHints(p, URI), inlayHints(full(edited), URI));
  });

  it('are off with inlay hints off', () => {
    assert.deepEqual(codeLenses(project(PAIR, { inlayHints: false }), URI), []);
  });
});
