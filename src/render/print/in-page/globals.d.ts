/**
 * What the print page's scripts add to `window`. readings.js, soft-hyphens.js and one-pass.js
 * are classic scripts injected by src/render/print/pdf.ts, in that order, sharing the page's
 * one global scope (tsconfig.in-page.json checks them that way).
 */
import type { LayoutReading, NoteSnapshot } from './readings-types.ts'

declare global {
  interface Window {
    /** Readings of the page (readings.js): pure reads, plain data for layout-check.ts. */
    __briefProbe: BriefProbe
    /** Settles the soft hyphens once the pages are laid out (soft-hyphens.js). */
    __briefSettleSoftHyphens: () => number
    /** Lays the page out in one pass and builds the pages (one-pass.js); returns what it did, for timings. */
    __briefOnePass: () => { pages: number; items: number; planMs: number; buildMs: number }
  }

  interface BriefProbe {
    snapshotNotes(): NoteSnapshot
    readLayout(): LayoutReading
  }
}
