/**
 * Incremental builds: a brief whose inputs are unchanged since its last good build is skipped.
 *
 * After a brief builds cleanly, its record in `<out>/.brief-build.json` keeps a content hash of
 * every file that brief read (its Markdown, the bibliography files and CSL style it used, that
 * style's parent, its images), the run's own fingerprint (configuration, logo, stylesheets,
 * templates, fonts, the toolkit itself, and `SOURCE_DATE_EPOCH`, which dates the EPUB, DOCX and
 * PDF), its options, and a content hash of every output it wrote, with the output's stat
 * stamp. Content hashes, not times: a file touched but unchanged does not rebuild, a file
 * restored from backup with an old time does. An output is hashed again only when its stamp
 * moved (a write, a rename or a restore always moves its change time).
 *
 * A hash is never taken after its file was read: it is the hash of the bytes the build read
 * (src/reads.ts). So a file edited while its brief builds is rebuilt next time, never recorded
 * as built. An output that does not match its record (a
 * build killed between two renames, a file edited or deleted by hand) is stale: the brief is
 * built again, and the build says which outputs were stale.
 * A brief that fails loses its record, so it is tried again next time; one whose outputs could
 * not all be written keeps the record of its last good build, which its replaced outputs no
 * longer match.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { VFile } from 'vfile'
import { VFileMessage } from 'vfile-message'
import { writeAtomic } from './write.ts'
import { toolkitRoot } from '../toolkit.ts'
import { digest, readInput, statStamp, type Reads } from '../reads.ts'

/** Where the records live, inside the output folder (dot-named: not something to publish). */
export const recordName = '.brief-build.json'

interface OutputStamp {
  path: string
  /** sha256 of the content written. */
  sha256: string
  /**
   * The file's stat stamp once in place (`statStamp`). While the file's stamp is the same, its
   * content is the one hashed and is not read again: a batch of 500 briefs has some 300 MB
   * of outputs. Any write, rename or restore gives the file another change time, so another
   * stamp, and the file is hashed.
   */
  stat?: string
}

interface BriefRecord {
  /** Fingerprint of the run's shared inputs and the options that change output. */
  run: string
  formats: string[]
  /** Input file → sha256 of its content. */
  inputs: Record<string, string>
  outputs: OutputStamp[]
  /** The build's warnings, said again when the brief is skipped: skipping hides nothing. */
  warnings: SavedWarning[]
}

interface SavedWarning {
  reason: string
  file?: string
  line?: number
  column?: number
  ruleId?: string
  source?: string
  note?: string
}

/**
 * Whether a brief need be built: if not, the outputs it has and the warnings its build gave;
 * if so, its outputs that are not what its last good build wrote (changed, deleted, or left by
 * a build killed while replacing them).
 */
export type Verdict = { upToDate: true; outputs: string[]; warnings: VFileMessage[] } | { upToDate: false; stale: string[] }

type Records = Record<string, BriefRecord>


/** Every file under `dir` (dot-files skipped), sorted so the fingerprint is stable. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort()
}

/** The last digest `filesDigest` took of each list of files, with the files' stamps then. */
const digested = new Map<string, { stamps: string; digest: string }>()

/**
 * sha256 of `files`, each its path and content (a missing one as missing): the toolkit's own
 * files and the fonts, some 170 files and a megabyte. Read in parallel, which takes a fifth of
 * the time of one read after another. A process that builds again (a batch, `brief watch`, the
 * preview, a library caller, the tests) reads them again only when a file's stamp changed:
 * its change time moves with every write, whatever its size or modification time says.
 */
export async function filesDigest(files: readonly string[]): Promise<string> {
  const key = files.join('\0')
  const stamps = (await Promise.all(files.map(statStamp))).join('\0')
  const known = digested.get(key)
  if (known?.stamps === stamps) return known.digest
  const contents = await Promise.all(files.map((file) => readFile(file).catch(() => 'missing')))
  const hash = createHash('sha256')
  for (const [index, file] of files.entries()) hash.update(file).update('\0').update(contents[index]!).update('\0')
  const digest = hash.digest('hex')
  // Stamps taken before the reads: a file written meanwhile has a newer stamp, and is read again next time.
  digested.set(key, { stamps, digest })
  return digest
}

export class BuildRecords {
  /** Inputs as they are now, hashed once per run (briefs share bibliographies and styles). */
  private readonly current = new Map<string, Promise<string | undefined>>()
  private saving: Promise<void> = Promise.resolve()

  private constructor(
    private readonly file: string,
    private readonly records: Records,
    /** Fingerprint of everything every brief of this run depends on. */
    private readonly run: string,
  ) {}

  /**
   * `reads` are the files the run has read (configuration, logo), with the digests of the bytes
   * read; `shared` files every brief depends on that are read later (fonts); `options` the
   * settings that change output (style override, remote images…).
   */
  static async open(out: string, reads: Reads, shared: string[], options: unknown): Promise<BuildRecords> {
    const file = path.join(out, recordName)
    let records: Records = {}
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) records = parsed as Records
    } catch {
      // No record yet, or an unreadable one: everything builds, and a fresh record is written.
    }
    const toolkit = await Promise.all(['src', 'styles', 'templates'].map((d) => filesUnder(path.join(toolkitRoot, d))))
    // SOURCE_DATE_EPOCH is an input like a file: the EPUB's and DOCX's `dcterms:modified` and
    // the PDF's ModDate are made from it, so another value rebuilds and the same one does not.
    const hash = createHash('sha256').update(JSON.stringify(options ?? null)).update(`\0SOURCE_DATE_EPOCH=${process.env.SOURCE_DATE_EPOCH ?? ''}\0`)
    for (const [input, sum] of [...reads].sort(([a], [b]) => a.localeCompare(b))) hash.update(`${input}\0${sum}\0`)
    // Hashed now, before the renderers read them.
    hash.update(await filesDigest([...['package.json', 'package-lock.json'].map((f) => path.join(toolkitRoot, f)), ...toolkit.flat(), ...shared]))
    return new BuildRecords(file, records, hash.digest('hex'))
  }

  private hashNow(file: string): Promise<string | undefined> {
    let pending = this.current.get(file)
    if (!pending) {
      pending = hashOf(file)
      this.current.set(file, pending)
    }
    return pending
  }

  /** Whether the brief's last good build used exactly these inputs, in these formats, and its outputs are intact. */
  async verdict(briefFile: string, formats: readonly string[]): Promise<Verdict> {
    const record = this.records[briefFile]
    // A record written before outputs had digests says nothing about them.
    if (!record || !record.outputs.every((o) => o.sha256)) return { upToDate: false, stale: [] }
    const wanted = record.outputs.filter((o) => formats.includes(path.extname(o.path).slice(1)))
    const stale: string[] = []
    for (const output of wanted) {
      const unchanged = output.stat !== undefined && (await statStamp(output.path)) === output.stat
      if (!unchanged && (await hashOf(output.path)) !== output.sha256) stale.push(output.path)
    }
    const rebuild = { upToDate: false, stale } as const
    if (stale.length || record.run !== this.run || !formats.every((f) => record.formats.includes(f))) return rebuild
    for (const [input, sum] of Object.entries(record.inputs)) {
      if ((await this.hashNow(input)) !== sum) return rebuild
    }
    return { upToDate: true, outputs: wanted.map((o) => o.path), warnings: (record.warnings ?? []).map(revive) }
  }

  /** Keeps the record of a clean build (`written`: each output and its content) and saves the records. */
  async built(briefFile: string, file: VFile, written: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
    const inputs = this.inputsRead(file)
    // The outputs are in place (renamed) by now: their stamps are taken as they will stay.
    const stamps = await Promise.all(
      [...written].map(async ([output, data]): Promise<OutputStamp> => {
        const stat = await statStamp(output)
        return { path: output, sha256: digest(data), ...(stat === 'missing' ? {} : { stat }) }
      }),
    )
    // Outputs of formats not built this time stay recorded while they are still current.
    const previous = this.records[briefFile]
    const kept = previous?.run === this.run && sameInputs(previous.inputs, inputs) ? previous.outputs.filter((o) => !written.has(o.path)) : []
    const all = [...stamps, ...kept]
    const warnings = file.messages.filter((m) => !m.fatal).map((m) => ({
      reason: m.reason,
      file: m.file,
      line: m.line,
      column: m.column,
      ruleId: m.ruleId,
      source: m.source,
      note: m.note,
    }))
    this.records[briefFile] = { run: this.run, formats: [...new Set(all.map((o) => path.extname(o.path).slice(1)))], inputs, outputs: all, warnings }
    await this.save()
  }

  /** Each input of the brief's build → the hash of what the build read (images as kept in memory). */
  private inputsRead(file: VFile): Record<string, string> {
    const inputs: Record<string, string> = Object.fromEntries(file.data.reads ?? [])
    for (const resource of file.data.resources?.values() ?? []) {
      if (resource.kind === 'local') inputs[path.resolve(resource.path)] ??= digest(resource.data)
    }
    return inputs
  }

  /** Forgets a brief that failed: the next run tries it again. */
  async failed(briefFile: string): Promise<void> {
    if (!(briefFile in this.records)) return
    delete this.records[briefFile]
    await this.save()
  }

  /**
   * Saves are queued: briefs built in parallel finish at any moment, and each save writes the
   * records as they are when its turn comes, so a slower earlier write never wins.
   */
  private save(): Promise<void> {
    // A record that cannot be saved (a full disk) only means these briefs build again next
    // time: it must not fail a build whose outputs were written, or hide the real error.
    this.saving = this.saving.then(() => writeAtomic(this.file, JSON.stringify(this.records, null, 1) + '\n')).catch(() => undefined)
    return this.saving
  }
}

/**
 * sha256 of an input's content as it is now; undefined when it cannot be read. Read through the
 * gate (src/reads.ts), confined to the file's own folder and with the largest kind's limit:
 * an input that became a pipe, a device or a link out is not read here but counts as changed,
 * and the build that follows refuses it with its message.
 */
const hashOf = (file: string): Promise<string | undefined> =>
  readInput(file, undefined, { kind: 'image', folders: [path.dirname(file)], folderWords: 'its folder' }).then(digest, () => undefined)

function revive(saved: SavedWarning): VFileMessage {
  const place = saved.line === undefined ? undefined : { line: saved.line, column: saved.column ?? 1 }
  const message = new VFileMessage(saved.reason, { place, ruleId: saved.ruleId, source: saved.source })
  message.fatal = false
  if (saved.file) message.file = saved.file
  if (saved.note) message.note = saved.note
  return message
}

function sameInputs(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k])
}

/**
 * The files a brief read while it was built (Markdown, bibliographies, CSL style and its
 * parent, images), and those it names but could not read: what `brief watch` watches.
 */
export function inputsOf(briefFile: string, file: VFile): string[] {
  const folder = file.data.folder ?? path.dirname(briefFile)
  const inputs = new Set([path.resolve(briefFile), ...(file.data.reads?.keys() ?? [])])
  for (const entry of file.data.meta?.bibliography ?? []) inputs.add(path.resolve(folder, entry.value))
  if (file.data.style?.file) inputs.add(path.resolve(file.data.style.file))
  for (const resource of file.data.resources?.values() ?? []) {
    if (resource.kind === 'local') inputs.add(path.resolve(resource.path))
  }
  return [...inputs]
}
