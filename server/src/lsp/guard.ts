// Wraps protocol handlers so an exception becomes a log line and an empty result, never a dead server.
export type Log = (message: string) => void;

/** Returns a handler that logs failures of `fn` (sync or async) and answers `fallback` instead. */
export function guarded<A extends unknown[], R>(log: Log, name: string, fallback: R, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (e) {
      log(`[error] ${name} failed: ${describe(e)}`);
      return fallback;
    }
  };
}

/** Same as guarded() for notifications (no result). */
export function guardedNotify<A extends unknown[]>(log: Log, name: string, fn: (...args: A) => void | Promise<void>): (...args: A) => void {
  const g = guarded(log, name, undefined, fn);
  return (...args: A) => {
    void g(...args);
  };
}

export function describe(e: unknown): string {
  if (e instanceof Error) return `${e.message}${e.stack ? `\n${e.stack.split('\n').slice(1, 4).join('\n')}` : ''}`;
  return String(e);
}
