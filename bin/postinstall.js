#!/usr/bin/env node
// npm postinstall: bundles the command line into dist/ (scripts/bundle.mjs), then finds or
// installs Chromium and, in a checkout, the test tools (see src/setup/ensure-tools.ts).
import { register } from 'tsx/esm/api'

try {
  await import('../scripts/bundle.mjs')
} catch (error) {
  // Without the bundle, bin/brief.js runs the sources: slower to start, the same results.
  console.log(`issi-briefs: could not bundle the command line (${error.message}); it will run from the sources`)
}

register()
try {
  const { ensureTools } = await import('../src/setup/ensure-tools.ts')
  ensureTools()
} catch (error) {
  // The install itself must not fail because of the browser check.
  console.log(`issi-briefs: skipped the tools check (${error.message})`)
}
