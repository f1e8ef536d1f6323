import { describe, expect, it } from 'vitest'
import { findChrome } from '../src/render/browser.ts'
import { planBrowserSetup } from '../src/setup/ensure-browser.ts'

describe('browser setup on install', () => {
  it('uses a browser that is already there', () => {
    expect(planBrowserSetup({ chrome: '/usr/bin/chromium', isRoot: true, hasApt: true, skip: false })).toEqual({ kind: 'found', path: '/usr/bin/chromium' })
  })

  it("installs Debian's chromium when root on a machine without one", () => {
    expect(planBrowserSetup({ isRoot: true, hasApt: true, skip: false })).toEqual({ kind: 'install', command: ['apt-get', 'install', '-y', '--no-install-recommends', 'chromium'] })
  })

  it('prints exactly what to run when it cannot install', () => {
    const action = planBrowserSetup({ isRoot: false, hasApt: true, skip: false })
    expect(action.kind).toBe('advise')
    expect(action.kind === 'advise' && action.message).toContain('sudo apt-get install -y chromium')
    expect(planBrowserSetup({ isRoot: true, hasApt: true, skip: true }).kind).toBe('advise')
  })

  it('finds the browser from BRIEF_CHROME first, then PUPPETEER_EXECUTABLE_PATH', () => {
    expect(findChrome({ BRIEF_CHROME: process.execPath, PUPPETEER_EXECUTABLE_PATH: '/nonexistent' }).path).toBe(process.execPath)
    expect(findChrome({ PUPPETEER_EXECUTABLE_PATH: process.execPath }).path).toBe(process.execPath)
    expect(() => findChrome({ BRIEF_CHROME: '/nonexistent/chrome' })).toThrow('BRIEF_CHROME points to /nonexistent/chrome')
  })
})
