// Runs inside the print page, next to the paginator. Reads notes before pagination and where
// they landed after it; src/render/layout-check.ts judges the readings.
'use strict'
window.__briefProbe = {
  snapshotNotes() {
    const texts = {}
    const lines = {}
    for (const note of document.querySelectorAll('.footnote[data-fn]')) {
      texts[note.dataset.fn] = (note.textContent || '').replace(/\s+/g, '')
    }
    for (const call of document.querySelectorAll('sup.footnote-call[data-fn]')) {
      if (call.dataset.line) lines[call.dataset.fn] = Number(call.dataset.line)
    }
    return { texts, lines }
  },

  readLayout() {
    const pages = Array.from(document.querySelectorAll('.pagedjs_page'))
    const calls = {}
    const bodies = {}
    const unfloated = []
    pages.forEach((page, index) => {
      const number = index + 1
      for (const call of page.querySelectorAll('.pagedjs_page_content sup.footnote-call[data-fn]')) {
        ;(calls[call.dataset.fn] = calls[call.dataset.fn] || []).push(number)
      }
      for (const body of page.querySelectorAll('.pagedjs_footnote_area .footnote[data-fn]')) {
        ;(bodies[body.dataset.fn] = bodies[body.dataset.fn] || []).push({
          page: number,
          continued: body.hasAttribute('data-split-from'),
          text: (body.textContent || '').replace(/\s+/g, ''),
        })
      }
      for (const stray of page.querySelectorAll('.pagedjs_page_content .footnote[data-fn]')) {
        unfloated.push(stray.dataset.fn)
      }
    })
    const complete = Boolean(document.querySelector('.pagedjs_pages #brief-end'))
    return { pages: pages.length, calls, bodies, unfloated, complete }
  },
}
