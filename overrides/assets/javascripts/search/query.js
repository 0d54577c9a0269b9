/*
 * Query segmenter and expander for the site search (design/search.md).
 *
 * The index was segmented by jieba with the site's domain dictionary, and its page entries carry the
 * inner words of compound terms; a query is segmented against that same vocabulary - the terms of the
 * index - so both sides cut 自注意力机制 the same way:
 *
 * - a Chinese run is cut by forward maximum matching on the index terms; a tail that starts an index
 *   term is kept whole (多模 is 多模态 being typed); a character matching nothing is kept as it is;
 * - an English word becomes the common prefix of the word and its stem, without a final e
 *   (quantize -> quantiz, which also starts quantization; prune -> prun), plus the word itself when
 *   that prefix drops more than two letters (explainability -> explainability, explain);
 * - function words (的, 什么是, how, the ...) are dropped when other words remain.
 *
 * Material's search then looks each term up as a prefix (term*).
 */
(function (exports) {
  "use strict"

  var HAN = /^[\u3400-\u9fff]/
  var WORD = /[\u3400-\u9fff]+|[^\u3400-\u9fff]+/g
  var ZH_FUNCTION_WORDS = ["的", "是", "什么", "什么是", "如何", "怎么", "怎样", "为什么", "哪些", "有哪些",
                           "吗", "呢", "了", "和", "与", "及", "请", "一下", "在", "中", "对"]

  /**
   * @param terms - the index's terms (lower case)
   * @param options.separator - Material's search separator (RegExp)
   * @param options.stem - English stemmer: word -> stem
   * @param options.isStopWord - English stop word test
   */
  function Expander(terms, options) {
    this.words = new Set()
    this.starts = new Set()     // every proper prefix of a Chinese term
    this.longest = 1
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i]
      if (!/^[\u3400-\u9fff]+$/.test(term)) continue
      this.words.add(term)
      this.longest = Math.max(this.longest, term.length)
      for (var n = 2; n < term.length; n++) this.starts.add(term.slice(0, n))
    }
    this.separator = new RegExp(options.separator.source, "g")
    this.stem = options.stem
    this.isStopWord = options.isStopWord
    this.functionWords = new Set(ZH_FUNCTION_WORDS)
  }

  /* 自注意力机制的作用 -> [自注意力机制, 的, 作用] */
  Expander.prototype.segment = function (run) {
    var out = []
    for (var i = 0; i < run.length;) {
      var size = 1
      for (var j = Math.min(run.length, i + this.longest); j > i + 1; j--)
        if (this.words.has(run.slice(i, j))) { size = j - i; break }
      if (i + size < run.length && this.starts.has(run.slice(i)))
        size = run.length - i
      out.push(run.slice(i, i + size))
      i += size
    }
    return out
  }

  /* quantize -> [quantiz]; prune -> [prun]; queries -> [quer]; explainability -> [explainability, explain] */
  Expander.prototype.english = function (word) {
    var stem = this.stem(word), n = 0
    while (n < word.length && word[n] === stem[n]) n++
    var prefix = word.slice(0, n).replace(/(.{3})e$/, "$1")      // prune -> prun: pruning, pruned
    if (/ies$/.test(word)) prefix = prefix.replace(/i$/, "")       // queries -> quer: query
    if (prefix.length < 2 || prefix === word) return [word]
    return word.length - prefix.length <= 2 ? [prefix] : [word, prefix]
  }

  Expander.prototype.terms = function (query) {
    var self = this, terms = []
    query.toLowerCase().split(this.separator).forEach(function (part) {
      (part.match(WORD) || []).forEach(function (word) {
        terms.push.apply(terms, HAN.test(word) ? self.segment(word) : self.english(word))
      })
    })
    var content = terms.filter(function (t) { return !self.functionWords.has(t) && !self.isStopWord(t) })
    return content.length ? content : terms
  }

  /* The query Material's search receives. Queries using search syntax (+term, -term, field:, ~, ^,
     *, "quotes") are passed on as they are. */
  Expander.prototype.expand = function (query) {
    if (/(^|\s)[+-]|[:~^*"]/.test(query)) return query
    var terms = this.terms(query)
    return terms.length ? Array.from(new Set(terms)).join(" ") : query
  }

  exports.Expander = Expander
})(typeof module === "object" ? module.exports : (self.SiteSearch = {}))
