import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { build } from '../src/core/build.ts'
import { stylePath } from '../src/citations/style-choice.ts'
import { extractBibliography, extractCitations, extractNotes } from '../test/helpers/extract.ts'
for (const dir of process.argv.slice(2)) {
  const file = path.resolve(dir, 'brief.md')
  const out = mkdtempSync(path.join(tmpdir(), 'cmp-'))
  const report = await build({ paths: [path.dirname(file)], out, formats: ['html'], cwd: process.cwd() })
  for (const m of report.briefs[0]!.messages) console.log('MSG', String(m))
  if (!report.ok) continue
  const ours = readFileSync(report.briefs[0]!.outputs[0]!, 'utf8')
  const csl = /^csl:\s*(.+)$/m.exec(readFileSync(file, 'utf8'))?.[1]?.trim() ?? 'issi'
  const theirs = execFileSync('pandoc', [path.basename(file), '--citeproc', '--csl', stylePath(csl, path.dirname(file)), '-t', 'html', '--wrap=none'], { cwd: path.dirname(file), encoding: 'utf8' })
  for (const [kind, f] of [['note', extractNotes], ['cite', extractCitations], ['bib', extractBibliography]] as const) {
    const a = f(ours), b = f(theirs)
    for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) console.log(`${path.basename(dir)} ${kind} ${i + 1}\n  ours:   ${a[i]}\n  pandoc: ${b[i]}`)
  }
}
