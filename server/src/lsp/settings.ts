// Where settings come from: workspace/configuration when the client answers it, else what the client pushed,
// else initializationOptions, else defaults. Never waits on a client that does not answer.
import type { ClientCapabilities, Connection } from 'vscode-languageserver/node';
import { normalizeSettings, SECTION } from '../core/settings';
import type { Settings } from '../core/types';

/** How long to wait for workspace/configuration before analysing with what we have. */
const CONFIG_TIMEOUT_MS = 1500;

export class SettingsSource {
  private pushed: unknown;
  private readonly fromInit: unknown;

  constructor(private readonly connection: Connection, private readonly caps: ClientCapabilities, initializationOptions: unknown, private readonly log: (m: string) => void) {
    const io = (initializationOptions ?? {}) as Record<string, unknown>;
    this.fromInit = io[SECTION] ?? io.settings ?? initializationOptions;
  }

  /** Settings known without asking the client. */
  initial(): Settings {
    return normalizeSettings(this.fromInit);
  }

  /**
   * Asks the client (when it supports workspace/configuration) and falls back on no answer. An
   * answer that arrives after the timeout is still delivered, through `late`.
   */
  async load(late?: (s: Settings) => void): Promise<Settings> {
    if (this.caps.workspace?.configuration) {
      const req = this.connection.workspace.getConfiguration({ section: SECTION });
      try {
        const got = await withTimeout(req, CONFIG_TIMEOUT_MS);
        if (got !== undefined && got !== null) return normalizeSettings(got);
      } catch (e) {
        this.log(`workspace/configuration failed (${(e as Error).message}); using initializationOptions or defaults for now`);
        if (late) req.then((got) => got !== undefined && got !== null && late(normalizeSettings(got)), () => undefined);
      }
    }
    return normalizeSettings(this.pushed ?? this.fromInit);
  }

  /** didChangeConfiguration: pulls again when supported, else reads the pushed `statefulset` section. */
  async changed(pushedSettings: unknown): Promise<Settings> {
    const s = pushedSettings as Record<string, unknown> | null | undefined;
    if (s && typeof s === 'object' && SECTION in s) this.pushed = s[SECTION];
    return this.load();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}
