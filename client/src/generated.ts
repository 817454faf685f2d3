// "StatefulSet: Show Generated Pods and PVCs": asks the server what the StatefulSet under the cursor (or
// every StatefulSet of the file) makes Kubernetes create, and shows the answer as a read-only YAML
// document beside the manifest. Running the command again refreshes it.
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

export function registerShowGenerated(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const documents = new GeneratedDocuments();
  context.subscriptions.push(
    documents,
    vscode.workspace.registerTextDocumentContentProvider(GENERATED_SCHEME, documents),
    vscode.workspace.onDidCloseTextDocument((d) => d.uri.scheme === GENERATED_SCHEME && documents.forget(d.uri)),
    vscode.commands.registerCommand(SHOW_GENERATED_COMMAND, async (target?: vscode.Uri) => {
      const editor = vscode.window.activeTextEditor;
      const uri = target instanceof vscode.Uri ? target : editor?.document.uri;
      const c = client();
      if (!uri || !c || uri.scheme === GENERATED_SCHEME) {
        void vscode.window.showInformationMessage('Open a Kubernetes manifest with a StatefulSet first.');
        return undefined;
      }
      const position = editor && editor.document.uri.toString() === uri.toString() ? c.code2ProtocolConverter.asPosition(editor.selection.active) : undefined;
      const result = (await c.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMAND, arguments: [uri.toString(), ...(position ? [position] : [])] })) as Generated | null;
      if (!result) {
        void vscode.window.showInformationMessage(`No StatefulSet in ${vscode.workspace.asRelativePath(uri)}.`);
        return undefined;
      }
      // One document per source file and title, so a second run refreshes it instead of opening another.
      const docUri = vscode.Uri.from({ scheme: GENERATED_SCHEME, path: `/${result.title}`, query: uri.toString() });
      documents.set(docUri, result.text);
      const doc = await vscode.workspace.openTextDocument(docUri);
      await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: false });
      return docUri;
    }),
  );
}
