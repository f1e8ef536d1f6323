// What a bundle in dist/ was made from: every file under src/ with its size and modification
// time. Shared by scripts/bundle.mjs (which writes it) and bin/brief.js (which compares it).
import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

export function sourceStamp(root) {
  const stamp = {}
  for (const entry of readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    const { size, mtimeMs } = statSync(file)
    stamp[path.relative(root, file)] = `${size}:${mtimeMs}`
  }
  return stamp
}

/** True when `made` (a stamp saved with a bundle) describes the sources as they are now. */
export function sameSources(made, now) {
  const keys = Object.keys(now)
  return keys.length === Object.keys(made).length && keys.every((k) => made[k] === now[k])
}

/** True when the bundle in `root`/dist was made from the sources as they are now. */
export function bundleIsCurrent(root) {
  try {
    return sameSources(JSON.parse(readFileSync(path.join(root, 'dist', 'sources.json'), 'utf8')), sourceStamp(root))
  } catch {
    return false // no bundle yet, or a stamp cut short
  }
}
