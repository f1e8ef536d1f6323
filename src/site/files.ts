/**
 * Writing the site's files: a file is written only when its bytes change (so an archive page
 * whose list is the same keeps its modification time, and a host or a sync tool sees only
 * what changed), each through a temporary file renamed over it (a reader sees the old page or
 * the new one, never half of one).
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

export class SiteWriter {
  /** Files written this run (site-relative, `/`-separated). */
  readonly written: string[] = []
  /** Every file the site holds after this run, written or left as it was. */
  readonly files = new Set<string>()
  private readonly folders = new Set<string>()

  constructor(readonly root: string) {}

  /** Writes `data` to `name` (site-relative) unless the file already holds exactly it; true when written. */
  async write(name: string, data: string | Uint8Array): Promise<boolean> {
    this.files.add(name)
    const target = path.join(this.root, ...name.split('/'))
    const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    const current = await readFile(target).catch(() => undefined)
    if (current?.equals(bytes)) return false
    const folder = path.dirname(target)
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true })
      this.folders.add(folder)
    }
    const temp = path.join(folder, `.${path.basename(target)}.${process.pid}.tmp`)
    try {
      await writeFile(temp, bytes)
      await rename(temp, target)
    } catch (error) {
      await rm(temp, { force: true })
      throw error
    }
    this.written.push(name)
    return true
  }

  /** Counts a file the site keeps as it is (a brief page not made again). */
  keep(name: string): void {
    this.files.add(name)
  }

  /** Removes the files an earlier run wrote that this run no longer makes (a brief taken out). */
  async removeOthers(previous: Iterable<string>): Promise<string[]> {
    const removed: string[] = []
    for (const name of previous) {
      if (this.files.has(name)) continue
      await rm(path.join(this.root, ...name.split('/')), { force: true })
      removed.push(name)
    }
    return removed
  }
}
