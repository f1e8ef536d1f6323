/**
 * `npm run bench:watch-memory`: one `brief watch` session, 200 saves of the example brief,
 * each waited for until the web page and the print are rebuilt; the memory (PSS) of the whole
 * process tree and of Node alone after saves 10, 50, 100, 150 and 200.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { exampleProject, seed } from '../test/helpers/cli.ts'
import { startWatch } from '../test/helpers/watch.ts'
import { treeRss } from './measure.ts'

/** The PSS of one process, in KiB. */
const ownPss = (pid: number) => Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0)

const saves = Number(process.env.SAVES ?? 200)
const dir = exampleProject('brief-watch-memory-')
const file = path.join(dir, 'briefs', seed, 'brief.md')
const original = readFileSync(file, 'utf8')
const { child, base } = await startWatch(dir)
type State = Record<string, { version: number; building: boolean }>
const state = async () => (await (await fetch(`${base}__brief/state`)).json()) as State
const settled = async (print: number) => {
  for (;;) {
    const s = await state()
    if (!s.web!.building && !s.print!.building && s.print!.version > print) return s
    await new Promise((r) => setTimeout(r, 20))
  }
}
let current = await settled(0)
const rows: string[] = []
for (let i = 1; i <= saves; i++) {
  writeFileSync(file, original.replace('three-day visit', `visit number ${i}`))
  current = await settled(current.print!.version)
  if ([10, 50, 100, 150, 200].includes(i)) {
    const mib = treeRss(child.pid!) / 1024
    const own = ownPss(child.pid!) / 1024
    rows.push(`| after ${i} saves | ${Math.round(mib)} MiB | ${Math.round(own)} MiB | ${Math.round(mib - own)} MiB |`)
    process.stderr.write(`${i}: ${Math.round(mib)} MiB (Node ${Math.round(own)} MiB)\n`)
  }
}
child.kill('SIGINT')
console.log(['| `brief watch`, one session | whole tree (PSS) | Node | Chromium |', '| --- | --- | --- | --- |', ...rows].join('\n'))
