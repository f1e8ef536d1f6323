/**
 * Faults injected into node:fs/promises, for the tests of what a build does when the file
 * system fails it: a path that cannot be opened or listed (EACCES), a disk that fills up
 * (ENOSPC), a rename that fails (EIO), a file changed right after the build read it. Each of
 * those test files mocks node:fs/promises with `faultyFsPromises` and sets `faults` around
 * the build it tries; with no fault set, every call is the real one. One mocked module serves
 * them all, so they share one worker (the `fs-faults` project in vitest.config.ts) instead of
 * loading the toolkit once each.
 */
import type * as FsPromises from 'node:fs/promises'

export const faults: {
  /** Opening or listing exactly this path fails with EACCES. */
  denied?: string
  /** Writing a file whose path matches fails with ENOSPC. */
  diskFull?: RegExp
  /** Renaming onto a path that ends so fails with EIO. */
  renameFails?: string
  /**
   * Once `armed`, the first time `file` is opened its handle, when closed, calls `change`
   * (then forgotten): the file changes right after the build read it.
   */
  afterRead?: { file: string; armed: boolean; change?: (file: string) => void }
  /** Not a fault: every path opened is added here, to count the reads of a file. */
  opened?: string[]
} = {}

/** Every fault cleared. */
export function clearFaults(): void {
  for (const key of Object.keys(faults) as Array<keyof typeof faults>) delete faults[key]
}

const failure = (code: string, message: string) => Object.assign(new Error(`${code}: ${message}`), { code })

/** The module `vi.mock('node:fs/promises', …)` returns: the real one, with the faults above. */
export function faultyFsPromises(original: typeof FsPromises): typeof FsPromises & { default: typeof FsPromises } {
  const open = (async (file: Parameters<typeof original.open>[0], ...rest: [never]) => {
    if (faults.denied && String(file) === faults.denied) throw failure('EACCES', `permission denied, open '${String(file)}'`)
    faults.opened?.push(String(file))
    const handle = await original.open(file, ...rest)
    const edit = faults.afterRead
    if (edit?.armed && edit.change && String(file) === edit.file) {
      const change = edit.change
      edit.change = undefined
      const close = handle.close.bind(handle)
      handle.close = async () => {
        await close()
        change(String(file))
      }
    }
    return handle
  }) as typeof original.open
  const readdir = (async (dir: Parameters<typeof original.readdir>[0], ...rest: [never]) => {
    if (faults.denied && String(dir) === faults.denied) throw failure('EACCES', `permission denied, scandir '${String(dir)}'`)
    return original.readdir(dir, ...rest)
  }) as typeof original.readdir
  const writeFile: typeof original.writeFile = async (file, data, options) => {
    if (faults.diskFull?.test(String(file))) throw failure('ENOSPC', 'no space left on device, write')
    return original.writeFile(file, data, options)
  }
  const rename: typeof original.rename = async (from, to) => {
    if (faults.renameFails && String(to).endsWith(faults.renameFails)) throw failure('EIO', `i/o error, rename '${String(from)}' -> '${String(to)}'`)
    return original.rename(from, to)
  }
  const replaced = { open, readdir, writeFile, rename }
  return { ...original, ...replaced, default: { ...original, ...replaced } }
}
