// Stepwise work: long analyses are generators that yield between bounded steps, so a caller with an
// event loop (the language server) can pause, resume or drop them; everyone else just drains them.

/** A computation that yields progress between steps and returns its result at the end. */
export type Steps<T, P = unknown> = Generator<P, T, void>;

/** Runs every remaining step and returns the result: the synchronous form of any stepwise work. */
export function drain<T>(steps: Steps<T, unknown>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
