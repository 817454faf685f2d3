// Tokenises Kubernetes YAML with our injection grammars (vscode-textmate + oniguruma) and checks shell and $(VAR) scopes.
// Runs against a stand-in YAML grammar by default (snapshot + assertions); with STATEFULSET_VSCODE_EXTENSIONS=<VS Code's
// extensions dir> it runs the same assertions against VS Code's real YAML and shell grammars (the e2e stage does that).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// vscode-textmate ships no type declarations: describe the little we use.
interface IToken { startIndex: number; endIndex: number; scopes: string[] }
interface IGrammar { tokenizeLine(line: string, stack: unknown): { tokens: IToken[]; ruleStack: unknown } }
interface TextMate {
  Registry: new (o: object) => { loadGrammar(scope: string): Promise<IGrammar | null> };
  INITIAL: unknown;
  parseRawGrammar(content: string, path: string): unknown;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const vsctm: TextMate = require('vscode-textmate');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const onig = require('vscode-oniguruma');

const root = join(__dirname, '..', '..');
const SHELL_IN_YAML = 'statefulset.shell-in-yaml.injection';
const ENV_REF = 'statefulset.kubernetes-env-reference.injection';
const EMBEDDED = 'meta.embedded.block.shellscript.statefulset';

/** Test-only stand-in for VS Code's YAML grammar: keys, items, comments, quoted and plain scalars, block scalars. */
const STANDIN_YAML = {
  scopeName: 'source.yaml',
  patterns: [
    { match: '(?<=^|\\s)#.*$', name: 'comment.line.number-sign.yaml' },
    { match: '^[ ]+', name: 'punctuation.whitespace.indentation.yaml' },
    { match: '([A-Za-z_][\\w.-]*)\\s*(:)(?=\\s|$)', captures: { 1: { name: 'entity.name.tag.yaml' }, 2: { name: 'punctuation.separator.key-value.mapping.yaml' } } },
    { match: '-(?=\\s|$)', name: 'punctuation.definition.block.sequence.item.yaml' },
    { begin: '"', end: '"', name: 'string.quoted.double.yaml' },
    { begin: "'", end: "'", name: 'string.quoted.single.yaml' },
    { begin: '(\\|)[-+]?$', end: '^(?=\\S)', beginCaptures: { 1: { name: 'keyword.control.flow.block-scalar.literal.yaml' } }, contentName: 'string.unquoted.block.yaml' },
    { begin: '(?<=:\\s)(?=[^\\s#|>])', end: '(?=\\s+#)|$', name: 'string.unquoted.plain.out.yaml' },
  ],
};
/** Test-only stand-in for a shell grammar, to prove source.shell is embedded when it exists. */
const STANDIN_SHELL = {
  scopeName: 'source.shell',
  patterns: [{ match: '\\bset\\b', name: 'entity.name.command.shell' }],
};

const rawFile = (p: string) => vsctm.parseRawGrammar(readFileSync(p, 'utf8'), p);

async function loadYamlGrammar(opts: { shell: boolean; realExtensions?: string }): Promise<IGrammar> {
  const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const grammars = new Map<string, () => unknown>([
    [SHELL_IN_YAML, () => rawFile(join(root, 'syntaxes', 'shell-in-yaml.injection.tmLanguage.json'))],
    [ENV_REF, () => rawFile(join(root, 'syntaxes', 'env-reference.injection.tmLanguage.json'))],
  ]);
  if (opts.realExtensions) {
    // VS Code's YAML extension spreads its grammar over several files keyed by scope name.
    for (const ext of ['yaml', 'shellscript']) {
      const dir = join(opts.realExtensions, ext);
      for (const g of JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).contributes.grammars) {
        if (!grammars.has(g.scopeName)) grammars.set(g.scopeName, () => rawFile(join(dir, g.path)));
      }
    }
    if (!opts.shell) grammars.delete('source.shell');
  } else {
    grammars.set('source.yaml', () => vsctm.parseRawGrammar(JSON.stringify(STANDIN_YAML), 'standin-yaml.json'));
    if (opts.shell) grammars.set('source.shell', () => vsctm.parseRawGrammar(JSON.stringify(STANDIN_SHELL), 'standin-shell.json'));
  }
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new onig.OnigScanner(s), createOnigString: (s: string) => new onig.OnigString(s) }),
    loadGrammar: async (scope: string) => grammars.get(scope)?.() ?? null,
    getInjections: (scope: string) => (scope === 'source.yaml' ? [SHELL_IN_YAML, ENV_REF] : undefined),
  });
  const g = await registry.loadGrammar('source.yaml');
  assert.ok(g, 'source.yaml grammar did not load');
  return g;
}

interface Tok { line: number; text: string; scopes: string[] }
function tokenize(g: IGrammar, text: string): Tok[] {
  let stack = vsctm.INITIAL;
  const out: Tok[] = [];
  text.split('\n').forEach((line, i) => {
    const r = g.tokenizeLine(line, stack);
    stack = r.ruleStack;
    for (const t of r.tokens) out.push({ line: i, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
  });
  return out;
}

const SAMPLE = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  template:
    spec:
      initContainers:
        - name: init
          image: busybox:1.36
          # command: is only a word in this comment
          command:
            - bash
            - "-c"
            - |
              set -ex
              # ordinal from the pod name
              ordinal=\${HOSTNAME##*-}
              echo "server-id=$((100 + ordinal)) on $(POD_NAME)" > /tmp/id
              ncat --recv-only web-$((ordinal - 1)).web 3307
          volumeMounts:
            - name: data
              mountPath: /data
        - name: app
          image: nginx:1.27
          args:
          - --peer=$(POD_NAME).web
          - --literal=$$(NOT_EXPANDED)
          env:
            - name: URL
              value: http://$(POD_NAME).web:8080
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  run.sh: |
    echo not a container command
`;

const find = (toks: Tok[], line: number, text: string) => {
  const t = toks.find((x) => x.line === line && x.text.includes(text));
  assert.ok(t, `no token containing ${JSON.stringify(text)} on line ${line + 1}: ${JSON.stringify(toks.filter((x) => x.line === line).map((x) => x.text))}`);
  return t;
};
const lineOf = (text: string) => SAMPLE.split('\n').findIndex((l) => l.includes(text));
const has = (t: Tok, prefix: string) => t.scopes.some((s) => s === prefix || s.startsWith(prefix + '.') || s.startsWith(prefix));

function checkSemantics(toks: Tok[], withShell: boolean) {
  // Inside the command block scalar: embedded shell, with comments, strings and variables.
  const setEx = find(toks, lineOf('set -ex'), 'set');
  assert.ok(setEx.scopes.includes(EMBEDDED), `set -ex not embedded: ${setEx.scopes}`);
  assert.ok(has(find(toks, lineOf('# ordinal from'), 'ordinal from'), 'comment.line'), 'shell comment');
  assert.ok(has(find(toks, lineOf('echo "server-id'), 'server-id'), 'string.quoted.double'), 'double-quoted shell string');
  const hostVar = toks.filter((t) => t.line === lineOf('ordinal=${HOSTNAME') && t.text.includes('HOSTNAME'));
  assert.ok(hostVar.some((t) => has(t, 'variable')), `\${HOSTNAME} variable: ${JSON.stringify(hostVar)}`);
  const podRef = find(toks, lineOf('echo "server-id'), 'POD_NAME');
  assert.ok(podRef.scopes.some((s) => s.startsWith('variable.other.env-name.kubernetes')), `$(POD_NAME) in script: ${podRef.scopes}`);
  if (withShell) {
    // entity.name.command.* comes only from the shell grammar, never from our fallback scopes.
    assert.ok(setEx.scopes.some((s) => s.startsWith('entity.name.command')), `source.shell not applied to set: ${setEx.scopes}`);
  }
  // After the block: back to plain YAML.
  for (const text of ['volumeMounts', 'mountPath', 'name: app', 'image: nginx', 'echo not a container']) {
    const l = lineOf(text);
    for (const t of toks.filter((x) => x.line === l)) assert.ok(!t.scopes.includes(EMBEDDED), `line ${l + 1} (${text}) still embedded: ${t.scopes}`);
  }
  // ...and the YAML grammar resumes: keys after the block are keys again, not errors.
  for (const key of ['volumeMounts', 'mountPath', 'image', 'env']) {
    const t = toks.find((x) => x.line >= lineOf('ncat --recv-only') && x.text === key);
    assert.ok(t && t.scopes.includes('entity.name.tag.yaml') && !t.scopes.some((s) => s.startsWith('invalid')), `${key} after a command block: ${t?.scopes}`);
  }
  assert.ok(!toks.some((t) => t.line === lineOf('# command: is only') && t.scopes.includes('meta.container-command.statefulset')), 'a comment started a command block');
  // $(VAR) references and their $$ escape outside block scalars.
  assert.ok(find(toks, lineOf('--peer='), 'POD_NAME').scopes.some((s) => s.startsWith('variable.other.env-name.kubernetes')), 'args $(VAR)');
  assert.ok(find(toks, lineOf('value: http://'), 'POD_NAME').scopes.some((s) => s.startsWith('variable.other.env-name.kubernetes')), 'env value $(VAR)');
  assert.ok(find(toks, lineOf('--literal='), '$$').scopes.some((s) => s.startsWith('constant.character.escape.env-reference')), '$$ escape');
  assert.ok(!find(toks, lineOf('--literal='), 'NOT_EXPANDED').scopes.some((s) => s.startsWith('variable.other.env-name')), '$$(X) is not a reference');
}

const dump = (toks: Tok[]) =>
  toks
    .filter((t) => t.text.trim())
    .map((t) => `${t.line + 1} ${JSON.stringify(t.text)} ${t.scopes.filter((s) => s !== 'source.yaml').join(' ')}`)
    .join('\n') + '\n';

const real = process.env.STATEFULSET_VSCODE_EXTENSIONS;

test('grammars are contributed as injections into source.yaml', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const scopes = pkg.contributes.grammars.map((g: { scopeName: string; injectTo: string[]; path: string }) => {
    assert.deepEqual(g.injectTo, ['source.yaml']);
    assert.ok(existsSync(join(root, g.path)), g.path);
    return g.scopeName;
  });
  assert.deepEqual(scopes.sort(), [ENV_REF, SHELL_IN_YAML]);
});

for (const withShell of [false, true]) {
  test(`${real ? "VS Code's" : 'stand-in'} YAML grammar ${withShell ? 'with' : 'without'} a shell grammar: shell and $(VAR) scopes`, async () => {
    const toks = tokenize(await loadYamlGrammar({ shell: withShell, realExtensions: real }), SAMPLE);
    checkSemantics(toks, withShell);
    if (!real) {
      // Snapshot of every token (stand-in grammars only: VS Code's grammar changes between releases).
      const snap = join(__dirname, `grammar.test.${withShell ? 'with' : 'without'}-shell.snap`);
      if (process.env.UPDATE_SNAPSHOTS) writeFileSync(snap, dump(toks));
      assert.ok(existsSync(snap), `missing snapshot ${snap}: run with UPDATE_SNAPSHOTS=1`);
      assert.equal(dump(toks), readFileSync(snap, 'utf8'));
    }
  });
}
