/**
 * `brief watch` over 200 saves: the heap after the 66th and after the 198th save differ by
 * no more than noise (a leak of one PDF or tree per save would add megabytes).
 */
import { describe, expect, it } from 'vitest'
import { heapOverRebuilds } from '../helpers/preview-memory.ts'

describe('stress: a long watch session', () => {
  it('keeps its heap flat over 200 rebuilds', async () => {
    const { built, samples } = await heapOverRebuilds(200)
    expect(built).toBeGreaterThanOrEqual(200)
    expect(samples[2]! - samples[0]!, samples.map((s) => s.toFixed(1)).join(' → ')).toBeLessThan(8)
  }, 300_000)
})
