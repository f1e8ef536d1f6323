/**
 * The time one brief may take, from reading it to writing its files (`--timeout`). The
 * Markdown stage runs on this thread and cannot be stopped in the middle of a step, so the
 * deadline is checked between steps (src/brief/timings.ts's stamps, and before each output);
 * the browser gets what is left of it.
 */
export class Deadline {
  readonly at: number

  constructor(readonly ms: number) {
    this.at = performance.now() + ms
  }

  remaining(): number {
    return Math.max(0, this.at - performance.now())
  }

  /** Throws DeadlineExceeded once the time is up; `stage` is the step that just ended. */
  check(stage: string): void {
    if (performance.now() > this.at) throw new DeadlineExceeded(this.ms, stage)
  }
}

export class DeadlineExceeded extends Error {
  constructor(
    readonly ms: number,
    readonly stage: string,
  ) {
    super(`The brief took longer than ${formatSeconds(ms)} to build (stopped after: ${stage}); a brief of normal size takes a few seconds: look for a runaway paste or generated text, or allow more time with --timeout SECONDS`)
  }
}

export const formatSeconds = (ms: number): string => `${Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0))} s`

/** `--timeout`'s default: minutes for a runaway brief would stall a batch; real ones take seconds. */
export const defaultTimeout = 60_000
