/**
 * Reading the files a build depends on: the brief, its sources, its style and that style's
 * parent, its images, the configuration and the logo. `readInput` is the one gate every such
 * read goes through (test/architecture.test.ts finds any other read of a file in src/):
 *
 * 1. the path is resolved to the real file, every symbolic link followed (nothing is opened);
 * 2. the real file must lie inside one of the gate's folders (a link out of the folder is the
 *    file outside it, refused before it is opened);
 * 3. it must be a regular file: a folder, a named pipe, a device or a socket is refused before
 *    it is opened (a pipe would block the open and the read forever, `/dev/zero` never ends);
 * 4. it is opened without following a link and without waiting (`O_NOFOLLOW | O_NONBLOCK`),
 *    and the opened handle is checked again (`fstat`: the same regular file), so a file swapped
 *    between the checks and the open is refused too;
 * 5. it must hold at most its kind's byte limit (`inputBytes`), before and while it is read;
 * 6. the read stops with an error when the time left (the brief's deadline) runs out.
 *
 * Each read notes, in the `Reads` it is given, the sha256 of the exact bytes it returned: that
 * is what the build record keeps (src/core/incremental.ts). A hash taken later, from the file
 * as it is by then, would miss an edit saved while the brief was being built: the record would
 * call the new text built, and the next build would skip it. Because the list is made where
 * the files are read, it also names every file the build read, and cannot drift from it.
 */
import { createHash } from 'node:crypto'
import { constants } from 'node:fs'
import { lstat, open, realpath, stat } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import path from 'node:path'
import { rule, type RuleId } from './rules.ts'

/** Files read for one build (a brief's, or the run's), by absolute path → sha256 of the bytes read. */
export type Reads = Map<string, string>

/**
 * Recorded for a file read twice with different contents in one build: it matches no file, so
 * the next build rebuilds.
 */
export const readTwiceDiffering = 'changed between two reads'

/** sha256 of `bytes`, in hex: how every input and output is compared. */
export const digest = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex')

/**
 * A file as `stat` sees it ('missing' when there is none): while it is the same, the file is
 * the one seen before, as another write, a rename or a restore always moves its change time.
 * How a file already hashed is known unchanged without reading it again.
 */
export const statStamp = (file: string): Promise<string> =>
  stat(file, { bigint: true }).then(
    (s) => `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`,
    () => 'missing',
  )

/** What a file is to the build; each kind has its byte limit. */
export type InputKind = 'brief' | 'sources' | 'style' | 'image' | 'logo' | 'config'

/**
 * Bytes one file of each kind may hold, far past any real one; they keep a wrong file (a disk
 * image named `references.json`) from filling memory before anything can say what it is.
 */
export const inputBytes: Record<InputKind, number> = {
  /** 2 million characters (src/brief/limits.ts, checked on the text with its place) at up to 4 bytes each. */
  brief: 8_000_000,
  /** A whole Zotero library exported as CSL-JSON is a few megabytes. */
  sources: 50_000_000,
  /** The largest published CSL style is about 200 kB. */
  style: 5_000_000,
  /** A photograph straight from a camera is 5 to 20 MB (limits.imageBytes is this). */
  image: 50_000_000,
  logo: 10_000_000,
  config: 1_000_000,
}

/** How long a read may take when no deadline is given (the run's own files): `--timeout`'s default. */
export const defaultReadMs = 60_000

/** Where a file may be, and how long reading it may take. */
export interface Gate {
  kind: InputKind
  /**
   * Folders the real file must lie in, one of them (a brief's input: the brief's folder; the
   * configuration and logo: the configuration's folder; a named style: the folder it was found in).
   */
  folders: readonly string[]
  /** The folder in the words of a message: "the brief's folder". */
  folderWords: string
  /** The time left, from the brief's deadline (src/brief/deadline.ts); `defaultReadMs` without one. */
  deadline?: { remaining(): number }
}

/** Why the gate refused a file, for the caller's message. */
export type Refusal =
  /** `link`: the path as written is inside, a symbolic link on the way leads out. */
  | { why: 'outside'; real: string; folderWords: string; link: boolean }
  | { why: 'not-a-file'; what: 'a folder' | 'a named pipe (FIFO)' | 'a device' | 'a socket' | 'not a regular file' }
  | { why: 'too-large'; bytes: number; limit: number; kind: InputKind }
  | { why: 'timeout'; ms: number }
  | { why: 'changed'; }

/** A file the gate would not read; `code` lets callers tell it from the system's errors. */
export class InputRefused extends Error {
  readonly code = 'EREFUSED'
  constructor(
    readonly file: string,
    readonly refusal: Refusal,
  ) {
    super(refusalWords(refusal))
  }
}

const kindWords: Record<InputKind, string> = { brief: 'a brief', sources: 'a bibliography file', style: 'a CSL style', image: 'an image', logo: 'a logo', config: 'a configuration file' }

const megabytes = (n: number) => `${Number((n / 1e6).toFixed(n < 10e6 ? 1 : 0))} MB`

/** What is wrong and what to do, to follow "cannot be read: ". */
export function refusalWords(refusal: Refusal): string {
  switch (refusal.why) {
    case 'outside':
      return refusal.link
        ? `it leads out of ${refusal.folderWords} (a symbolic link to ${refusal.real}), and only files inside it are read; copy the file into the folder instead of linking to it`
        : `it is outside ${refusal.folderWords}, and only files inside it are read; copy the file into the folder`
    case 'not-a-file':
      return refusal.what === 'a folder' ? 'it is a folder, not a file' : `it is ${refusal.what}, not a file, and is never read; name a regular file`
    case 'too-large':
      return `it is ${megabytes(refusal.bytes)}, past the limit of ${megabytes(refusal.limit)} for ${kindWords[refusal.kind]}; is it the right file?`
    case 'timeout':
      return `reading it took longer than ${Number((refusal.ms / 1000).toFixed(1))} s (the time left for the brief); is it on a slow or stalled network drive? Copy it to a local disk`
    case 'changed':
      return 'it was replaced while it was being opened; build again once it is saved'
  }
}

/** The refusal behind `error`, when the gate refused the file. */
export const refusalOf = (error: unknown): Refusal | undefined => (error instanceof InputRefused ? error.refusal : undefined)

/**
 * The rule id of a file that could not be read: `outside-folder` for a path out of its folder,
 * `too-large` past its kind's limit, else `otherwise` (the kind's "cannot be read" rule).
 */
export function unreadableRule(error: unknown, otherwise: RuleId): RuleId {
  const why = refusalOf(error)?.why
  return why === 'outside' ? rule('outside-folder') : why === 'too-large' ? rule('too-large') : otherwise
}

/** What an lstat or fstat says a path is, when it is not a regular file. */
function notAFile(stats: Stats): Extract<Refusal, { why: 'not-a-file' }>['what'] | undefined {
  if (stats.isFile()) return undefined
  if (stats.isDirectory()) return 'a folder'
  if (stats.isFIFO()) return 'a named pipe (FIFO)'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device'
  if (stats.isSocket()) return 'a socket'
  return 'not a regular file'
}

/** True when `real` is `folder` or inside it; both already real paths. */
const inside = (folder: string, real: string) => {
  const relative = path.relative(folder, real)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/**
 * True when `file` is inside `folder` as written (`..` resolved, links not followed): the gate's
 * first step, for callers that say "outside" before they judge a file's name.
 */
export const insideAsWritten = (folder: string, file: string): boolean => inside(path.resolve(folder), path.resolve(file))

/** A folder's real path; as written when it does not exist (nothing can be inside it then). */
const realFolder = (folder: string) => realpath(folder).catch(() => path.resolve(folder))

/**
 * Reads `file` whole through the gate (see the top of this file), noting the digest of what was
 * read in `reads` (when given). Throws InputRefused, or the system's error (ENOENT, EACCES).
 */
export async function readInput(file: string, reads: Reads | undefined, gate: Gate): Promise<Buffer> {
  const bytes = await inTime(file, gate, (late) => readGated(path.resolve(file), gate, late))
  if (reads) noteRead(reads, file, bytes)
  return bytes
}

/** `work` raced against the time left; `late` rejects when it runs out, for steps inside to race too. */
async function inTime<T>(file: string, gate: Gate, work: (late: Promise<never>) => Promise<T>): Promise<T> {
  const ms = Math.max(1, gate.deadline?.remaining() ?? defaultReadMs)
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InputRefused(file, { why: 'timeout', ms })), ms)
  })
  late.catch(() => undefined)
  try {
    return await Promise.race([work(late), late])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The first `bytes` bytes of `file` through the same gate (a brief found in a folder is told
 * by its first line), not noted as read.
 */
export function readInputStart(file: string, bytes: number, gate: Gate): Promise<Buffer> {
  return inTime(file, gate, (late) => readGated(path.resolve(file), gate, late, bytes))
}

/** The gate's steps 1 to 5 (the top of this file); `upTo` stops early, without the size check. */
async function readGated(file: string, gate: Gate, late: Promise<never>, upTo?: number): Promise<Buffer> {
  const limit = inputBytes[gate.kind]
  // As written first: `../x.json` is outside whether or not it exists.
  const written = gate.folders.map((folder) => path.resolve(folder))
  if (!written.some((folder) => inside(folder, file))) throw new InputRefused(file, { why: 'outside', real: file, folderWords: gate.folderWords, link: false })
  const real = await realpath(file)
  const folders = await Promise.all(gate.folders.map(realFolder))
  if (!folders.some((folder) => inside(folder, real))) throw new InputRefused(file, { why: 'outside', real, folderWords: gate.folderWords, link: true })
  const before = await lstat(real)
  const what = notAFile(before)
  if (what) throw new InputRefused(file, { why: 'not-a-file', what })
  if (upTo === undefined && before.size > limit) throw new InputRefused(file, { why: 'too-large', bytes: before.size, limit, kind: gate.kind })
  const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
  try {
    const opened = await handle.stat()
    if (notAFile(opened) || opened.dev !== before.dev || opened.ino !== before.ino) throw new InputRefused(file, { why: 'changed' })
    // Read to the limit and one byte past it: a file that grows while it is read is caught too.
    const chunks: Buffer[] = []
    let total = 0
    const most = upTo ?? limit + 1
    while (total < most) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, most - total))
      const { bytesRead } = await Promise.race([handle.read(chunk, 0, chunk.length, null), late])
      if (!bytesRead) break
      chunks.push(chunk.subarray(0, bytesRead))
      total += bytesRead
      if (upTo === undefined && total > limit) throw new InputRefused(file, { why: 'too-large', bytes: total, limit, kind: gate.kind })
    }
    return Buffer.concat(chunks, total)
  } finally {
    await handle.close()
  }
}

/** Notes bytes already read from `file` (an image kept in memory, the logo). */
export function noteRead(reads: Reads, file: string, bytes: Uint8Array): void {
  const key = path.resolve(file)
  const sum = digest(bytes)
  const before = reads.get(key)
  reads.set(key, before === undefined || before === sum ? sum : readTwiceDiffering)
}
