/*
 * Site search worker: Material for MkDocs' own search worker, with the page language's index and our
 * query expander (query.js) in front of it (design/search.md). overrides/partials/search-worker.html
 * starts it as
 *
 *     assets/javascripts/search/worker.js?index=<search/zh.json>&material=<Material's worker>#<page id>
 *
 * It lives next to Material's `workers/` folder, so Material's worker finds its `../lunr` scripts.
 */
var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3   // Material's SearchMessageType
var params = new URL(location.href).searchParams
var expander = null         // set once Material has built the index
var weight = null           // how telling a query word is (ranking v3), idem
var sounds = null           // the Chinese index's domain terms and character readings (IME homophones)
var queries = []            // each query passed on to Material's worker ({text, words}), until its result is back

/* The language's index, the bulk of the search data, is not loaded with every page, nor are Material's
   worker script and our expander (query.js): they are loaded, and the index
   built when the reader first focuses the search box (box.js says so on the page's channel, named by this
   worker's URL fragment), or at the first query if that comes first. Until then this worker answers setup
   itself (READY) and an empty query with no result; loading hands Material's worker the setup with the
   index, and a query that came meanwhile runs once the index is built (the latest, if the reader typed on). */
var setup = null            // the page's setup message, kept until the index is loaded
var state = "empty"         // "empty" -> "loading" -> "loaded"
var waiting = null          // the latest query that came while the index was being built
var warm = false            // the reader focused search before the page's setup arrived
var post = self.postMessage.bind(self)

function start() {
  state = "loading"
  importScripts("query.js", params.get("material"))  // our expander and Material's worker, first needed now
  expandWhenBuilt()
  var index = load(params.get("index"))   // the page script loads search_index.json: settings, no pages
  setup.config = index.config
  setup.docs = index.docs
  sounds = index.sounds || null
  dispatchEvent(new MessageEvent("message", { data: { type: SETUP, data: setup } }))
}

var channel = location.hash.length > 1 && typeof BroadcastChannel === "function"
  ? new BroadcastChannel("site-search-" + location.hash.slice(1)) : null
if (channel) channel.onmessage = function (ev) {
  if (ev.data !== "load" || state !== "empty") return
  if (setup) start(); else warm = true
}

/* Registered before Material's own listener, which then reads the changed message (or never sees it) */
addEventListener("message", function (ev) {
  var message = ev.data
  if (state === "loaded") {
    if (message.type === QUERY && expander) {
      queries.push({ text: message.data, words: expander.wordForms(message.data),
                     plain: expander.plainWords(message.data) })
      message.data = expander.expand(message.data)
    }
    return
  }
  if (message.type === SETUP && state === "empty") {
    ev.stopImmediatePropagation()
    setup = message.data
    post({ type: READY })
    if (warm) start()
  } else if (message.type === QUERY && state === "empty" && !String(message.data).trim()) {
    ev.stopImmediatePropagation()
    post({ type: RESULT, data: { items: [] } })
  } else if (message.type === QUERY) {
    ev.stopImmediatePropagation()
    waiting = message
    if (state === "empty") start()
  }
})

/* Material answers the setup with READY once the index is built: that releases the waiting query.
   A result in which nothing matches well is answered with none (box.js then says so honestly). */
self.postMessage = function (message) {
  if (message && message.type === READY && state === "loading") {
    state = "loaded"
    var query = waiting
    waiting = null
    return query && dispatchEvent(new MessageEvent("message", { data: query }))
  }
  if (message && message.type === RESULT) {
    var query = queries.shift() || { text: "", words: [], plain: [] }
    message = { type: RESULT, data: weak(message.data) ? { items: [] } : rerank(message.data, query.words) }
    if (channel) channel.postMessage({ query: query.text, missing: missing(message.data, query) })
  }
  post(message)
}

/* The words of a query that no listed page has (none of their forms among the items' `terms`, and for a word
   searched with typo forms, no term within its edit distance either), as the reader typed them: box.js names
   them above the results (not on any page: bitcoin). Nothing when nothing is listed */
function missing(result, query) {
  if (!result.items.length) return []
  var terms = {}
  result.items.forEach(function (group) { matchedTerms(group, terms) })
  var found = Object.keys(terms)
  return query.plain.filter(function (plain, i) {
    return !query.words[i].some(function (form) { return terms[form] }) &&
      !(plain.typo && found.some(function (term) { return near(plain.word, term, plain.typo) }))
  }).map(function (plain) { return plain.word })
}

/* The index terms a page's items (a result group) matched, added to `terms` ({term: true}) */
function matchedTerms(group, terms) {
  group.forEach(function (item) { for (var term in item.terms) if (item.terms[term]) terms[term] = true })
  return terms
}

/* Whether two words are within `most` edits (insert, delete, replace) of each other */
function near(a, b, most) {
  if (Math.abs(a.length - b.length) > most) return false
  var row = Array.from({ length: b.length + 1 }, function (_, j) { return j })
  for (var i = 1; i <= a.length; i++) {
    var next = [i], low = i
    for (var j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      low = Math.min(low, next[j])
    }
    if (low > most) return false
    row = next
  }
  return row[b.length] <= most
}

/* Matching well: the best page scores at least MIN_SCORE (design/search.md: a word of the query in its
   title, title synonyms or tags scores hundreds; words found only in the text of pages score a few), or a
   few pages match every word of the query: a word only one or two answers mention (a rare name) is an
   answer; a common word in forty pages, or one word of several, is not */
var MIN_SCORE = 20
var FEW_PAGES = 3
function weak(result) {
  var best = 0, complete = false
  result.items.forEach(function (group) {
    group.forEach(function (item) {
      best = Math.max(best, item.score)
      complete = complete || Object.keys(item.terms).every(function (term) { return item.terms[term] })
    })
  })
  return result.items.length > 0 && best < MIN_SCORE && (result.items.length > FEW_PAGES || !complete)
}

function load(url) {
  var request = new XMLHttpRequest()
  request.open("GET", url, false)           // a worker may wait: Material's setup waits for the index
  request.send()
  return JSON.parse(request.responseText)
}

/* Material builds one lunr index; its terms are the vocabulary the queries are segmented with */
function expandWhenBuilt() {
  var build = lunr.Builder.prototype.build
  lunr.Builder.prototype.build = function () {
    var index = build.call(this)
    expander = new SiteSearch.Expander(Object.keys(index.invertedIndex), {
      stem: function (word) { return lunr.stemmer(new lunr.Token(word)).toString() },
      isStopWord: function (word) { return !lunr.stopWordFilter(new lunr.Token(word)) },
      weight: weight = weigher(index.invertedIndex),
      together: together(index.invertedIndex),
      sounds: sounds
    })
    /* Material cuts Chinese queries again, greedily and into prefixes, asking `term in invertedIndex`;
       the expanded query is cut already, so that question is answered "no" (lookups are unaffected) */
    index.invertedIndex = new Proxy(index.invertedIndex, { has: function () { return false } })
    return index
  }
}

/* Ranking v3: how telling a query term is, from the pages that have a word it starts: `high`, those whose
   title, title synonyms, tags, tag synonyms or ways it is asked (asked_as) have one; `all`, those that have one anywhere (a section counts
   for its page). The weight falls with both, from WEIGHT_MAX for a word few pages have to 1 for one in half
   of the titles (模型, model) or in most pages (keep, 东西) */
var HIGH_FIELDS = ["title", "title_terms", "asked_as", "tags", "tag_terms"]
var WEIGHT_MAX = 8
function weigher(invertedIndex) {
  var terms = Object.keys(invertedIndex).sort(), cache = new Map(), pages = new Set()
  function page(ref) { return ref.split("#")[0] }
  terms.forEach(function (term) {
    for (var ref in invertedIndex[term].title || {}) pages.add(page(ref))    // every page has a title
  })
  return function (word) {
    if (cache.has(word)) return cache.get(word)
    var lo = 0, hi = terms.length, high = new Set(), all = new Set()
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < word) lo = mid + 1; else hi = mid }
    for (var i = lo; i < terms.length && terms[i].slice(0, word.length) === word; i++) {
      var posting = invertedIndex[terms[i]]
      for (var field in posting) if (field !== "_index")
        for (var ref in posting[field]) {
          all.add(page(ref))
          if (HIGH_FIELDS.indexOf(field) >= 0 && ref.indexOf("#") < 0) high.add(ref)
        }
    }
    var rarity = Math.min(Math.log2(pages.size / 2 / (high.size + 1)), Math.log2(pages.size / (all.size + 1)))
    var weight = Math.max(1, Math.min(WEIGHT_MAX, Math.round(rarity + 1)))
    cache.set(word, weight)
    return weight
  }
}

/* Whether some page has both words (exact terms) in its title, title synonyms, tags, tag synonyms or asked_as:
   kv and cache (a query's kvcache is those two words), not alpha and fold */
function together(invertedIndex) {
  function pages(term) {
    var out = new Set(), posting = invertedIndex[term]
    if (posting) HIGH_FIELDS.forEach(function (field) {
      for (var ref in posting[field] || {}) if (ref.indexOf("#") < 0) out.add(ref)
    })
    return out
  }
  return function (a, b) {
    var first = pages(a)
    if (!first.size) return false
    for (var ref of pages(b)) if (first.has(ref)) return true
    return false
  }
}

/* Ranking v3: a page that matches more of the query counts more. Its coverage is the weight of the query
   words it matches (a word matches when one of its forms is among Material's `terms` of the page's items)
   over that of the words some page matches (a typo's fuzzy form, or a word no page has, counts for none);
   each page's score is multiplied by coverage^COVERAGE. `words`: the expander's words of the query */
var COVERAGE = 2
function rerank(result, words) {
  if (words.length < 2) return result
  var matched = result.items.map(function (group) {
    var terms = matchedTerms(group, {})
    return words.map(function (forms) { return forms.some(function (form) { return terms[form] }) })
  })
  var weights = words.map(function (forms) { return weight(forms[forms.length - 1]) })
  var total = weights.reduce(function (sum, w, i) {
    return matched.some(function (page) { return page[i] }) ? sum + w : sum
  }, 0)
  if (!total) return result
  result.items = result.items.map(function (group, n) {
    var covered = weights.reduce(function (sum, w, i) { return matched[n][i] ? sum + w : sum }, 0)
    var factor = Math.pow(covered / total, COVERAGE)
    group.forEach(function (item) { item.score *= factor })
    return group
  }).sort(function (a, b) { return b[0].score - a[0].score })
  return result
}
