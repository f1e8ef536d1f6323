/**
 * What the one-pass paginator (one-pass.js) adds to `window`: declared apart from globals.d.ts,
 * which describes the Paged.js path.
 */
export {}

declare global {
  interface Window {
    /** Lays the page out in one pass and builds the pages (one-pass.js); returns what it did, for timings. */
    __briefOnePass: () => { pages: number; items: number; planMs: number; buildMs: number }
  }
}
