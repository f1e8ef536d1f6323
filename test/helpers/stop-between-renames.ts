/**
 * Run as a script by test/stress/killed-between-renames.test.ts (`node --import tsx`): a build, as
 * `brief build` makes it, that stops for good just before renaming the output whose name ends
 * with `stopAt` into place, the outputs before it already replaced, and says so by writing
 * `marker`, for the test to kill it then. node:fs/promises' rename is wrapped before the
 * build's code is loaded, so the stop is at that exact point, every time.
 *
 * Arguments: the build's options as JSON, `stopAt`, `marker`.
 */
import fsp from 'node:fs/promises'
import { writeFileSync } from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'

const [options, stopAt, marker] = [JSON.parse(process.argv[2]!) as object, process.argv[3]!, process.argv[4]!]
const rename = fsp.rename
fsp.rename = async (from, to) => {
  if (String(to).endsWith(stopAt)) {
    writeFileSync(marker, String(process.pid))
    // Waits to be killed (the interval keeps the process alive).
    await new Promise(() => setInterval(() => undefined, 1000))
  }
  return rename(from, to)
}
syncBuiltinESMExports()
const { build } = await import('../../src/core/build.ts')
await build(options)
