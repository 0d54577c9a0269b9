/*
 * The search box's page side (design/search.md), loaded deferred by partials/search-box.html:
 *
 * - when the reader first focuses the search box, it tells this page's worker (worker.js) to load and
 *   build the language's index, so the first query does not wait for it;
 * - when nothing matches well (worker.js answers weak results with none, and Material writes "no
 *   result"), it says so in the page's language - 题库中还没有关于「…」的题目 / No question covers "…"
 *   yet - with the glossary entry the query names, if any, and a link to propose the question (the
 *   repository's new-question issue form);
 * - when pages are listed but a word of the query is on none of them (worker.js says which, on the page's
 *   channel), it names the word above the results, with the same link to propose the question:
 *   没有页面提到：比特币 · 提议新增这道题 / Not on any page: bitcoin · Propose this question.
 * The query is only ever written as text.
 *
 * Settings: `siteSearch` in the page's __config (partials/search-worker.html). Needs query.js (normalize).
 */
(function () {
  "use strict"

  var config = JSON.parse(document.getElementById("__config").textContent)
  var site = config.siteSearch
  var input = document.querySelector("input.md-search__input")
  var meta = document.querySelector(".md-search-result__meta")
  if (!site || !input || !meta || !self.SiteSearch) return

  var TEXT = /^zh/.test(document.documentElement.lang)
    ? { none: ["题库中还没有关于「", "」的题目"], glossary: "术语表：", propose: "提议新增这道题",
        missing: "没有页面提到：", and: "、" }
    : { none: ["No question covers \u201c", "\u201d yet"], glossary: "Glossary: ", propose: "Propose this question",
        missing: "Not on any page: ", and: ", " }
  var MAX_SHOWN = 60          // characters of the query repeated in the message
  var PROPOSE = site.repo &&  // the repository's new-question issue form
    { href: site.repo.replace(/\/$/, "") + "/issues/new?template=" + site.form, text: TEXT.propose }

  var channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(site.channel) : null
  var warmed = false
  input.addEventListener("focus", function () {
    if (warmed || !channel) return
    warmed = true
    channel.postMessage("load")
  })

  var absent = { query: "", words: [] }  // the words of the latest answered query that no listed page has
  var note = document.createElement("p")
  note.className = "md-search-result__missing"
  note.hidden = true
  meta.after(note)
  function mark() {
    note.hidden = !absent.words.length || absent.query.trim() !== input.value.trim()
    var said = note.hidden ? [] : [TEXT.missing + absent.words.join(TEXT.and)]
    fill(note, said.length && PROPOSE ? said.concat([" \u00b7 ", PROPOSE]) : said)
  }
  if (channel) channel.onmessage = function (ev) {
    var data = ev.data || {}
    if (typeof data.query !== "string" || !Array.isArray(data.missing)) return
    absent = { query: data.query, words: data.missing.map(String) }
    mark()
  }

  var box = document.createElement("div")
  box.className = "md-search-result__none"
  box.hidden = true
  meta.after(box)

  var glossary = null         // [{zh, en, id, names}], fetched on the first empty result
  function entry(query) {
    var text = " " + SiteSearch.normalize(query) + " ", best = null
    ;(glossary || []).forEach(function (e) {
      e.names.forEach(function (name) {
        var found = /[\u3400-\u9fff]/.test(name) ? text.indexOf(name) >= 0 : text.indexOf(" " + name + " ") >= 0
        if (found && (!best || name.length > best.name.length)) best = { name: name, entry: e }
      })
    })
    return best && best.entry
  }

  /* `element` holding `parts`: strings as text, {href, text} as links */
  function fill(element, parts) {
    element.replaceChildren()
    parts.forEach(function (part) {
      if (typeof part === "string") return element.append(part)
      var a = document.createElement("a")
      a.href = part.href
      a.textContent = part.text
      element.append(a)
    })
    return element
  }

  function line(parts) {
    return fill(document.createElement("p"), parts)
  }

  function render(query) {
    var shown = query.length > MAX_SHOWN ? query.slice(0, MAX_SHOWN) + "\u2026" : query
    var lines = [line([TEXT.none[0] + shown + TEXT.none[1]])]
    var found = entry(query)
    if (found) {
      var zh = /^zh/.test(document.documentElement.lang)
      lines.push(line([TEXT.glossary, { href: site.glossaryPage + "#" + found.id,
                                         text: zh ? found.zh + " · " + found.en : found.en + " · " + found.zh }]))
    }
    if (PROPOSE) lines.push(line([PROPOSE]))
    box.replaceChildren.apply(box, lines)
  }

  function update() {
    mark()
    var query = input.value.trim()
    box.hidden = !(query.length > 1 && meta.textContent === config.translations["search.result.none"])
    if (box.hidden) return
    if (glossary) return render(query)
    glossary = []
    fetch(site.glossary).then(function (r) { return r.json() })
      .then(function (list) { glossary = list }, function () {})
      .then(function () { if (!box.hidden) render(input.value.trim()) })
    render(query)
  }
  new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true })
})()
