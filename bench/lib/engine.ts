/** The common shape of every matcher the benchmark compares: ours and the baselines. */

/** A question-to-intent matcher under test. */
export interface Engine {
  /** Name shown in the table and results.json. */
  name: string;
  /** One line on how it is set up. */
  setup: string;
  /** Time to build its index or train it, in ms. */
  buildMs: number;
  /**
   * Answers one question with the topic of its top intent (`undefined` when it returns nothing).
   * This is the call that is timed, so it does the engine's whole query work.
   */
  topTopic(question: string): string | undefined | Promise<string | undefined>;
}

/** Times a synchronous build step; returns its value and duration in ms. */
export function timed<T>(build: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = build();
  return { value, ms: performance.now() - start };
}
