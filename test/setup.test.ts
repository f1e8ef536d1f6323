/** What `npm install` sets up: finding the browser, and the system packages it would install or only name. */
import { describe, expect, it } from 'vitest'
import { findChrome } from '../src/render/print/browser.ts'
import { planSetup } from '../src/setup/ensure-tools.ts'

const facts = { chrome: '/usr/bin/chromium', missingTestTools: [] as string[], isRoot: true, hasApt: true, skip: false }

describe('setup on npm install', () => {
  it('does nothing when everything is there', () => {
    expect(planSetup(facts)).toEqual({ kind: 'ready' })
  })

  it("installs Debian's chromium and the missing test tools in one go when root", () => {
    expect(planSetup({ ...facts, chrome: undefined, missingTestTools: ['poppler-utils', 'pandoc'] })).toEqual({
      kind: 'install',
      command: ['apt-get', 'install', '-y', '--no-install-recommends', 'chromium', 'poppler-utils', 'pandoc'],
    })
  })

  it('prints exactly what to run when it cannot install', () => {
    const plan = planSetup({ ...facts, chrome: undefined, isRoot: false })
    expect(plan).toEqual({ kind: 'advise', message: expect.stringContaining('sudo apt-get install -y chromium') })
    expect(planSetup({ ...facts, missingTestTools: ['qpdf'], skip: true })).toEqual({ kind: 'advise', message: expect.stringContaining('sudo apt-get install -y qpdf') })
  })

  it('finds the browser from BRIEF_CHROME first, then PUPPETEER_EXECUTABLE_PATH', () => {
    expect(findChrome({ BRIEF_CHROME: process.execPath, PUPPETEER_EXECUTABLE_PATH: '/nonexistent' }).path).toBe(process.execPath)
    expect(findChrome({ PUPPETEER_EXECUTABLE_PATH: process.execPath }).path).toBe(process.execPath)
    expect(() => findChrome({ BRIEF_CHROME: '/nonexistent/chrome' })).toThrow('BRIEF_CHROME points to /nonexistent/chrome')
  })
})
