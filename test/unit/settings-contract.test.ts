// Contract: package.json contributes.configuration is exactly SETTINGS_SCHEMA (the server's single source of settings truth),
// and its commands are exactly the ones the client registers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECTION, SETTINGS_SCHEMA, normalizeSettings } from '../../server/src/core/settings';
import { GENERATED_RESOURCES_COMMAND } from '../../server/src/core/features/generated';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
const contributed: Record<string, Record<string, unknown>> = pkg.contributes.configuration.properties;

test('every SETTINGS_SCHEMA key is contributed with the same type, default, enum and description', () => {
  for (const [key, schema] of Object.entries(SETTINGS_SCHEMA)) {
    const c = contributed[`${SECTION}.${key}`];
    assert.ok(c, `package.json lacks ${SECTION}.${key}; expected ${JSON.stringify(schema)}`);
    assert.deepEqual(c.type, schema.type, `${key}.type`);
    assert.deepEqual(c.default, schema.default, `${key}.default`);
    assert.deepEqual(c.enum, schema.enum, `${key}.enum`);
    assert.deepEqual(c.enumDescriptions, schema.enumDescriptions, `${key}.enumDescriptions`);
    assert.equal(c.description, schema.description, `${key}.description`);
    assert.deepEqual(c.additionalProperties, schema.additionalProperties, `${key}.additionalProperties`);
    assert.deepEqual(c.scope, schema.scope, `${key}.scope`);
  }
});

/** The one setting only the client reads: vscode-languageclient reads `<client id>.trace.server`. */
const TRACE = `${SECTION}.trace.server`;

test('package.json contributes no setting the server does not know, but the client\'s protocol trace', () => {
  const known = new Set([...Object.keys(SETTINGS_SCHEMA).map((k) => `${SECTION}.${k}`), TRACE]);
  assert.deepEqual(Object.keys(contributed).filter((k) => !known.has(k)), []);
});

test('the protocol trace setting is the one vscode-languageclient reads, with its values, for a log output channel', () => {
  const client = readFileSync(join(__dirname, '..', '..', 'client', 'src', 'extension.ts'), 'utf8');
  // The library reads `trace.server` in the configuration section named by the client's id, and traces only
  // while the output channel (a log channel) is at log level Trace: the setting picks how much it shows.
  assert.match(client, /new LanguageClient\(SECTION, /);
  assert.match(client, /createOutputChannel\('StatefulSet Authoring', \{ log: true \}\)/);
  const trace = contributed[TRACE];
  assert.deepEqual(trace.enum, ['messages', 'verbose']);
  assert.equal(trace.default, 'messages');
  assert.equal(trace.scope, 'window');
  // The server ignores the section's `trace` key.
  assert.deepEqual(normalizeSettings({ trace: { server: 'verbose' } }), normalizeSettings({}));
});

test('every contributed default survives normalizeSettings unchanged', () => {
  const raw = Object.fromEntries(Object.entries(contributed).map(([k, v]) => [k.slice(SECTION.length + 1), v.default]));
  const s = normalizeSettings(raw) as unknown as Record<string, unknown>;
  for (const key of ['clusterDomain', 'defaultNamespace', 'kubernetesVersion', 'rules', 'inlayHints', 'diagnosticMode']) {
    assert.deepEqual(s[key], raw[key], key);
  }
  assert.equal(s.limits && (s.limits as { maxFileBytes: number }).maxFileBytes, raw.maxFileSize);
});

test('the client synchronises the section the server reads, and the restart command is contributed', () => {
  const client = readFileSync(join(__dirname, '..', '..', 'client', 'src', 'extension.ts'), 'utf8');
  assert.match(client, new RegExp(`SECTION = '${SECTION}'`));
  const commands: { command: string; title: string; category: string }[] = pkg.contributes.commands;
  const restart = commands.find((c) => c.command === 'statefulset.restartServer');
  assert.equal(restart && `${restart.category}: ${restart.title}`, 'StatefulSet: Restart Server');
  assert.ok(pkg.activationEvents.includes('onLanguage:yaml'));
  // Untrusted workspaces: everything works, except that the workspace cannot turn on the setting that runs git.
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, [`${SECTION}.baseline`]);
});

test('every command the client registers is contributed (and the reverse); the client names the server command the server offers', () => {
  const dir = join(__dirname, '..', '..', 'client', 'src');
  const sources = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  const registered = [...sources.matchAll(/export const \w+_COMMAND = '([^']+)'/g)].map((m) => m[1]).sort();
  const contributed = (pkg.contributes.commands as { command: string }[]).map((c) => c.command).sort();
  assert.deepEqual(registered, contributed);
  for (const m of pkg.contributes.menus.commandPalette as { command: string }[]) assert.ok(contributed.includes(m.command), m.command);
  assert.match(sources, new RegExp(`SERVER_COMMAND = '${GENERATED_RESOURCES_COMMAND.replace(/\./g, '\\.')}'`));
});
