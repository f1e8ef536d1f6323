/**
 * `fn` run with the process in time zone `tz`, then the zone put back. Node reads `TZ` again
 * whenever it is assigned, so one process can try several zones; the offset check makes sure
 * it did, since a test in a zone that never took effect would prove nothing. For a function
 * that returns a promise, the zone stays until the promise settles.
 */
import { expect } from 'vitest'

export function inTimeZone<T>(tz: string, fn: () => T): T {
  const saved = process.env.TZ
  const restore = () => {
    if (saved === undefined) delete process.env.TZ
    else process.env.TZ = saved
  }
  process.env.TZ = tz
  let result: T
  try {
    const hour = new Date(Date.UTC(2025, 0, 15, 12)).toLocaleString('en-GB', { timeZone: tz, hour: '2-digit', hourCycle: 'h23' })
    expect(String(new Date(Date.UTC(2025, 0, 15, 12)).getHours()).padStart(2, '0'), `time zone ${tz} did not take effect`).toBe(hour)
    result = fn()
  } catch (error) {
    restore()
    throw error
  }
  // A promise keeps the zone until it settles (tests run one at a time in a worker).
  if (result instanceof Promise) return result.finally(restore) as T
  restore()
  return result
}
