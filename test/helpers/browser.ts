/**
 * One Chromium for every PDF build of a Vitest worker, passed to `build({ browser })`, instead
 * of one launched per build (half a second of a core each, and the test files build dozens).
 * It starts at the first build that asks for it; the files of a worker share it, since they
 * share its modules (`isolate: false` in vitest.config.ts). It is never closed: Chromium talks
 * to us over a pipe and exits with the worker, and the next launch removes its profile folder.
 *
 * Only for tests about what a build prints: those about the browser's own start, end, crash or
 * processes (safety, browser, deadline and limit tests) launch their own, as a user's run does.
 */
import { BrowserSession } from '../../src/render/print/browser.ts'

let shared: Promise<BrowserSession> | undefined

/** This worker's browser, started on first use (a launch that failed is tried again next time). */
export function sharedBrowser(): Promise<BrowserSession> {
  const launching = (shared ??= BrowserSession.launch())
  launching.catch(() => {
    if (shared === launching) shared = undefined
  })
  return launching
}
