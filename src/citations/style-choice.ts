/**
 * Which citation style a brief uses, decided in one place: the `--csl` flag, else the brief's
 * `csl:` front matter, else `csl:` in brief.config.yaml, else `issi`.
 *
 * A bare name (`issi`, `author-date`) is one of the toolkit's styles in styles/, else a
 * published style installed on the machine; anything else is a path to a .csl file. A flag's path is relative to the working folder, the
 * configuration's to the config file, the front matter's to the brief's folder, which it may
 * not leave (a brief reads only its own folder).
 */
import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { messages } from '../messages.ts'
import { nearest } from '../text/nearest.ts'
import { loadStyle, StyleProblem, stylesDir, type ParentStyle, type Style, type StyleGate } from './styles.ts'
import type { RuleId } from '../rules.ts'
import { refusalOf, type Reads } from '../reads.ts'

/** Where a style name was written, which decides what its path is relative to. */
export type StyleOrigin = 'flag' | 'front-matter' | 'config'

export interface StyleRequest {
  /** As written: `issi`, `author-date`, `styles/apa.csl`. */
  written: string
  origin: StyleOrigin
  /** Folder a relative path is resolved against. */
  baseDir: string
}

/**
 * Published CSL styles installed on the machine (Debian's citation-style-language-styles
 * package): `csl: chicago-note-bibliography` finds one there when styles/ has no such name.
 */
export const systemStylesDir = '/usr/share/citation-style-language/styles'

/** The file a written style name stands for: ours, else a published one, else a published journal's (dependent) style. */
export function stylePath(written: string, baseDir: string): string {
  if (!isStyleName(written)) return path.resolve(baseDir, written)
  const own = path.join(stylesDir, `${written}.csl`)
  const found = [own, path.join(systemStylesDir, `${written}.csl`), path.join(systemStylesDir, 'dependent', `${written}.csl`)].find((file) => existsSync(file))
  return found ?? own
}

/** Where a named style may be: our styles/, Debian's installed styles. */
const namedGate: StyleGate = { folders: [stylesDir, systemStylesDir], folderWords: `the toolkit's styles/ and ${systemStylesDir}` }

/**
 * The folder a style is read from (src/reads.ts), once every link is followed: a named style,
 * ours or installed; a path in the front matter, the brief's folder; in the configuration, its
 * folder; on the command line, the folder the path names (a link there may not lead out).
 */
function styleGate(written: string, origin: StyleOrigin, baseDir: string, resolved: string): StyleGate {
  if (isStyleName(written)) return namedGate
  if (origin === 'front-matter') return { folders: [baseDir], folderWords: "the brief's folder" }
  if (origin === 'config') return { folders: [baseDir], folderWords: "brief.config.yaml's folder" }
  return { folders: [path.dirname(resolved)], folderWords: `the folder it is in (${path.dirname(resolved)})` }
}

/**
 * The independent style a dependent one (`resolved`, read through `gate`) names
 * (`institute-of-physics-numeric`): beside it, through the dependent's own gate (a parent
 * beside a brief's style is confined to the brief's folder, as that style is); else ours or
 * installed.
 */
function parentStyle(name: string, resolved: string, gate: StyleGate): ParentStyle | undefined {
  const beside = path.join(path.dirname(resolved), `${name}.csl`)
  // lstat, not exists: a link beside the style is its parent even when it leads nowhere, and the gate says so.
  if (existsSync(beside) || isLink(beside)) return { file: beside, gate }
  const file = [path.join(stylesDir, `${name}.csl`), path.join(systemStylesDir, `${name}.csl`)].find((f) => existsSync(f))
  return file ? { file, gate: namedGate } : undefined
}

const isLink = (file: string) => {
  try {
    return lstatSync(file).isSymbolicLink()
  } catch {
    return false
  }
}

/** Every style name that `csl:` can take on this machine: ours and the installed ones. */
function styleNames(): string[] {
  const names = (dir: string) => {
    try {
      return readdirSync(dir).filter((n) => n.endsWith('.csl')).map((n) => n.slice(0, -4))
    } catch {
      return []
    }
  }
  return [...names(stylesDir), ...names(systemStylesDir), ...names(path.join(systemStylesDir, 'dependent'))]
}

const isStyleName = (written: string) => /^[\w-]+$/.test(written)

/**
 * Loads the requested style. Throws StyleProblem with a message in the catalogue's words:
 * missing, invalid, or (front matter only) outside the brief's folder. The files read (the
 * style, a dependent style's parent) go to `reads`.
 */
export async function chooseStyle({ written, origin, baseDir }: StyleRequest, reads?: Reads, deadline?: { remaining(): number }): Promise<Style> {
  const resolved = stylePath(written, baseDir)
  const gate = { ...styleGate(written, origin, baseDir, resolved), ...(deadline ? { deadline } : {}) }
  try {
    return await loadStyle(resolved, gate, (name) => parentStyle(name, resolved, gate), reads)
  } catch (error) {
    if (!(error instanceof StyleProblem)) throw error
    const refusal = refusalOf(error.cause)
    const reason =
      error.kind === 'missing'
        ? missingReason(written, resolved, baseDir)
        : refusal?.why === 'outside' && !refusal.link
          ? messages.outsideFolder(written)
          : error.kind === 'unreadable' || error.kind === 'outside'
            ? messages.unreadableCsl(written, error.message)
            : messages.badCsl(written, error.message)
    throw new StyleProblem(error.kind, resolved, reason, { cause: error })
  }
}

/** Why a style is not there, with the likely slip: a folder named instead of its file, or `.csl` left off. */
function missingReason(written: string, resolved: string, baseDir: string): string {
  const local = path.resolve(baseDir, written)
  if (existsSync(local) && statSync(local).isDirectory()) return messages.cslIsFolder(written)
  if (isStyleName(written) && existsSync(`${local}.csl`)) return messages.missingCsl(written, resolved, `${written}.csl`)
  // A name one letter off an installed style's ("chicago-notes-bibliography").
  if (isStyleName(written)) return messages.unknownStyleName(written, nearest(written, styleNames())[0])
  return messages.missingCsl(written, resolved)
}

/** The rule id of a style problem's message. */
export function styleRuleId(problem: StyleProblem): RuleId {
  // A style or its parent past the byte limit: the limit's rule, as for every input.
  let cause: unknown = problem
  while (cause instanceof StyleProblem) cause = cause.cause
  if (refusalOf(cause)?.why === 'too-large') return 'too-large'
  return problem.kind === 'missing' || problem.kind === 'unreadable' ? 'missing-csl' : problem.kind === 'outside' ? 'outside-folder' : 'bad-csl'
}
