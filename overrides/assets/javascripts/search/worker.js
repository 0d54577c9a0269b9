/*
 * Site search worker: Material for MkDocs' own search worker, with the page language's index and our
 * query expander (query.js) in front of it (design/search.md). overrides/partials/search-worker.html
 * starts it as
 *
 *     assets/javascripts/search/worker.js?index=<search/zh.json>&material=<Material's worker>
 *
 * It lives next to Material's `workers/` folder, so Material's worker finds its `../lunr` scripts.
 */
importScripts("query.js")

var SETUP = 0, QUERY = 2    // Material's SearchMessageType
var params = new URL(location.href).searchParams
var expander = null         // set once Material has built the index

/* Registered before Material's own listener, which then reads the changed message */
addEventListener("message", function (ev) {
  var message = ev.data
  if (message.type === SETUP) {
    var index = load(params.get("index"))   // the page script loads search_index.json: settings, no pages
    message.data.config = index.config
    message.data.docs = index.docs
  } else if (message.type === QUERY && expander) {
    message.data = expander.expand(message.data)
  }
})

importScripts(params.get("material"))

function load(url) {
  var request = new XMLHttpRequest()
  request.open("GET", url, false)           // a worker may wait: Material's setup waits for the index
  request.send()
  return JSON.parse(request.responseText)
}

/* Material builds one lunr index; its terms are the vocabulary the queries are segmented with */
var build = lunr.Builder.prototype.build
lunr.Builder.prototype.build = function () {
  var index = build.call(this)
  expander = new SiteSearch.Expander(Object.keys(index.invertedIndex), {
    separator: lunr.tokenizer.separator,
    stem: function (word) { return lunr.stemmer(new lunr.Token(word)).toString() },
    isStopWord: function (word) { return !lunr.stopWordFilter(new lunr.Token(word)) }
  })
  /* Material cuts Chinese queries again, greedily and into prefixes, asking `term in invertedIndex`;
     the expanded query is cut already, so that question is answered "no" (lookups are unaffected) */
  index.invertedIndex = new Proxy(index.invertedIndex, { has: function () { return false } })
  return index
}
