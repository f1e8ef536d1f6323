/** The probe project of test/input-gate.test.ts: every input kind, and each made wrong one way. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { repo } from './cli.ts'
import { fixture } from './fixtures.ts'

export type Kind = 'brief' | 'sources' | 'style' | 'parent' | 'image' | 'logo' | 'config'
export type Condition = 'symlink out' | 'FIFO' | 'device' | 'folder' | 'unreadable' | 'oversize'

/** Each kind's file in the probe project, relative to its root. */
export const files: Record<Kind, string> = {
  brief: 'briefs/probe/brief.md',
  sources: 'briefs/probe/references.json',
  style: 'briefs/probe/house.csl',
  parent: 'briefs/probe/house-parent.csl',
  image: 'briefs/probe/map.png',
  logo: 'logo.png',
  config: 'brief.config.yaml',
}

/** A journal's dependent style naming `house-parent` as its parent, beside it. */
export const dependentJournalStyle = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-GB">
  <info>
    <title>Journal of Probes</title>
    <id>http://www.zotero.org/styles/journal-of-probes</id>
    <link href="http://www.zotero.org/styles/house-parent" rel="independent-parent"/>
  </info>
</style>
`

/**
 * A project holding every kind: the layout fixture's brief (sources, an image), a house style
 * (or, for `parent`, a journal's dependent style naming `house-parent.csl` beside it), a logo.
 */
export function probeProject(kind: Kind): { root: string; outside: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'brief-gate-'))
  const outside = mkdtempSync(path.join(tmpdir(), 'brief-gate-outside-'))
  const folder = path.join(root, 'briefs/probe')
  cpSync(fixture('layout-elements'), folder, { recursive: true })
  cpSync(path.join(repo, 'styles/issi.csl'), path.join(folder, 'house.csl'))
  cpSync(path.join(repo, 'styles/issi.csl'), path.join(folder, 'house-parent.csl'))
  writeFileSync(path.join(folder, 'journal.csl'), dependentJournalStyle)
  const csl = kind === 'parent' ? 'journal.csl' : 'house.csl'
  writeFileSync(path.join(folder, 'brief.md'), readFileSync(path.join(folder, 'brief.md'), 'utf8').replace(/^---\n/, `---\ncsl: ${csl}\n`))
  cpSync(path.join(folder, 'map.png'), path.join(root, 'logo.png'))
  writeFileSync(path.join(root, 'brief.config.yaml'), 'logo: logo.png\n')
  return { root, outside }
}

/** Makes the kind's file wrong in the way `condition` says; returns the link's target for `symlink out`. */
export function spoil(root: string, outside: string, kind: Kind, condition: Condition): string {
  const file = path.join(root, files[kind])
  const target = path.join(outside, path.basename(file))
  if (condition === 'symlink out') {
    cpSync(file, target)
    rmSync(file)
    symlinkSync(target, file)
  } else if (condition === 'FIFO') {
    rmSync(file)
    execFileSync('mkfifo', [file])
  } else if (condition === 'device') {
    // /dev/zero's own numbers: a device inside the folder (a link to /dev/zero is a link out).
    rmSync(file)
    execFileSync('mknod', [file, 'c', '1', '5'])
  } else if (condition === 'folder') {
    rmSync(file)
    mkdirSync(file)
  } else if (condition === 'oversize') {
    // Sparse: past every kind's limit without writing 120 MB.
    truncateSync(file, 120_000_000)
  }
  return target
}

