/**
 * `fn` run with the process in time zone `tz`, then the zone put back. Node reads `TZ` again
 * whenever it is assigned, so one process can try several zones; the offset check makes sure
 * it did, since a test in a zone that never took effect would prove nothing. For a function
 * that returns a promise, the zone stays until the promise settles (`withEnv`).
 */
import { expect } from 'vitest'
import { withEnv } from './env.ts'

export function inTimeZone<T>(tz: string, fn: () => T): T {
  return withEnv({ TZ: tz }, () => {
    const hour = new Date(Date.UTC(2025, 0, 15, 12)).toLocaleString('en-GB', { timeZone: tz, hour: '2-digit', hourCycle: 'h23' })
    expect(String(new Date(Date.UTC(2025, 0, 15, 12)).getHours()).padStart(2, '0'), `time zone ${tz} did not take effect`).toBe(hour)
    return fn()
  })
}
