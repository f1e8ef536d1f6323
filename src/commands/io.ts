/** Where a command writes: real streams from the CLI, buffers in tests. */
export interface CommandIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WriteStream | (NodeJS.WritableStream & { isTTY?: boolean })
}
