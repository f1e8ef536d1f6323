/**
 * The heap of a `brief watch` session (the Preview class, in this process) over many saves of
 * the example brief: each save waited for until its web page is rebuilt, the heap measured
 * after a full collection at three points.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { locate } from '../../src/brief/paths.ts'
import { Preview } from '../../src/core/preview.ts'
import { repo } from './cli.ts'

export async function heapOverRebuilds(saves: number): Promise<{ built: number; samples: number[] }> {
  const { setFlagsFromString } = await import('node:v8')
  const { runInNewContext } = await import('node:vm')
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  const dir = mkdtempSync(path.join(tmpdir(), 'brief-preview-memory-'))
  const briefFolder = path.join(dir, 'briefs', 'seed')
  cpSync(path.join(repo, 'briefs/2025-04-07-pakistan-afghanistan-resetting-ties'), briefFolder, { recursive: true })
  const file = path.join(briefFolder, 'brief.md')
  const text = readFileSync(file, 'utf8')
  let built = 0
  const session = new Preview({ brief: locate(file), cwd: dir, sharedFolders: [], onRebuild: (e) => e.view === 'web' && built++ })
  await session.start()
  await session.idle()
  const heap = () => {
    gc()
    return process.memoryUsage().heapUsed / 2 ** 20
  }
  const samples: number[] = []
  const every = Math.floor(saves / 3)
  for (let i = 1; i <= saves; i++) {
    const before = built
    writeFileSync(file, text.replace('three-day visit', `visit number ${i}`))
    for (let k = 0; k < 200 && built === before; k++) await new Promise((r) => setTimeout(r, 10))
    await session.idle()
    if (i % every === 0) samples.push(heap())
  }
  await session.close()
  return { built, samples }
}
