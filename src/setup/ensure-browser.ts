/**
 * Run by `npm install` (postinstall): makes sure a Chromium is there for PDF builds.
 * Puppeteer cannot download its own browser on machines without internet, so on Debian as root
 * we install the distribution's `chromium`; otherwise we say exactly what to run. Never fails
 * the install: HTML builds work without a browser.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { findChrome, installHint } from '../render/browser.ts'

export type SetupAction =
  | { kind: 'found'; path: string }
  | { kind: 'install'; command: string[] }
  | { kind: 'advise'; message: string }

export interface SetupFacts {
  chrome?: string
  isRoot: boolean
  hasApt: boolean
  skip: boolean
}

export function planBrowserSetup(facts: SetupFacts): SetupAction {
  if (facts.chrome) return { kind: 'found', path: facts.chrome }
  if (facts.isRoot && facts.hasApt && !facts.skip) return { kind: 'install', command: ['apt-get', 'install', '-y', '--no-install-recommends', 'chromium'] }
  return { kind: 'advise', message: `issi-briefs: no Chromium found; PDF builds need one. ${installHint}.` }
}

function currentFacts(): SetupFacts {
  let chrome: string | undefined
  try {
    chrome = findChrome().path
  } catch {
    chrome = undefined // a BRIEF_CHROME that points nowhere is reported at build time
  }
  return {
    chrome,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasApt: existsSync('/usr/bin/apt-get'),
    skip: Boolean(process.env.BRIEF_SKIP_BROWSER_INSTALL),
  }
}

export function ensureBrowser(): void {
  const action = planBrowserSetup(currentFacts())
  if (action.kind === 'found') {
    console.log(`issi-briefs: PDF builds will use ${action.path}`)
    return
  }
  if (action.kind === 'advise') {
    console.log(action.message)
    return
  }
  console.log(`issi-briefs: installing Debian's Chromium for PDF builds (${action.command.join(' ')})`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  let result = spawnSync(action.command[0]!, action.command.slice(1), { stdio: 'inherit', env })
  if (result.status !== 0) {
    // A fresh machine may not have package lists yet.
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    result = spawnSync(action.command[0]!, action.command.slice(1), { stdio: 'inherit', env })
  }
  const found = currentFacts().chrome
  console.log(found ? `issi-briefs: PDF builds will use ${found}` : `issi-briefs: could not install Chromium. ${installHint}.`)
}
