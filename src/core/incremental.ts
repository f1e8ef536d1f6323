/**
 * Incremental builds: a brief whose inputs are unchanged since its last good build is skipped.
 *
 * After a brief builds cleanly, its record in `<out>/.brief-build.json` keeps a content hash of
 * every file that brief read (its Markdown, the bibliography files and CSL style it used, its
 * images), the run's own fingerprint (configuration, logo, stylesheets, templates, fonts, the
 * toolkit itself, and `SOURCE_DATE_EPOCH`, which dates the EPUB, DOCX and PDF), its options
 * and the outputs it wrote. Content hashes, not times: a file
 * touched but unchanged does not rebuild, a file restored from backup with an old time does.
 * A brief that fails loses its record, so it is tried again next time.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { VFile } from 'vfile'
import { VFileMessage } from 'vfile-message'
import { writeAtomic } from './write.ts'
import { toolkitRoot } from '../toolkit.ts'

/** Where the records live, inside the output folder (dot-named: not something to publish). */
export const recordName = '.brief-build.json'

interface OutputStamp {
  path: string
  size: number
  mtimeMs: number
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

/** A brief that need not be built: the outputs it has and the warnings its build gave. */
export interface UpToDate {
  outputs: string[]
  warnings: VFileMessage[]
}

type Records = Record<string, BriefRecord>


/** Every file under `dir` (dot-files skipped), sorted so the fingerprint is stable. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort()
}

export class BuildRecords {
  private readonly hashes = new Map<string, Promise<string | undefined>>()
  private saving: Promise<void> = Promise.resolve()

  private constructor(
    private readonly file: string,
    private readonly records: Records,
    /** Fingerprint of everything every brief of this run depends on. */
    private readonly run: string,
  ) {}

  /**
   * `shared` are files every brief depends on (configuration, logo, fonts); `options` the
   * settings that change output (style override, remote images…).
   */
  static async open(out: string, shared: string[], options: unknown): Promise<BuildRecords> {
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
    for (const input of [...['package.json', 'package-lock.json'].map((f) => path.join(toolkitRoot, f)), ...toolkit.flat(), ...shared]) {
      hash.update(input).update('\0')
      hash.update(await readFile(input).catch(() => 'missing')).update('\0')
    }
    return new BuildRecords(file, records, hash.digest('hex'))
  }

  private hash(file: string): Promise<string | undefined> {
    let pending = this.hashes.get(file)
    if (!pending) {
      pending = readFile(file).then(
        (data) => createHash('sha256').update(data).digest('hex'),
        () => undefined,
      )
      this.hashes.set(file, pending)
    }
    return pending
  }

  /** True when the brief's last good build used exactly these inputs and its outputs are intact. */
  async upToDate(briefFile: string, formats: readonly string[]): Promise<UpToDate | undefined> {
    const record = this.records[briefFile]
    if (!record || record.run !== this.run) return undefined
    if (!formats.every((f) => record.formats.includes(f))) return undefined
    for (const [input, digest] of Object.entries(record.inputs)) {
      if ((await this.hash(input)) !== digest) return undefined
    }
    const wanted = record.outputs.filter((o) => formats.includes(path.extname(o.path).slice(1)))
    for (const output of wanted) {
      const now = await stat(output.path).catch(() => undefined)
      if (!now || now.size !== output.size || now.mtimeMs !== output.mtimeMs) return undefined
    }
    return { outputs: wanted.map((o) => o.path), warnings: (record.warnings ?? []).map(revive) }
  }

  /** Keeps the record of a clean build (`outputs` just written) and saves the records. */
  async built(briefFile: string, file: VFile, outputs: string[]): Promise<void> {
    const inputs: Record<string, string> = {}
    for (const input of inputsOf(briefFile, file)) {
      this.hashes.delete(input) // read afresh: the file may have changed since the run began
      const digest = await this.hash(input)
      if (digest) inputs[input] = digest
    }
    const stamps = await Promise.all(
      outputs.map(async (o) => {
        const s = await stat(o)
        return { path: o, size: s.size, mtimeMs: s.mtimeMs }
      }),
    )
    // Outputs of formats not built this time stay recorded while they are still current.
    const previous = this.records[briefFile]
    const kept = previous?.run === this.run && sameInputs(previous.inputs, inputs) ? previous.outputs.filter((o) => !outputs.includes(o.path)) : []
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

/** The files a brief read while it was built: Markdown, bibliographies, CSL style, images. */
export function inputsOf(briefFile: string, file: VFile): string[] {
  const folder = file.data.folder ?? path.dirname(briefFile)
  const inputs = new Set<string>([briefFile])
  for (const entry of file.data.meta?.bibliography ?? []) inputs.add(path.resolve(folder, entry.value))
  if (file.data.style?.file) inputs.add(path.resolve(file.data.style.file))
  for (const resource of file.data.resources?.values() ?? []) {
    if (resource.kind === 'local') inputs.add(resource.path)
  }
  return [...inputs]
}
