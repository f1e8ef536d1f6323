#!/usr/bin/env node
// npm postinstall: finds or installs Chromium and, in a checkout, the test tools (see src/setup/ensure-tools.ts).
import { register } from 'tsx/esm/api'

register()
try {
  const { ensureTools } = await import('../src/setup/ensure-tools.ts')
  ensureTools()
} catch (error) {
  // The install itself must not fail because of the browser check.
  console.log(`issi-briefs: skipped the tools check (${error.message})`)
}
