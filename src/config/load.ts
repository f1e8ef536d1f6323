/**
 * Loads brief.config.yaml from the working folder (or a given path) and checks it against
 * the schema; a bad key is a ConfigError naming the file, line and key.
 */
import path from 'node:path'
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml'
import { ConfigError } from '../errors.ts'
import { nearest } from '../text/nearest.ts'
import { configFields, defaultConfig, templates, type InstituteConfig } from './schema.ts'
import { readInput, type Reads } from '../reads.ts'
import { readFailure } from '../messages.ts'

export const configFileName = 'brief.config.yaml'

export interface LoadedConfig {
  config: InstituteConfig
  /** The file it came from; undefined when there is none and defaults apply. */
  file?: string
  /** Folder that relative paths in the config are resolved against. */
  dir: string
}

/** `reads` notes the file and the digest of the bytes read, for the build record. */
export async function loadConfig(root = process.cwd(), explicit?: string, reads?: Reads): Promise<LoadedConfig> {
  const file = path.resolve(root, explicit ?? configFileName)
  let text: string
  try {
    // Confined to its own folder: a brief.config.yaml that is a link out of it is not read.
    text = (await readInput(file, reads, { kind: 'config', folders: [path.dirname(file)], folderWords: 'its folder' })).toString('utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !explicit) return { config: { ...defaultConfig }, dir: root }
    throw new ConfigError(`Cannot read ${file}: ${readFailure(error)}`, { file, cause: error })
  }
  return { config: parseConfig(text, file), file, dir: path.dirname(file) }
}

export function parseConfig(text: string, file: string): InstituteConfig {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false })
  const at = (offset: number | undefined) => {
    const { line, col } = lines.linePos(offset ?? 0)
    return { line, column: col }
  }
  const first = doc.errors[0]
  if (first) {
    throw new ConfigError(`Malformed ${path.basename(file)}: ${first.message.split('\n')[0]}`, {
      file,
      place: at(first.pos[0]),
      hint: 'Fix the YAML: one `key: value` a line',
    })
  }
  const config: InstituteConfig = { ...defaultConfig }
  if (doc.contents === null) return config
  if (!isMap(doc.contents)) throw new ConfigError(`${path.basename(file)} must be a mapping of \`key: value\` lines`, { file, place: at(0) })
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    const place = at((pair.key as { range?: number[] }).range?.[0])
    if (!(key in configFields)) {
      const near = nearest(key, Object.keys(configFields))
      throw new ConfigError(`Unknown key \`${key}\` in ${path.basename(file)}`, {
        file,
        place,
        hint: near.length ? `Did you mean \`${near[0]}\`? Known keys: ${Object.keys(configFields).join(', ')}` : `Known keys: ${Object.keys(configFields).join(', ')}`,
      })
    }
    const value = isScalar(pair.value) ? pair.value.value : undefined
    const field = configFields[key as keyof InstituteConfig]
    if (field.kind === 'boolean') {
      if (typeof value !== 'boolean') throw new ConfigError(`\`${key}\` in ${path.basename(file)} must be true or false`, { file, place, hint: field.doc })
      ;(config as unknown as Record<string, boolean>)[key] = value
      continue
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new ConfigError(`\`${key}\` in ${path.basename(file)} must be text`, { file, place, hint: configFields[key as keyof InstituteConfig].doc })
    }
    ;(config as unknown as Record<string, string>)[key] = String(value).trim()
  }
  if (!(templates as readonly string[]).includes(config.template)) {
    throw new ConfigError(`Unknown template \`${config.template}\` in ${path.basename(file)}`, { file, hint: `Available: ${templates.join(', ')}` })
  }
  return config
}
