/**
 * The process's environment changed for a while, then put back: for tests, which share their
 * worker's process (vitest.config.ts, `isolate: false`), and for the bench.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** Sets (a string) or removes (undefined) each of `vars`; the returned function puts them back. */
export function setEnv(vars: Record<string, string | undefined>): () => void {
  const saved = Object.keys(vars).map((key): [string, string | undefined] => [key, process.env[key]])
  const apply = (values: Array<[string, string | undefined]>) => {
    for (const [key, value] of values) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
  apply(Object.entries(vars))
  return () => apply(saved)
}

/**
 * `fn` run with `vars` set, then the environment put back; for a function that returns a
 * promise, once the promise settles (tests run one at a time in a worker).
 */
export function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const restore = setEnv(vars)
  let result: T
  try {
    result = fn()
  } catch (error) {
    restore()
    throw error
  }
  if (result instanceof Promise) return result.finally(restore) as T
  restore()
  return result
}

/**
 * TMPDIR pointed at a new folder named `prefix…`, so that this process and every command it
 * starts make their temporary files there; the returned function puts TMPDIR back and removes
 * the folder, or, when the environment variable `keep` is 1, keeps it and says where. The
 * prefix is kept short: a long TMPDIR leaves no room for Chromium's socket in the build's
 * folders (src/render/print/browser.ts, `scratchBase`).
 */
export function ownTmpdir(prefix: string, keep: string, what: string): () => void {
  const folder = mkdtempSync(path.join(tmpdir(), prefix))
  const restore = setEnv({ TMPDIR: folder })
  return () => {
    restore()
    if (process.env[keep] === '1') console.error(`${what} are kept in ${folder}`)
    else rmSync(folder, { recursive: true, force: true, maxRetries: 3 })
  }
}
