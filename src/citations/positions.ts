/**
 * Where each cited source stands: first, subsequent, ibid, ibid with a locator, and near-note,
 * evaluated in one pass over a document's citations in reading order.
 *
 * citeproc-js works these out anew for every earlier citation each time it is given the next
 * one, which makes a document's citations take time in the square of their number. The
 * rules are the same here, kept as citeproc-js (as patched in citeproc.ts) applies them (including its choices where the
 * CSL specification leaves room), so that it can be handed one citation at a time with the
 * positions already known; test/positions.property.test.ts holds the two passes to the same output.
 */

/** citeproc-js's position numbers. */
export const Position = { first: 0, subsequent: 1, ibid: 2, ibidWithLocator: 3, containerSubsequent: 4 } as const

/** A source as cited, after citeproc-js has split its locator from its label. */
export interface Cited {
  id: string
  locator?: string
  label?: string
}

export interface Placed {
  position: number
  nearNote: boolean
  /** The note that first cited the source, when that is another note; else 0. */
  firstNote: number
}

/** What the pass remembers for one kind of citation: those in the running text, or those in notes. */
class Memory {
  readonly firstNote = new Map<string, number>()
  readonly lastNote = new Map<string, number>()
  previous?: { note: number; items: Cited[] }
}

export class PositionPass {
  private readonly text = new Memory()
  private readonly notes = new Memory()
  /** The sources cited so far in each note (0: the running text): a note citing one source, however often, cites it alone. */
  private readonly citedInNote = new Map<number, Set<string>>()

  /** `nearNoteDistance`: the style's near-note-distance (5 unless it says otherwise). */
  constructor(private readonly nearNoteDistance: number) {}

  /** The note that first cited `id` among citations of the same kind (running text, or notes), if any has. */
  firstNoteOf(note: number, id: string): number | undefined {
    return (note ? this.notes : this.text).firstNote.get(id)
  }

  /** The positions of the next citation's sources, in the order the style has put them. */
  next(note: number, items: Cited[]): Placed[] {
    const memory = note ? this.notes : this.text
    const cited = this.citedInNote.get(note) ?? this.citedInNote.set(note, new Set()).get(note)!
    for (const item of items) cited.add(item.id)
    const previous = memory.previous
    const placed = items.map((item, k): Placed => {
      if (!memory.lastNote.has(item.id)) {
        memory.firstNote.set(item.id, note)
        memory.lastNote.set(item.id, note)
        return { position: Position.first, nearNote: false, firstNote: 0 }
      }
      let position = this.repeated(note, items, k, previous)
      if (position === Position.subsequent && !memory.firstNote.has(item.id)) {
        memory.firstNote.set(item.id, note)
        position = Position.containerSubsequent
      }
      const first = memory.firstNote.get(item.id)!
      const firstNote = first !== note ? first : 0
      let nearNote = true
      if (note) {
        nearNote = note - memory.lastNote.get(item.id)! <= this.nearNoteDistance
        memory.lastNote.set(item.id, note)
      }
      return { position, nearNote, firstNote }
    })
    memory.previous = { note, items }
    return placed
  }

  /** Ibid, ibid with a locator, or subsequent, for a source cited before. */
  private repeated(note: number, items: Cited[], k: number, previous: Memory['previous']): number {
    const item = items[k]!
    // What the source repeats, if anything: the same source just before it in this citation,
    // or the citation before it (in another note: its first source, alone in its note, in
    // this note or the one before; in the same note: its last source).
    let before: Cited | undefined
    if (k === 0 && previous && previous.note !== note) {
      const alone = this.citedInNote.get(previous.note)?.size === 1 || previous.note === 0
      if (previous.items[0]!.id === item.id && previous.note >= note - 1 && alone) before = previous.items[0]
    } else if (k > 0 && items[k - 1]!.id === item.id) {
      before = items[k - 1]
    } else if (k === 0 && previous && previous.note === note && previous.items.at(-1)?.id === item.id) {
      // citeproc-js then compares the locator with the citation's first source, not its last.
      before = previous.items[0]
    }
    if (!before) return Position.subsequent
    const was = locatorOf(before)
    const now = locatorOf(item)
    if (!was) return now ? Position.ibidWithLocator : Position.ibid
    if (!now) return Position.subsequent
    return now === was ? Position.ibid : Position.ibidWithLocator
  }
}

/** A locator with its label, as citeproc-js compares them: "12page" and "12" differ. */
function locatorOf(item: Cited): string | undefined {
  return item.locator ? `${item.locator}${item.label ?? ''}` : undefined
}
