/**
 * Where briefs are: turning command-line paths into brief files, slugs and output names.
 */
import { realpathSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { UsageError } from '../errors.ts'

export interface BriefLocation {
  /** Absolute path of the Markdown file. */
  file: string
  /** The brief's folder: everything it may read lives here. */
  folder: string
  /** Output base name: the folder name for `brief.md`, else the file name without `.md`. */
  slug: string
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

async function kind(p: string): Promise<'file' | 'dir' | undefined> {
  try {
    const s = await stat(p)
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined
  } catch {
    return undefined
  }
}

/** Brief folders below `dir` (a folder holding brief.md is one brief; deeper ones are not searched). */
async function briefsUnder(dir: string): Promise<BriefLocation[]> {
  const own = path.join(dir, 'brief.md')
  if ((await kind(own)) === 'file') return [locate(own)]
  const entries = await readdir(dir, { withFileTypes: true })
  const found: BriefLocation[] = []
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') {
      found.push(...(await briefsUnder(path.join(dir, entry.name))))
    }
  }
  return found
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
    if (k === 'file' && /\.md$/i.test(p)) found.push(locate(p))
    else if (k === 'dir') {
      const inside = await briefsUnder(p)
      if (!inside.length) throw new UsageError(`No briefs in ${p}`, { hint: 'A brief is a folder holding brief.md; create one with `brief new "Title"`' })
      found.push(...inside)
    } else if (k === 'file') throw new UsageError(`${p} is not a Markdown file`, { hint: 'Give a brief folder, a .md file or a folder of briefs' })
    else throw new UsageError(`${p} does not exist`, { hint: 'Give a brief folder, a .md file or a folder of briefs' })
  }
  const seen = new Map<string, BriefLocation>()
  for (const brief of found) {
    const other = seen.get(brief.slug)
    if (other && other.file !== brief.file) {
      throw new UsageError(`Two briefs would write the same output name "${brief.slug}": ${other.file} and ${brief.file}`, { hint: 'Rename one of them' })
    }
    seen.set(brief.slug, brief)
  }
  return [...seen.values()]
}
