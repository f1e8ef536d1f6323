/**
 * Reading text files as UTF-8: the place of the first byte that is not, and what it is; and
 * control characters in a brief, read as what they most likely meant, with a warning.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeText, readBriefText, withoutControls } from '../src/brief/read.ts'

const read = (bytes: number[]) => decodeText(new Uint8Array(bytes), 'The brief')
const where = (bytes: number[]) => {
  const result = read(bytes)
  return 'problem' in result ? `${result.place!.line}:${result.place!.column}` : 'ok'
}

describe('decodeText', () => {
  it('points at the first wrong byte of forms the decoder refuses: over-long, surrogates, past U+10FFFF', () => {
    expect(where([0x41, 0x0a, 0xed, 0xa0, 0x80, 0x42, 0x0a])).toBe('2:1') // a UTF-16 surrogate
    expect(where([0x41, 0xe0, 0x80, 0x80, 0x0a])).toBe('1:2') // an over-long three-byte form
    expect(where([0x41, 0xc0, 0x80])).toBe('1:2') // an over-long two-byte form
    expect(where([0x41, 0xf4, 0x90, 0x80, 0x80, 0x0a])).toBe('1:2') // past U+10FFFF
    expect(where([0x41, 0xe2, 0x80, 0x99, 0x42])).toBe('ok') // ’ is fine
  })

  it('says when a file ends inside a character, and when a byte is Latin-1', () => {
    expect(read([0x41, 0x0a, 0x63, 0x61, 0x66, 0xc3])).toMatchObject({ problem: expect.stringMatching(/^The brief ends in the middle of a character \(byte 0xC3\)/), place: { line: 2, column: 4 } })
    expect(read([0x63, 0x61, 0x66, 0xe9, 0x0a])).toMatchObject({ problem: expect.stringMatching(/^The brief is not valid UTF-8 here \(byte 0xE9, as Latin-1 or Windows-1252/), place: { line: 1, column: 4 } })
  })

  it('drops a byte-order mark and reads CR and CRLF line ends as LF', () => {
    expect(read([0xef, 0xbb, 0xbf, 0x41, 0x0d, 0x0a, 0x42, 0x0d, 0x43])).toEqual({ text: 'A\nB\nC' })
  })
})

describe('control characters in a brief', () => {
  it('reads each as what Windows-1252 meant, or a space, one character for one, and warns at the first', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'brief-controls-'))
    const file = path.join(folder, 'brief.md')
    writeFileSync(file, '---\ntitle: T\n---\n\nIt was said\u0085 and done: Pakistan\u0092s \u0096 view\u000b\u007f\ufffe end.\n')
    const read = await readBriefText(file)
    expect(read).toMatchObject({ text: '---\ntitle: T\n---\n\nIt was said… and done: Pakistan’s – view    end.\n' })
    expect('warning' in read && read.warning).toMatchObject({
      place: { line: 5, column: 12 },
      ruleId: 'control-character',
      problem: 'The brief holds a control character here (U+0085) and 5 more after it, which no output can show, usually pasted from a document saved in another encoding; each is read as what Windows-1252 meant by it ("…", "’", "–") or as a space: retype the text there',
    })
  })

  it('leaves tabs, line ends and every printable character alone', () => {
    const text = 'a\tb\nc ’ “ü” ا ✓ 😀 \u00a0\u200b\n'
    expect(withoutControls(text)).toEqual({ text, count: 0, first: -1 })
  })

  it('gives no output a character XML forbids, whatever the mix (every C0 and C1 control, U+FFFE, U+FFFF)', () => {
    const all = Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join('') + '\ufffe\uffff'
    const { text } = withoutControls(all.replace('\0', ''))
    expect(text).not.toMatch(/[\u0001-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]/)
    expect(text.length).toBe(all.length - 1)
  })
})
