/**
 * The torture brief for page-foot notes: 25+ pages, 150+ notes, among them very long notes,
 * several calls on one line, calls in list items, table cells and block quotes, long unbroken
 * URLs, and citation notes. Every author note carries tokens that survive text extraction:
 * `zcNNN` just before its call, `zsNNN` where its text starts and `zeNNN` where it ends, so a
 * test can find on which page each call and each note landed.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** Deterministic pseudo-random numbers, so the document is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const words = (
  'security trade border policy region dialogue stability cooperation framework transit ' +
  'agreement neighbours engagement economic counter-terrorism governance refugees corridor ' +
  'negotiation mechanism sovereignty partnership implementation infrastructure commitment ' +
  'development interdependence diplomatic bilateral multilateral consultation'
).split(' ')

export interface Torture {
  dir: string
  /** Numbers of the notes that carry zs/ze tokens. */
  tokenNotes: number[]
  noteCount: number
}

export function writeTortureBrief(dir: string, seed = 20250407): Torture {
  const next = random(seed)
  const sentence = (n: number) => {
    const out: string[] = []
    for (let i = 0; i < n; i++) out.push(words[Math.floor(next() * words.length)]!)
    const text = out.join(' ')
    return text.charAt(0).toUpperCase() + text.slice(1) + '.'
  }
  const paragraph = (sentences: number) => Array.from({ length: sentences }, () => sentence(8 + Math.floor(next() * 14))).join(' ')

  let note = 0
  const definitions: string[] = []
  const tokenNotes: number[] = []
  /** An author note with tokens; `size` is its length in sentences. */
  const authorNote = (size: number, url = false) => {
    note++
    const n = String(note).padStart(3, '0')
    tokenNotes.push(note)
    const link = url ? ` See https://archive.example.org/records/${'d'.repeat(40)}/${'x'.repeat(60)}/index.html?ref=ISSI&session=${'s'.repeat(50)} for the record.` : ''
    definitions.push(`[^n${n}]: zs${n} ${paragraph(size)}${link} ze${n}`)
    return `zc${n}[^n${n}]`
  }
  let citations = 0
  const citation = () => {
    note++
    citations++
    return `[@src${1 + (citations % 4)}, p. ${citations}]`
  }

  const blocks: string[] = []
  for (let section = 1; blocks.length < 110; section++) {
    blocks.push(`## Section ${section}: ${sentence(4).slice(0, -1)}`)
    for (let p = 0; p < 4; p++) {
      const kind = Math.floor(next() * 10)
      let text = paragraph(3 + Math.floor(next() * 5))
      if (kind < 4) text += ` ${sentence(6).slice(0, -1)} ${authorNote(1 + Math.floor(next() * 3))}.`
      else if (kind < 6) text += ` Several calls on one line ${authorNote(1)}, ${authorNote(1)} and ${authorNote(1)}.`
      else if (kind === 6) text += ` A very long note follows ${authorNote(18 + Math.floor(next() * 10))}.`
      else if (kind === 7) text += ` With a long address ${authorNote(1, true)}.`
      else text += ` As the record shows ${citation()}.`
      text += ` ${paragraph(2)} Ending the paragraph with a call ${authorNote(1)}.`
      blocks.push(text)
    }
    if (section % 3 === 0) blocks.push(`- A list item with a note ${authorNote(2)}.\n- Another item ${authorNote(1)} and a citation ${citation()}.\n- ${sentence(12)}`)
    if (section % 4 === 0) blocks.push(`| Measure | Remark |\n| --- | --- |\n| ${sentence(3)} | In a table cell ${authorNote(1)} |\n| ${sentence(4)} | Another cell ${authorNote(2)} |`)
    if (section % 5 === 0) blocks.push(`> ${paragraph(2)} Quoted with a note ${authorNote(2)}.`)
  }

  const references = [1, 2, 3, 4].map((i) => ({
    id: `src${i}`,
    type: 'article-newspaper',
    author: [{ family: `Author${i}`, given: 'Test' }],
    title: `Source number ${i} for the torture brief`,
    'container-title': 'Dawn',
    issued: { 'date-parts': [[2024, i, 10 + i]] },
    URL: `https://www.dawn.com/news/${'9'.repeat(8)}/${'long-path-segment-'.repeat(6)}${i}`,
  }))

  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'references.json'), JSON.stringify(references, null, 1))
  writeFileSync(
    path.join(dir, 'brief.md'),
    `---\ntitle: "Torture: page-foot notes"\nauthor: [Test Author]\ndate: 2025-04-07\nkeywords: [torture, notes]\nbibliography: references.json\n---\n\n${blocks.join('\n\n')}\n\n${definitions.join('\n\n')}\n`,
  )
  return { dir, tokenNotes, noteCount: note }
}
