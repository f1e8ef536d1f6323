/**
 * Reading the files a build depends on: the brief, its sources, its style and that style's
 * parent, its images, the configuration and the logo.
 *
 * Each read notes, in the `Reads` it is given, the sha256 of the exact bytes it returned: that
 * is what the build record keeps (src/core/incremental.ts). A hash taken later, from the file
 * as it is by then, would miss an edit saved while the brief was being built: the record would
 * call the new text built, and the next build would skip it. Because the list is made where
 * the files are read, it also names every file the build read, and cannot drift from it.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'

/** Files read for one build (a brief's, or the run's), by absolute path → sha256 of the bytes read. */
export type Reads = Map<string, string>

/**
 * Recorded for a file read twice with different contents in one build: it matches no file, so
 * the next build rebuilds.
 */
export const readTwiceDiffering = 'changed between two reads'

/** sha256 of `bytes`, in hex: how every input and output is compared. */
export const digest = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex')

/** Reads `file` whole, noting the digest of what was read in `reads` (when given). */
export async function readInput(file: string, reads?: Reads): Promise<Buffer> {
  const bytes = await readFile(file)
  if (reads) noteRead(reads, file, bytes)
  return bytes
}

/** Notes bytes already read from `file` (an image kept in memory, the logo). */
export function noteRead(reads: Reads, file: string, bytes: Uint8Array): void {
  const key = path.resolve(file)
  const sum = digest(bytes)
  const before = reads.get(key)
  reads.set(key, before === undefined || before === sum ? sum : readTwiceDiffering)
}
