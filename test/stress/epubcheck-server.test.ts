/**
 * The tests' EPUBCheck runs every book in one JVM (test/helpers/epubcheck.ts); what it says must
 * be what EPUBCheck's own command says, word for word, for a book it accepts and for one it
 * refuses (an image the package lists but does not hold). In the long run: the two JVMs of
 * EPUBCheck's own command took 9 s of `npm test`, which uses the server for every book.
 */
import { describe, expect, inject, it } from 'vitest'
import { packageEpub } from '../../src/render/epub/epub-package.ts'
import { epubcheck, epubcheckAlone } from '../helpers/epub.ts'
import { canCheckEpubs, sampleBook, writeTemp } from '../helpers/epub-sample.ts'

const server = inject('epubcheck')

describe('the run’s one EPUBCheck JVM', () => {
  it.skipIf(!canCheckEpubs() || !('port' in server))(`says exactly what a JVM of its own says${'port' in server ? '' : ` (skipped: ${server.reason})`}`, async () => {
    const good = writeTemp(packageEpub(sampleBook()))
    const broken = writeTemp(packageEpub(sampleBook({ resources: sampleBook().resources.filter((r) => r.id !== 'dot') })))
    for (const file of [good, broken]) {
      const [shared, alone] = await Promise.all([epubcheck(file), epubcheckAlone(file)])
      expect(shared).toEqual(alone)
    }
    expect((await epubcheck(good)).errors).toBe(0)
    expect((await epubcheck(broken)).errors).toBeGreaterThan(0)
  })
})
