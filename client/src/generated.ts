// "StatefulSet: Show Generated Pods and PVCs": asks the server what the StatefulSet under the cursor (or
// every StatefulSet of the file) makes Kubernetes create, and shows the answer as a read-only YAML
// document beside the manifest. The view follows the manifest as it is edited (asked again a moment
// after the typing stops), until it is closed.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';

export const SHOW_GENERATED_COMMAND = 'statefulset.showGenerated';
/** The server's command (server/src/core/features/generated.ts). */
const SERVER_COMMAND = 'statefulset.generatedResources';
export const GENERATED_SCHEME = 'statefulset-generated';

interface Generated {
  title: string;
  text: string;
  sets: string[];
  of: number;
  /** The whole file's StatefulSets (at most the server's cap), not one picked by position or name. */
  whole: boolean;
}

/** The texts of the generated documents, by uri; VS Code reads them through this provider. */
class GeneratedDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '# Run "StatefulSet: Show Generated Pods and PVCs" on a manifest to fill this document.\n';
  }

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  forget(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** How long after the last keystroke in a manifest its open views are asked again. */
const REFRESH_DELAY_MS = 300;

/** What an open view shows: the manifest, and the StatefulSet it was opened on (all of the file's when none). */
interface View {
  source: vscode.Uri;
  set?: string;
}

export function registerShowGenerated(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const documents = new GeneratedDocuments();
  const views = new Map<string, View>();
  const timers = new Map<string, NodeJS.Timeout>();

  const ask = (c: LanguageClient, source: vscode.Uri, pick?: unknown) =>
    c.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMAND, arguments: [source.toString(), ...(pick !== undefined ? [pick] : [])] }) as Promise<Generated | null>;

  /** Asks again for every open view of `source`; a StatefulSet that is gone says so in its view. */
  const refresh = async (source: vscode.Uri) => {
    const c = client();
    if (!c) return;
    for (const [key, view] of views) {
      if (view.source.toString() !== source.toString()) continue;
      const result = await ask(c, source, view.set).catch(() => undefined);
      if (result === undefined || !views.has(key)) continue;
      const where = vscode.workspace.asRelativePath(source);
      documents.set(vscode.Uri.parse(key), result?.text ?? `# ${view.set ? `StatefulSet ${view.set} is` : 'No StatefulSet is'} no longer in ${where}.\n`);
    }
  };

  context.subscriptions.push(
    documents,
    vscode.workspace.registerTextDocumentContentProvider(GENERATED_SCHEME, documents),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme !== GENERATED_SCHEME) return;
      documents.forget(d.uri);
      views.delete(d.uri.toString());
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      const source = e.document.uri;
      if (e.contentChanges.length === 0 || ![...views.values()].some((v) => v.source.toString() === source.toString())) return;
      const key = source.toString();
      clearTimeout(timers.get(key));
      timers.set(key, setTimeout(() => {
        timers.delete(key);
        void refresh(source);
      }, REFRESH_DELAY_MS));
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
    // Arguments: none (the active editor and its cursor), a file's uri (the explorer), or a uri and a
    // StatefulSet's name (the hover's link, which passes the uri as a string).
    vscode.commands.registerCommand(SHOW_GENERATED_COMMAND, async (target?: vscode.Uri | string, set?: string) => {
      const editor = vscode.window.activeTextEditor;
      const uri = target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.parse(target) : editor?.document.uri;
      const c = client();
      if (!uri || !c || uri.scheme === GENERATED_SCHEME) {
        void vscode.window.showInformationMessage('Open a Kubernetes manifest with a StatefulSet first.');
        return undefined;
      }
      const position = editor && editor.document.uri.toString() === uri.toString() ? c.code2ProtocolConverter.asPosition(editor.selection.active) : undefined;
      let result: Generated | null;
      try {
        result = await ask(c, uri, typeof set === 'string' ? set : position);
      } catch (e) {
        void vscode.window.showErrorMessage(`StatefulSet: the language server did not answer (${e instanceof Error ? e.message : String(e)}). See "StatefulSet: Show Server Output".`);
        return undefined;
      }
      if (!result) {
        void vscode.window.showInformationMessage(`No StatefulSet in ${vscode.workspace.asRelativePath(uri)}.`);
        return undefined;
      }
      // One document per source file and title, so a second run refreshes it instead of opening another.
      const docUri = vscode.Uri.from({ scheme: GENERATED_SCHEME, path: `/${result.title}`, query: uri.toString() });
      documents.set(docUri, result.text);
      // One of several chosen by the cursor: the view follows that StatefulSet by name; otherwise the whole file.
      views.set(docUri.toString(), { source: uri, ...(!result.whole && result.of > 1 ? { set: result.sets[0] } : {}) });
      const doc = await vscode.workspace.openTextDocument(docUri);
      await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: false });
      return docUri;
    }),
  );
}
