/**
 * The institute's logo (`logo:` in brief.config.yaml), read once per run and drawn in every
 * output's masthead. A logo that cannot be used stops the run: it is configuration, not a
 * brief's problem.
 */
import path from 'node:path'
import { ConfigError } from '../errors.ts'
import type { InstituteConfig } from './schema.ts'
import { readInput, type Reads } from '../reads.ts'
import { readFailure } from '../messages.ts'

export interface Logo {
  /** File name, for the EPUB's manifest. */
  name: string
  mediaType: string
  data: Uint8Array
}

const types: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.svg': 'image/svg+xml', '.gif': 'image/gif' }

/** `reads` notes the file and the digest of the bytes read, for the build record. */
export async function loadLogo(config: InstituteConfig, dir: string, reads?: Reads): Promise<Logo | undefined> {
  if (!config.logo) return undefined
  const file = path.resolve(dir, config.logo)
  const mediaType = types[path.extname(file).toLowerCase()]
  if (!mediaType) throw new ConfigError(`logo \`${config.logo}\` in brief.config.yaml is not an image we can embed`, { hint: `Use one of ${Object.keys(types).join(' ')}` })
  try {
    // Confined to the configuration's folder, as a brief's images are to the brief's.
    const data = await readInput(file, reads, { kind: 'logo', folders: [dir], folderWords: "brief.config.yaml's folder" })
    return { name: `logo${path.extname(file).toLowerCase()}`, mediaType, data }
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? ` (looked for ${file})` : `: ${readFailure(error)}`
    throw new ConfigError(`logo \`${config.logo}\` in brief.config.yaml cannot be read${why}`, { cause: error, hint: 'Put the logo next to brief.config.yaml or remove the `logo:` line' })
  }
}

/** The logo as a data: URL, for outputs that are one file (web page, print page). */
export function logoDataUrl(logo: Logo): string {
  return `data:${logo.mediaType};base64,${Buffer.from(logo.data).toString('base64')}`
}
