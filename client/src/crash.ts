// Tells the user when the language server crashed and whether it is being restarted.
import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult, type Message } from 'vscode-languageclient/node';

/** How many crashes within 3 minutes the client library restarts the server after. */
export const MAX_RESTARTS = 4;

export class CrashNotifier implements ErrorHandler {
  private crashes = 0;
  private inner: ErrorHandler | undefined;

  constructor(private readonly notify: (message: string) => void) {}

  /** The library's default handler can only be made once the client exists, after its options. */
  delegateTo(inner: ErrorHandler): void {
    this.inner = inner;
  }

  error(error: Error, message: Message | undefined, count: number | undefined): ErrorHandlerResult | Promise<ErrorHandlerResult> {
    return this.inner ? this.inner.error(error, message, count) : { action: ErrorAction.Continue };
  }

  async closed(): Promise<CloseHandlerResult> {
    const result: CloseHandlerResult = this.inner ? await this.inner.closed() : { action: CloseAction.DoNotRestart };
    this.crashes++;
    if (result.action === CloseAction.Restart) {
      this.notify(`The StatefulSet language server stopped unexpectedly (crash ${this.crashes}); restarting it.`);
      // Our message replaces the library's; it only logs when `handled` is set.
      return { ...result, handled: true };
    }
    this.notify(result.message ?? 'The StatefulSet language server stopped unexpectedly and will not be restarted. Run "StatefulSet: Restart Server" to try again.');
    return { ...result, handled: true };
  }
}
