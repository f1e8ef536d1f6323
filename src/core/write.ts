/**
 * Atomic output: write beside the target, then rename over it. A reader (or a crash) sees the
 * previous complete file or the new complete file, never a half-written one.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { displayPath } from '../messages.ts'
import { UsageError } from '../errors.ts'

export async function writeAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true })
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`)
  try {
    await writeFile(temp, data)
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
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
