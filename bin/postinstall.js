#!/usr/bin/env node
// npm postinstall: finds or installs Chromium for PDF builds (see src/setup/ensure-browser.ts).
import { register } from 'tsx/esm/api'

register()
try {
  const { ensureBrowser } = await import('../src/setup/ensure-browser.ts')
  ensureBrowser()
} catch (error) {
  // The install itself must not fail because of the browser check.
  console.log(`issi-briefs: skipped the browser check (${error.message})`)
}
