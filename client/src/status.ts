// Status bar item mirroring the language client's state; clicking it shows the server output.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';

export class ServerStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private listener: vscode.Disposable | undefined;

  constructor(showOutputCommand: string) {
    this.item = vscode.window.createStatusBarItem('statefulset.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'StatefulSet Language Server';
    this.item.command = showOutputCommand;
    this.set(State.Stopped);
    this.item.show();
  }

  follow(client: LanguageClient): void {
    this.listener?.dispose();
    this.listener = client.onDidChangeState((e) => this.set(e.newState));
  }

  private set(state: State): void {
    const [icon, label, tip] =
      state === State.Running
        ? ['$(check)', 'running', 'The StatefulSet language server is running. Click to show its output.']
        : state === State.Starting
          ? ['$(sync~spin)', 'starting', 'The StatefulSet language server is starting.']
          : ['$(error)', 'stopped', 'The StatefulSet language server is not running. Click to show its output; run "StatefulSet: Restart Server" to start it again.'];
    this.item.text = `${icon} StatefulSet`;
    this.item.tooltip = tip;
    this.item.accessibilityInformation = { label: `StatefulSet language server ${label}` };
    this.item.backgroundColor = state === State.Stopped ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.listener?.dispose();
    this.item.dispose();
  }
}
