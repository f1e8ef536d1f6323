/** Where a command writes: real streams from the CLI, buffers in tests. */
export interface OutputStream {
  write(chunk: string): unknown
  isTTY?: boolean
  /** Width of the terminal, when it is one. */
  columns?: number
}

export interface CommandIO {
  stdout: OutputStream
  stderr: OutputStream
  /** Aborted on Ctrl-C / SIGTERM. */
  signal?: AbortSignal
}
