/**
 * Where briefs are: turning command-line paths into brief files, slugs and output names.
 *
 * A brief is a folder holding `brief.md` (its slug is the folder's name), or a `.md` file that
 * starts with front matter (its slug is the file's name without `.md`): a folder of such files
 * is several briefs that share the folder's sources and images. A brief's slug is the same
 * whether it is named by its file or found in its folder, so its outputs and its EPUB's
 * identifier do not depend on how it was built.
 */
import { realpathSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { UsageError } from '../errors.ts'
import { displayPath, readFailure } from '../messages.ts'
import { readInputStart, unreadableRule } from '../reads.ts'
import { rule, type RuleId } from '../rules.ts'

export interface BriefLocation {
  /** Absolute path of the Markdown file. */
  file: string
  /** The brief's folder: everything it may read lives here. */
  folder: string
  /** Output base name: the folder name for `brief.md`, else the file name without `.md`. */
  slug: string
  /**
   * Why this entry of a folder of briefs cannot be read (a subfolder this user may not open, a
   * `.md` that is a named pipe or a link out of its folder): reported as its error, while the
   * rest of the batch builds.
   */
  problem?: { reason: string; ruleId: RuleId }
}

/** The path with every symbolic link resolved; for a path that does not exist, its parent's. */
function realPath(p: string): string {
  try {
    return realpathSync(p)
  } catch {
    const parent = path.dirname(p)
    return parent === p ? p : path.join(realPath(parent), path.basename(p))
  }
}

/**
 * True when `target` is `folder` or inside it, after resolving `..` and symbolic links (a link
 * inside the folder that points elsewhere is outside).
 */
export function insideFolder(folder: string, target: string): boolean {
  const relative = path.relative(realPath(path.resolve(folder)), realPath(path.resolve(target)))
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

export function locate(file: string): BriefLocation {
  const absolute = path.resolve(file)
  const folder = path.dirname(absolute)
  const base = path.basename(absolute)
  const slug = base === 'brief.md' ? path.basename(folder) : base.replace(/\.md$/i, '')
  return { file: absolute, folder, slug }
}

/** What is at `p`, links followed: a file, a folder, something else (a pipe, a device), or nothing. */
async function kind(p: string): Promise<'file' | 'dir' | 'other' | undefined> {
  try {
    const s = await stat(p)
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other'
  } catch (error) {
    // A path this user may not look into is there: the gate says so when it is read.
    return (error as NodeJS.ErrnoException).code === 'EACCES' ? 'other' : undefined
  }
}

/**
 * Whether the file starts with front matter (a `---` line, after a byte-order mark), read
 * through the gate (src/reads.ts) confined to `folder`: the reason it cannot be read, if so.
 */
async function startsWithFrontMatter(file: string, folder: string): Promise<boolean | BriefLocation['problem']> {
  try {
    const start = await readInputStart(file, 16, { kind: 'brief', folders: [folder], folderWords: "the brief's folder" })
    return /^(\uFEFF)?---[ \t]*\r?\n/.test(start.toString('utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    return { reason: `Cannot read the brief: ${readFailure(error)}`, ruleId: unreadableRule(error, rule('unreadable-brief')) }
  }
}

/** A folder of briefs that cannot be listed: one error for it, the rest of the batch goes on. */
function unlistable(dir: string, error: unknown): BriefLocation {
  return { file: dir, folder: dir, slug: path.basename(dir), problem: { reason: `Cannot look for briefs in the folder ${displayPath(dir)}: ${readFailure(error)}`, ruleId: rule('unreadable-brief') } }
}

/** What a folder without briefs holds, to say so. */
interface Seen {
  /** `.md` files that do not start with front matter. */
  markdown: string[]
  others: number
}

/**
 * The briefs below `dir`: a folder holding brief.md is one brief (deeper ones are not
 * searched); otherwise each of its `.md` files that starts with front matter is one, and its
 * subfolders are searched.
 */
async function briefsUnder(dir: string, seen?: Seen): Promise<BriefLocation[]> {
  const own = path.join(dir, 'brief.md')
  // A brief.md that is not a regular file is still this folder's brief: reading it says what it is.
  const ownKind = await kind(own)
  if (ownKind === 'file' || ownKind === 'other') return [locate(own)]
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (error) {
    return [unlistable(dir, error)]
  }
  const found: BriefLocation[] = []
  const folders: string[] = []
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') folders.push(full)
    } else if (entry.isSymbolicLink() && (await kind(full)) === 'dir') {
      // Not followed: a link could lead the batch to any folder on the machine. Said, not skipped in silence.
      found.push({ file: full, folder: full, slug: entry.name, problem: { reason: `This is a link to a folder, which a folder of briefs does not follow (it could lead anywhere on the machine); move or copy the brief's folder here`, ruleId: rule('unreadable-brief') } })
    } else if (/\.md$/i.test(entry.name) && (await kind(full)) !== undefined) {
      const verdict = await startsWithFrontMatter(full, dir)
      if (typeof verdict === 'object') found.push({ ...locate(full), problem: verdict })
      else if (verdict) found.push(locate(full))
      else seen?.markdown.push(entry.name)
    } else if (seen) seen.others++
  }
  for (const folder of folders) found.push(...(await briefsUnder(folder)))
  return found
}

/** "No briefs in notes: it holds README.md, which does not start with front matter, and 2 other files". */
function noBriefs(dir: string, seen: Seen): UsageError {
  const names = seen.markdown.length > 3 ? [...seen.markdown.slice(0, 3), `${seen.markdown.length - 3} more`] : seen.markdown
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]
  const markdown = seen.markdown.length ? `${list}, which ${seen.markdown.length > 1 ? 'do' : 'does'} not start with front matter` : ''
  const others = seen.others ? `${seen.others} other file${seen.others > 1 ? 's' : ''}` : ''
  const holds = [markdown, others].filter(Boolean).join(', and ')
  return new UsageError(`No briefs in ${displayPath(dir)}: ${holds ? `it holds ${holds}` : 'it holds no Markdown files, nor folders with briefs'}`, {
    hint: 'A brief is a folder holding brief.md, or a .md file that starts with front matter (a `---` line, `title: …`, a `---` line); `brief new "Title"` starts one',
  })
}

/**
 * The briefs named by command-line paths: a brief folder, a `.md` file or a folder of briefs.
 * No paths = every brief under `<root>/briefs/`.
 */
export async function findBriefs(paths: string[], root = process.cwd()): Promise<BriefLocation[]> {
  const wanted = paths.length ? paths : [path.join(root, 'briefs')]
  const found: BriefLocation[] = []
  for (const p of wanted) {
    const k = await kind(p)
    if ((k === 'file' || k === 'other') && /\.md$/i.test(p)) found.push(locate(p))
    else if (k === 'dir') {
      const seen: Seen = { markdown: [], others: 0 }
      const inside = await briefsUnder(p, seen)
      if (!inside.length) throw noBriefs(p, seen)
      found.push(...inside)
    } else if (k === 'file') throw new UsageError(`${p} is not a Markdown file`, { hint: 'Give a brief folder, a .md file or a folder of briefs' })
    else throw new UsageError(`${p} does not exist`, { hint: 'Give a brief folder, a .md file or a folder of briefs' })
  }
  // Output names compared without case: on macOS and Windows `Notes.pdf` is `notes.pdf`.
  const seen = new Map<string, BriefLocation>()
  for (const brief of found) {
    if (brief.problem) {
      seen.set(`\0${brief.file}`, brief)
      continue
    }
    const other = seen.get(brief.slug.toLowerCase())
    if (other && other.file !== brief.file) {
      throw new UsageError(`Two briefs would write the same output name "${brief.slug}": ${other.file} and ${brief.file}`, {
        hint: 'Rename one of them (a brief.md brief is named by its folder, any other .md brief by its file)',
      })
    }
    seen.set(brief.slug.toLowerCase(), brief)
  }
  return [...seen.values()]
}
