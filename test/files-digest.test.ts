/**
 * The digest of the toolkit's own files in every build record (src/core/incremental.ts,
 * `filesDigest`): kept for the process while no file's stamp changed, so it must still see
 * every change a stamp can show, including one that keeps the size and the modification time.
 */
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { filesDigest } from '../src/core/incremental.ts'

function folderOf(files: Record<string, string>): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'brief-digest-'))
  return Object.entries(files).map(([name, text]) => {
    writeFileSync(path.join(dir, name), text)
    return path.join(dir, name)
  })
}

describe('the digest of the toolkit files', () => {
  it('is the same for the same files asked twice, and another for the same contents at other paths', async () => {
    const files = folderOf({ 'a.css': 'p { color: red }', 'b.ts': 'export {}' })
    const first = await filesDigest(files)
    expect(await filesDigest(files)).toBe(first)
    // The same contents under a list of other paths digest differently: the paths count.
    const copies = folderOf({ 'a.css': 'p { color: red }', 'b.ts': 'export {}' })
    expect(await filesDigest(copies)).not.toBe(first)
  })

  it('changes when a file’s content changes, even with the same size and modification time', async () => {
    const files = folderOf({ 'style.css': 'p { color: red }', 'other.ts': 'export {}' })
    // A whole second, which utimes sets exactly (a stat's nanoseconds it cannot).
    const second = 1_700_000_000
    utimesSync(files[0]!, second, second)
    const before = await filesDigest(files)
    writeFileSync(files[0]!, 'p { color: tan }')
    utimesSync(files[0]!, second, second)
    expect(statSync(files[0]!, { bigint: true }).mtimeNs).toBe(BigInt(second) * 1_000_000_000n)
    expect(statSync(files[0]!).size).toBe('p { color: red }'.length)
    expect(await filesDigest(files)).not.toBe(before)
    // And back: the first content gives the first digest again.
    writeFileSync(files[0]!, 'p { color: red }')
    expect(await filesDigest(files)).toBe(before)
  })

  it('stays the same for a file written again with the same bytes', async () => {
    const files = folderOf({ 'style.css': 'p { color: red }' })
    const before = await filesDigest(files)
    writeFileSync(files[0]!, 'p { color: red }')
    utimesSync(files[0]!, new Date(), new Date(Date.now() + 5000))
    expect(await filesDigest(files)).toBe(before)
  })

  it('counts a missing file as missing, and its return as a change', async () => {
    const files = folderOf({ 'a.css': 'a', 'b.css': 'b' })
    const both = await filesDigest(files)
    rmSync(files[1]!)
    const without = await filesDigest(files)
    expect(without).not.toBe(both)
    writeFileSync(files[1]!, 'b')
    expect(await filesDigest(files)).toBe(both)
  })
})
