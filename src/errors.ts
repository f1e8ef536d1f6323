/**
 * The error classes. The words of the messages are in messages.ts.
 *
 * Two kinds of trouble, kept apart on purpose:
 * - a problem *in a brief* (bad key, bad front matter, missing bibliography) is a positioned
 *   vfile message on that brief's file: the batch goes on, that brief gets exit code 1;
 * - a problem *with the run* (bad flags, bad brief.config.yaml, no browser) is a thrown
 *   `BriefError` subclass: nothing can be built, exit code 2.
 */

export interface Place {
  line: number
  column: number
}

export class BriefError extends Error {
  /** What the user can do about it, printed under the message. */
  readonly hint: string | undefined
  readonly file: string | undefined
  readonly place: Place | undefined
  /** Process exit code when this error ends a command. */
  readonly exitCode: number = 1

  constructor(
    message: string,
    options: { hint?: string; file?: string; place?: Place; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.name = new.target.name
    this.hint = options.hint
    this.file = options.file
    this.place = options.place
  }
}

/** Wrong flags or arguments on the command line. */
export class UsageError extends BriefError {
  override readonly exitCode = 2
}

/** brief.config.yaml is missing a required value or holds a wrong one. */
export class ConfigError extends BriefError {
  override readonly exitCode = 2
}

/** The browser could not be found, started, or finish in time. */
export class BrowserError extends BriefError {
  override readonly exitCode = 2
}

/** The run was interrupted (Ctrl-C / SIGTERM). */
export class CancelledError extends BriefError {
  override readonly exitCode = 130
}
