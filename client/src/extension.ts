// VS Code entry point: starts the bundled language server for YAML files and wires the commands, status bar and crash handling.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CrashNotifier, MAX_RESTARTS } from './crash';
import { registerShowGenerated, SHOW_GENERATED_COMMAND } from './generated';
import { ServerStatus } from './status';

export const SECTION = 'statefulset';
export const RESTART_COMMAND = 'statefulset.restartServer';
export const SHOW_OUTPUT_COMMAND = 'statefulset.showOutput';

let client: LanguageClient | undefined;

/** What activate() returns: lets tests (and other extensions) see the client and the crash notices shown. */
export interface StatefulSetApi {
  languageClient: LanguageClient;
  crashNotices: string[];
}

export async function activate(context: vscode.ExtensionContext): Promise<StatefulSetApi> {
  const crashNotices: string[] = [];
  const output = vscode.window.createOutputChannel('StatefulSet Authoring', { log: true });
  const status = new ServerStatus(SHOW_OUTPUT_COMMAND);
  context.subscriptions.push(output, status);

  // The server is bundled next to the client (dist/server.js); the extension path, not the cwd, locates it.
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  // The server keeps its V8 code cache (faster starts) in the extension's global storage, never in the workspace.
  const args = context.globalStorageUri.scheme === 'file' ? [`--code-cache-dir=${path.join(context.globalStorageUri.fsPath, 'code-cache')}`] : [];
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, args },
    // --nolazy changes V8's flags, which would invalidate the run cache on every switch.
    debug: { module, transport: TransportKind.ipc, args: ['--no-code-cache'], options: { execArgv: ['--nolazy', '--inspect=6012'] } },
  };
  const notifier = new CrashNotifier((m) => {
    crashNotices.push(m);
    output.warn(m);
    void vscode.window.showWarningMessage(m, 'Show Output').then((pick) => pick && output.show(true));
  });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { configurationSection: SECTION },
    // Hovers on a StatefulSet link to "Show Generated Pods and PVCs": the only command they may run.
    initializationOptions: { commandLinks: [SHOW_GENERATED_COMMAND] },
    markdown: { isTrusted: { enabledCommands: [SHOW_GENERATED_COMMAND] } },
    outputChannel: output,
    connectionOptions: { maxRestartCount: MAX_RESTARTS },
    // Wraps the library's restart policy only to tell the user; the decision itself stays the library's.
    errorHandler: notifier,
  };
  // The id is also the section the library reads `trace.server` from (the protocol trace, at log level Trace).
  client = new LanguageClient(SECTION, 'StatefulSet Authoring', serverOptions, clientOptions);
  notifier.delegateTo(client.createDefaultErrorHandler(MAX_RESTARTS));
  status.follow(client);

  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => output.show(true)),
    vscode.commands.registerCommand(RESTART_COMMAND, async () => {
      if (!client) return;
      output.info('Restarting the StatefulSet language server (requested by the user).');
      await client.restart();
    }),
  );

  registerShowGenerated(context, () => client);

  try {
    await client.start();
  } catch (e) {
    // Activation must not fail: the status bar and output channel explain what went wrong.
    output.error(`The StatefulSet language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { languageClient: client, crashNotices };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
