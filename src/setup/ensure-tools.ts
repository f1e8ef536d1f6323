/**
 * Run by `npm install` (postinstall): makes sure the programs the toolkit uses are there.
 * - Chromium, for PDF builds. Puppeteer cannot download its own browser on machines without
 *   internet, so we use the distribution's `chromium`.
 * - In a checkout of this repository (it has `test/`), the tools the tests read PDFs with
 *   (poppler-utils, qpdf), pandoc, the reference for citations, EPUBCheck, and the published
 *   CSL styles.
 * On Debian as root the missing packages are installed; otherwise we print exactly what to
 * run. Never fails the install: HTML builds need none of these.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { findChrome } from '../render/print/browser.ts'
import { toolkitPath } from '../toolkit.ts'

export interface SetupFacts {
  chrome?: string
  /** Debian packages the tests need that are missing (empty outside a checkout). */
  missingTestTools: string[]
  isRoot: boolean
  hasApt: boolean
  skip: boolean
}

export type SetupPlan =
  | { kind: 'ready' }
  | { kind: 'install'; command: string[] }
  | { kind: 'advise'; message: string }

export function planSetup(facts: SetupFacts): SetupPlan {
  const packages = [...(facts.chrome ? [] : ['chromium']), ...facts.missingTestTools]
  if (!packages.length) return { kind: 'ready' }
  if (facts.isRoot && facts.hasApt && !facts.skip) return { kind: 'install', command: ['apt-get', 'install', '-y', '--no-install-recommends', ...packages] }
  const why = facts.chrome ? 'the tests need them' : 'PDF builds need Chromium'
  return {
    kind: 'advise',
    message: `issi-briefs: missing ${packages.join(', ')} (${why}). Install with: sudo apt-get install -y ${packages.join(' ')}` + (facts.chrome ? '' : ', or set BRIEF_CHROME to a Chrome or Chromium executable'),
  }
}

/** Debian package → a program (or, for EPUBCheck, the jar the tests run) it provides. */
const testTools: Record<string, string> = {
  'poppler-utils': 'pdftotext',
  qpdf: 'qpdf',
  pandoc: 'pandoc',
  epubcheck: '/usr/share/java/epubcheck.jar',
  // Validates the site's Atom feed and sitemap against their schemas.
  'libxml2-utils': 'xmllint',
  // Published CSL styles (Chicago, APA, IEEE…) the citation tests run besides the house style.
  'citation-style-language-styles': '/usr/share/citation-style-language/styles/apa.csl',
  // Their languages beyond the five citation-js ships (en-GB, it-IT…), as pandoc has them.
  'citation-style-language-locales': '/usr/share/citation-style-language/locales/locales-en-GB.xml',
}

function onPath(program: string): boolean {
  if (program.startsWith('/')) return existsSync(program)
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(`${dir}/${program}`))
}

function currentFacts(): SetupFacts {
  let chrome: string | undefined
  try {
    chrome = findChrome().path
  } catch {
    chrome = undefined // a BRIEF_CHROME that points nowhere is reported at build time
  }
  const checkout = existsSync(toolkitPath('test'))
  return {
    chrome,
    missingTestTools: checkout ? Object.keys(testTools).filter((pkg) => !onPath(testTools[pkg]!)) : [],
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasApt: existsSync('/usr/bin/apt-get'),
    skip: Boolean(process.env.BRIEF_SKIP_SYSTEM_INSTALL),
  }
}

export function ensureTools(): void {
  const plan = planSetup(currentFacts())
  if (plan.kind === 'advise') console.log(plan.message)
  if (plan.kind === 'install') {
    console.log(`issi-briefs: installing ${plan.command.slice(4).join(', ')} (${plan.command.join(' ')})`)
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    let result = spawnSync(plan.command[0]!, plan.command.slice(1), { stdio: 'inherit', env })
    if (result.status !== 0) {
      // A fresh machine may not have package lists yet.
      spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
      result = spawnSync(plan.command[0]!, plan.command.slice(1), { stdio: 'inherit', env })
    }
    const after = planSetup(currentFacts())
    if (after.kind !== 'ready') console.log(after.kind === 'advise' ? after.message : 'issi-briefs: some packages could not be installed')
  }
  const chrome = currentFacts().chrome
  if (chrome) console.log(`issi-briefs: PDF builds will use ${chrome}`)
}
