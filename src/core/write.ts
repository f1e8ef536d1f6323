/**
 * Atomic output: write beside the target, flush it to the disk, then rename over it. A reader
 * (or a crash, or a power cut) sees the previous complete file or the new complete file, never
 * a half-written one.
 *
 * A brief's outputs are replaced as a set (`replaceOutputs`): every new file is written and
 * flushed first, so a full disk fails before any file is replaced; only then is each renamed
 * over its target. A rename needs no space, but the process can still be killed between two of
 * them: the build record, written after the last, holds the digest of every output, and the
 * next build finds an output that does not match it stale and builds the brief again. (One
 * folder per build, swapped by a single rename, would make the set change at once, but the
 * outputs would then live behind a link or in a folder of their own instead of as plain files
 * in `--out`, and no rename swaps files in place on every system.)
 */
import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { displayPath } from '../messages.ts'
import { UsageError } from '../errors.ts'

/** `.<name>.<pid>.<time>.tmp` beside the target: dot-named, and naming the process that writes it. */
const tempName = (target: string) => path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`)
const leftover = /^\..+\.(\d+)\.\d+\.tmp$/

export async function writeAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true })
  const temp = tempName(target)
  try {
    await writeFile(temp, data, { flush: true })
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  await flushFolder(path.dirname(target))
}

/** An output set that could not be written; `replaced` are the targets already renamed into place. */
export class ReplaceError extends Error {
  constructor(
    readonly target: string,
    readonly replaced: string[],
    options: ErrorOptions,
  ) {
    super(`Cannot write ${target}`, options)
  }
}

/**
 * Writes a brief's outputs (target → content) as one set: all written and flushed beside their
 * targets, then renamed into place one by one. Throws ReplaceError: with nothing `replaced`
 * when writing failed (a full disk; every previous output is intact), with the targets already
 * replaced when a rename failed. No temporary file is left either way.
 */
export async function replaceOutputs(files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  const temps = new Map<string, string>()
  const replaced: string[] = []
  let target = ''
  try {
    for (const [file, data] of files) {
      target = file
      await mkdir(path.dirname(file), { recursive: true })
      const temp = tempName(file)
      temps.set(file, temp)
      await writeFile(temp, data, { flush: true })
    }
    for (const [file, temp] of temps) {
      target = file
      await rename(temp, file)
      replaced.push(file)
    }
  } catch (error) {
    await Promise.all([...temps.values()].map((temp) => rm(temp, { force: true })))
    throw new ReplaceError(target, replaced, { cause: error })
  }
  for (const folder of new Set([...files.keys()].map((f) => path.dirname(f)))) await flushFolder(folder)
}

/** Makes the renames into `folder` durable; a system that cannot open a folder (Windows) is left to itself. */
async function flushFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined)
  if (!handle) return
  await handle.sync().catch(() => undefined)
  await handle.close()
}

/**
 * Removes the temporary files of runs that were killed while writing into `out` (their process
 * is gone); those of a run still going are left alone.
 */
export async function removeLeftovers(out: string): Promise<void> {
  const names = await readdir(out).catch(() => [])
  for (const name of names) {
    const pid = Number(leftover.exec(name)?.[1])
    if (pid && pid !== process.pid && !alive(pid)) await rm(path.join(out, name), { force: true })
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process is there, run by another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Makes sure the output folder exists and takes files, before any brief is built: a folder
 * that cannot be used is the run's problem (exit 2, said once), not every brief's. Folders are
 * made one level at a time: Node's recursive mkdir never settles on some special file systems
 * (`/proc`), and one level at a time names the part that failed.
 */
export async function prepareOutputFolder(out: string, shown: string): Promise<void> {
  const missing: string[] = []
  for (let dir = out; ; dir = path.dirname(dir)) {
    const kind = await stat(dir).then((s) => (s.isDirectory() ? 'dir' : 'other'), (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' || e.code === 'ENOTDIR' ? undefined : 'other'))
    if (kind === 'dir') break
    if (kind === 'other') throw new UsageError(`--out ${shown}: ${displayPath(dir)} is not a folder`, { hint: 'Choose an output folder with --out DIR' })
    missing.unshift(dir)
    if (path.dirname(dir) === dir) break
  }
  try {
    for (const dir of missing) await mkdir(dir)
    const probe = path.join(out, `.brief-write-test-${process.pid}`)
    await writeFile(probe, '')
    await rm(probe, { force: true })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'the file system is read-only' : code === 'ENOSPC' ? 'the disk is full' : code === 'ENOENT' ? 'no folder can be made there' : (error as Error).message
    throw new UsageError(`--out ${shown}: cannot write there (${why})`, { hint: 'Choose a folder you can write to with --out DIR', cause: error })
  }
}
