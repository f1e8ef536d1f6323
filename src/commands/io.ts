/** Where a command writes: real streams from the CLI, buffers in tests. */
export interface OutputStream {
  write(chunk: string): unknown
  isTTY?: boolean
}

export interface CommandIO {
  stdout: OutputStream
  stderr: OutputStream
  /** Aborted on Ctrl-C / SIGTERM. */
  signal?: AbortSignal
}
