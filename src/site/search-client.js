/**
 * The search page's script (assets/search.js): reads `?q=` from the address, searches the
 * index search-index.js put in `self.briefSearch` (with MiniSearch from minisearch.js), and
 * lists the briefs found, saying in which fields each matched and showing the words around
 * the match in its text. Written with textContent only: nothing from the index becomes markup.
 */
;(function () {
  'use strict'
  var status = document.getElementById('search-status')
  var list = document.getElementById('results')
  var input = document.getElementById('q')
  var data = self.briefSearch
  if (!status || !list || !input || !data || !self.MiniSearch) return
  var labels = { title: 'title', subtitle: 'subtitle', authors: 'authors', keywords: 'keywords', abstract: 'abstract', text: 'text' }
  var search = self.MiniSearch.loadJS(data.index, { fields: data.fields, idField: 'id' })
  var query = new URLSearchParams(location.search).get('q') || ''
  input.value = query
  if (!query.trim()) {
    status.textContent = 'Type a word or a name and press Search: titles, authors, keywords, abstracts and the text of every brief are searched.'
    return
  }
  var texts = data.docs.map(function (doc) { return doc.x.toLowerCase() })
  var escape = function (term) { return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') }
  var terms = query.toLowerCase().split(/\s+/).filter(Boolean)

  /** Briefs holding every word of the query (as a word or the start of one) in a field or the text. */
  function find(fuzzy) {
    var found = null
    terms.forEach(function (term) {
      var hits = {}
      search.search(term, { boost: data.boost, prefix: true, fuzzy: fuzzy }).forEach(function (r) {
        hits[r.id] = { score: r.score, fields: Object.keys(r.match).reduce(function (all, t) { return all.concat(r.match[t]) }, []), terms: r.terms }
      })
      var word = new RegExp('(^|[^\\p{L}\\p{N}])' + escape(term), 'u')
      texts.forEach(function (text, id) {
        if (!word.test(text)) return
        var hit = hits[id] || (hits[id] = { score: 0, fields: [], terms: [] })
        hit.score += 1
        hit.fields.push('text')
        hit.terms.push(term)
      })
      if (found === null) found = hits
      else {
        Object.keys(found).forEach(function (id) {
          if (!hits[id]) delete found[id]
          else {
            found[id].score += hits[id].score
            found[id].fields = found[id].fields.concat(hits[id].fields)
            found[id].terms = found[id].terms.concat(hits[id].terms)
          }
        })
      }
    })
    return Object.keys(found || {}).map(function (id) { return { id: Number(id), score: found[id].score, fields: found[id].fields, terms: found[id].terms } }).sort(function (a, b) { return b.score - a.score })
  }

  // Every word as written (or as the start of a word) first; only when that finds nothing,
  // words of the fields spelt nearly so.
  var results = find(false)
  if (!results.length) results = find(0.2)
  status.textContent = results.length ? results.length + (results.length === 1 ? ' brief' : ' briefs') + ' found for “' + query + '”.' : 'No brief found for “' + query + '”.'

  /** The words around the first place one of `terms` occurs in `text`, the term marked. */
  function excerpt(text, terms) {
    var lower = text.toLowerCase()
    var at = -1
    var found = ''
    for (var i = 0; i < terms.length; i++) {
      var re = new RegExp('(^|[^\\p{L}\\p{N}])' + terms[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'u')
      var m = re.exec(lower)
      if (m && (at < 0 || m.index < at)) {
        at = m.index + m[1].length
        found = terms[i]
      }
    }
    if (at < 0) return null
    var start = Math.max(0, text.lastIndexOf(' ', Math.max(0, at - 80)))
    var end = text.indexOf(' ', Math.min(text.length, at + found.length + 100))
    if (end < 0) end = text.length
    var p = document.createElement('p')
    p.className = 'result-excerpt'
    p.appendChild(document.createTextNode((start > 0 ? '… ' : '') + text.slice(start, at).trimStart()))
    var mark = document.createElement('mark')
    mark.textContent = text.slice(at, at + found.length)
    p.appendChild(mark)
    p.appendChild(document.createTextNode(text.slice(at + found.length, end) + (end < text.length ? ' …' : '')))
    return p
  }

  results.slice(0, 50).forEach(function (result) {
    var doc = data.docs[result.id]
    var item = document.createElement('li')
    item.className = 'result'
    var heading = document.createElement('h2')
    var link = document.createElement('a')
    link.href = doc.u
    link.textContent = doc.t
    heading.appendChild(link)
    item.appendChild(heading)
    var meta = document.createElement('p')
    meta.className = 'listing-meta'
    meta.textContent = [doc.a && 'By ' + doc.a, doc.d].filter(Boolean).join(' · ')
    item.appendChild(meta)
    var fields = {}
    result.fields.forEach(function (f) {
      fields[f] = true
    })
    var where = document.createElement('p')
    where.className = 'result-where'
    item.appendChild(where)
    var order = ['title', 'subtitle', 'authors', 'keywords', 'abstract', 'text'].filter(function (f) { return fields[f] })
    where.textContent = 'Matched in: ' + order.map(function (f) { return labels[f] }).join(', ')
    var shown = fields.text ? excerpt(doc.x, result.terms) : fields.abstract && doc.b ? excerpt(doc.b, result.terms) : null
    if (shown) item.appendChild(shown)
    list.appendChild(item)
  })
  if (results.length > 50) {
    var more = document.createElement('p')
    more.textContent = 'The first 50 are shown; add a word to narrow the search.'
    list.after(more)
  }
})()
