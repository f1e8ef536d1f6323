/**
 * `fn` run with the process in time zone `tz`, then the zone put back. Node reads `TZ` again
 * whenever it is assigned, so one process can try several zones; the offset check makes sure
 * it did, since a test in a zone that never took effect would prove nothing.
 */
import { expect } from 'vitest'

export function inTimeZone<T>(tz: string, fn: () => T): T {
  const saved = process.env.TZ
  process.env.TZ = tz
  try {
    const offset = new Date(Date.UTC(2025, 0, 15, 12)).toLocaleString('en-GB', { timeZone: tz, hour: '2-digit', hourCycle: 'h23' })
    expect(String(new Date(Date.UTC(2025, 0, 15, 12)).getHours()).padStart(2, '0'), `time zone ${tz} did not take effect`).toBe(offset)
    return fn()
  } finally {
    if (saved === undefined) delete process.env.TZ
    else process.env.TZ = saved
  }
}
