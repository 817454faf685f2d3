// Every contributed snippet, expanded with its defaults, is valid YAML that the engine analyses with zero findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import { Project } from '../../server/src/core/project';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import type { Finding } from '../../server/src/core/types';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// --- a small expander for VS Code snippet bodies: tabstops, placeholders, choices, variables, escapes ---

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'tab'; index: number; def?: Node[]; choice?: string }
  | { kind: 'var'; name: string; def?: Node[] };

function parseSnippet(src: string): Node[] {
  let i = 0;
  // Parses until `stop` (a `}` closing a placeholder) or the end; `\` escapes $ } and \ only.
  const seq = (inside: boolean): Node[] => {
    const out: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ kind: 'text', text });
      text = '';
    };
    while (i < src.length) {
      const c = src[i];
      if (c === '\\' && '$}\\'.includes(src[i + 1] ?? '')) {
        text += src[i + 1];
        i += 2;
      } else if (inside && c === '}') {
        break;
      } else if (c === '$') {
        const node = dollar();
        if (node) {
          flush();
          out.push(node);
        } else {
          text += c;
          i++;
        }
      } else {
        text += c;
        i++;
      }
    }
    flush();
    return out;
  };
  const dollar = (): Node | undefined => {
    const rest = src.slice(i);
    let m = /^\$(\d+)/.exec(rest) ?? /^\$\{(\d+)\}/.exec(rest);
    if (m) {
      i += m[0].length;
      return { kind: 'tab', index: Number(m[1]) };
    }
    m = /^\$\{(\d+)\|((?:\\.|[^|\\])*)\|\}/.exec(rest);
    if (m) {
      i += m[0].length;
      const first = /^(?:\\.|[^,\\])*/.exec(m[2])![0].replace(/\\(.)/g, '$1');
      return { kind: 'tab', index: Number(m[1]), choice: first };
    }
    m = /^\$\{(\d+):/.exec(rest) ?? /^\$\{([A-Za-z_][A-Za-z0-9_]*):/.exec(rest);
    if (m) {
      i += m[0].length;
      const def = seq(true);
      assert.equal(src[i], '}', `unclosed placeholder in ${JSON.stringify(src)}`);
      i++;
      return /^\d+$/.test(m[1]) ? { kind: 'tab', index: Number(m[1]), def } : { kind: 'var', name: m[1], def };
    }
    m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(rest) ?? /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(rest);
    if (m) {
      i += m[0].length;
      return { kind: 'var', name: m[1] };
    }
    return undefined;
  };
  const nodes = seq(false);
  assert.equal(i, src.length, `unbalanced } at ${i} in snippet`);
  return nodes;
}

/** Expands a snippet body the way accepting every default would: a tabstop shows its placeholder's text everywhere. */
function expandSnippet(body: string | string[]): string {
  const nodes = parseSnippet(Array.isArray(body) ? body.join('\n') : body);
  const defs = new Map<number, Node[] | string>();
  const collect = (ns: Node[]) => {
    for (const n of ns) {
      if (n.kind === 'tab' && !defs.has(n.index) && (n.def || n.choice !== undefined)) defs.set(n.index, n.def ?? n.choice!);
      if (n.kind !== 'text' && n.def) collect(n.def);
    }
  };
  collect(nodes);
  const render = (ns: Node[], depth: number): string =>
    ns
      .map((n) => {
        assert.ok(depth < 20, 'placeholder refers to itself');
        if (n.kind === 'text') return n.text;
        if (n.kind === 'var') return n.def ? render(n.def, depth + 1) : '';
        const d = defs.get(n.index);
        return d === undefined ? '' : typeof d === 'string' ? d : render(d, depth + 1);
      })
      .join('');
  return render(nodes, 0);
}

test('the expander handles tabstops, mirrors, nested defaults, choices, variables and escapes', () => {
  assert.equal(expandSnippet('a: ${1:web}\nb: $1\nc: ${2:$1-x}\n$0'), 'a: web\nb: web\nc: web-x\n');
  assert.equal(expandSnippet('${1|Retain,Delete|} ${1}'), 'Retain Retain');
  assert.equal(expandSnippet('echo \\$((1 + 2)) \\${HOME} a\\}b c\\\\d'), 'echo $((1 + 2)) ${HOME} a}b c\\d');
  assert.equal(expandSnippet('x ${TM_FILENAME} ${TM_SELECTED_TEXT:none} $UNKNOWN $'), 'x  none  $');
  assert.equal(expandSnippet('sed \\n ok'), 'sed \\n ok');
  assert.throws(() => expandSnippet('${1:open'));
});

// --- the snippets ---

type Snippet = { prefix: string | string[]; body: string[]; description: string };
const snippets: Record<string, Snippet> = JSON.parse(readFileSync(join(root, 'snippets', 'statefulset.json'), 'utf8'));

/**
 * Fragments are analysed inside a host document; standalone objects that point at others get the
 * counterpart they need, so the check is "the snippet adds no finding", not "the engine found nothing to link".
 */
const HOSTS: Record<string, { files: (expanded: string) => Record<string, string> }> = {
  volumeClaimTemplate: {
    files: (vct) => ({
      'file:///ws/vct.yaml': [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  name: db',
        'spec:',
        '  clusterIP: None',
        '  selector:',
        '    app: db',
        '---',
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata:',
        '  name: db',
        'spec:',
        '  serviceName: db',
        '  replicas: 1',
        '  selector:',
        '    matchLabels:',
        '      app: db',
        '  template:',
        '    metadata:',
        '      labels:',
        '        app: db',
        '    spec:',
        '      containers:',
        '        - name: db',
        '          image: postgres:17',
        '          volumeMounts:',
        '            - name: data',
        '              mountPath: /var/lib/postgresql/data',
        '  volumeClaimTemplates:',
        ...vct.split('\n').map((l) => (l ? `    ${l}` : l)),
      ].join('\n'),
    }),
  },
  'Headless Service': {
    files: (svc) => ({
      'file:///ws/service.yaml': svc,
      'file:///ws/statefulset.yaml': [
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata:',
        '  name: web',
        'spec:',
        '  serviceName: web',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '  template:',
        '    metadata:',
        '      labels:',
        '        app: web',
        '    spec:',
        '      containers:',
        '        - name: nginx',
        '          image: nginx:1.27',
        '          ports:',
        '            - name: http',
        '              containerPort: 80',
        '',
      ].join('\n'),
    }),
  },
};

function analyse(files: Record<string, string>): Finding[] {
  const project = new Project(DEFAULT_SETTINGS);
  for (const [uri, text] of Object.entries(files)) project.setFile(uri, text);
  return Object.keys(files).flatMap((uri) => project.findings(uri));
}

const describeFindings = (fs: Finding[], files: Record<string, string>) =>
  fs
    .map((f) => {
      const text = files[f.uri] ?? '';
      const line = text.slice(0, f.start).split('\n').length;
      return `${f.uri}:${line} ${f.severity} ${f.code}: ${f.message}`;
    })
    .join('\n');

test('snippets are contributed for YAML and each has a unique prefix and a description', () => {
  assert.deepEqual(pkg.contributes.snippets, [{ language: 'yaml', path: './snippets/statefulset.json' }]);
  const prefixes = Object.values(snippets).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
  assert.equal(new Set(prefixes).size, prefixes.length, 'duplicate prefix');
  for (const [name, s] of Object.entries(snippets)) {
    assert.ok(s.description.length > 20, `${name} needs a description`);
    assert.ok(s.body.every((l) => !l.includes('\t')), `${name} contains a tab (YAML forbids tab indentation)`);
  }
  for (const wanted of ['statefulset', 'headless-service', 'volumeclaimtemplate', 'pvc', 'pv', 'configmap', 'mysql-statefulset']) {
    assert.ok(prefixes.includes(wanted), `no snippet with prefix ${wanted}`);
  }
});

for (const [name, snippet] of Object.entries(snippets)) {
  test(`snippet "${name}" expands to YAML with zero findings`, () => {
    const expanded = expandSnippet(snippet.body);
    assert.ok(!/\$\{?\d/.test(expanded), 'unexpanded tabstop left in the text');
    for (const doc of parseAllDocuments(expanded)) {
      assert.deepEqual(doc.errors.map((e) => e.message), [], `${name} is not valid YAML`);
    }
    const files = HOSTS[name]?.files(expanded) ?? { 'file:///ws/snippet.yaml': expanded };
    const findings = analyse(files);
    assert.equal(findings.length, 0, `${name}:\n${describeFindings(findings, files)}`);
  });
}

test('the MySQL snippet has the replicated-MySQL shape: roles from the ordinal, clone from the previous peer', () => {
  const mysql = Object.values(snippets).find((s) => [s.prefix].flat().includes('mysql-statefulset'))!;
  const docs = parseAllDocuments(expandSnippet(mysql.body)).map((d) => d.toJS());
  assert.deepEqual(
    docs.map((d) => `${d.kind}/${d.metadata.name}`),
    ['ConfigMap/mysql', 'Service/mysql', 'Service/mysql-read', 'StatefulSet/mysql'],
  );
  const [cm, headless, read, sts] = docs;
  assert.deepEqual(Object.keys(cm.data), ['primary.cnf', 'replica.cnf']);
  assert.equal(headless.spec.clusterIP, 'None');
  assert.equal(read.spec.clusterIP, undefined);
  assert.equal(sts.spec.serviceName, headless.metadata.name);
  const pod = sts.spec.template.spec;
  assert.deepEqual(pod.initContainers.map((c: { name: string }) => c.name), ['init-mysql', 'clone-mysql']);
  assert.deepEqual(pod.containers.map((c: { name: string }) => c.name), ['mysql', 'xtrabackup']);
  const script = (c: { command: string[] }) => c.command[2];
  assert.match(script(pod.initContainers[1]), /mysql-\$\(\(ordinal - 1\)\)\.mysql 3307/);
  assert.match(script(pod.containers[1]), /MASTER_HOST='mysql-0\.mysql'/);
  assert.match(script(pod.containers[1]), /--listen .* 3307/);
  assert.equal(pod.containers[1].ports[0].containerPort, 3307);
  for (const c of [...pod.initContainers, ...pod.containers].filter((c) => c.command?.[0] === 'bash')) {
    const r = spawnSync('bash', ['-n', '-c', script(c)], { encoding: 'utf8' });
    assert.equal(r.status, 0, `bash syntax error in ${c.name}: ${r.stderr}`);
  }
  assert.deepEqual(sts.spec.volumeClaimTemplates.map((t: { metadata: { name: string } }) => t.metadata.name), ['data']);
});
