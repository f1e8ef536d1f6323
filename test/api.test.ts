/** The public API (src/index.ts): exactly the documented names, so code outside the package can rely on them. */
import { describe, expect, it } from 'vitest'
import * as api from '../src/index.ts'

describe('public API', () => {
  it('exports exactly the documented names', () => {
    expect(Object.keys(api).sort()).toEqual(
      ['BriefError', 'BrowserError', 'CancelledError', 'ConfigError', 'UsageError', 'build', 'check', 'createBriefProcessor', 'findCitations', 'formatBibliography', 'loadConfig', 'newBrief'].sort(),
    )
  })
})
