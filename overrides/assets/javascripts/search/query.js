/*
 * Query normaliser, segmenter and expander for the site search (design/search.md).
 *
 * `normalize` is the same normalisation as scripts/sitesearch/normalize.py applies to the index (one
 * table of cases for both: tests/search_normalize.yml): full width to half width (NFKC), lower case,
 * GPT-3 / GPT 3 / DALL·E / top-p / d_k joined into gpt3, dalle, topp, dk.
 *
 * The index was segmented by jieba with the site's domain dictionary, and its page entries carry the
 * inner words of compound terms; a query is segmented against that same vocabulary - the terms of the
 * index - so both sides cut 自注意力机制 the same way:
 *
 * - a Chinese run is cut by forward maximum matching on the index terms and the function words; a tail
 *   that starts an index term is kept whole (多模 is 多模态 being typed);
 * - function words and fillers (的, 什么是, 怎么办, 要多少, how, the ...) are dropped when other words
 *   remain; single characters left next to each other are one word (脏话 is not 话 of
 *   对话), a single character alone is dropped when other words remain, and so is a one-letter
 *   or one-digit fragment; such a word of 3+ characters is also looked up with one character changed
 *   (束搜素: a character picked wrong by the IME);
 * - before it is cut, a Chinese run is heard: a part of it that sounds like a domain term (toneless pinyin,
 *   from the index's `sounds`: scripts/sitesearch/sounds.py) and is not one is read as that term
 *   (大模型幻绝 -> 大模型幻觉, 模型蒸流 -> 模型蒸馏: the IME's wrong word); a two-character part must
 *   keep one of the term's characters (粤语 stays 粤语);
 * - in a query of several words, the words inside a Chinese compound term are also searched, weighing least
 *   (调用外部工具: 调用^1 外部^1 工具^1);
 * - an English stop word that ends a hyphenated compound is part of the term (decoder-only: only^1, an
 *   exact word, since Material leaves a term ending in ^n as it is);
 * - two English words written as one (kvcache) are searched as those two words, when the word is no index
 *   term, starts none, and some page's title, tags or asked_as have both;
 * - an English word becomes the common prefix of the word and its stem, without a final e
 *   (quantize -> quantiz, which also starts quantization; prune -> prun), plus the word itself when
 *   that prefix drops more than two letters (explainability -> explainability, explain); a word of
 *   5+ letters that starts no index term is also looked up with typos (edit distance 1, 2 from 8
 *   letters), the exact forms boosted so that they rank first; a British -isation word is also looked
 *   up as -ization (quantisation);
 * - search syntax (+ - * ~ ^ : quotes, brackets) is never passed on: the reader's text is only words;
 *   a query is cut to its first MAX_CHARS characters and MAX_TERMS terms.
 *
 * Material's search then looks each plain term up as a prefix (term*).
 */
(function (exports) {
  "use strict"

  var MAX_CHARS = 100
  var MAX_TERMS = 12
  var EXACT_BOOST = 10
  /* English past forms the stemmer cannot bring back to the word a page uses (forgot: forget, forgetting) */
  var IRREGULAR = ("forget:forgot,forgotten know:knew,known give:gave,given take:took,taken write:wrote,written " +
   "break:broke,broken choose:chose,chosen think:thought teach:taught bring:brought buy:bought catch:caught " +
   "fall:fell,fallen get:got,gotten go:went,gone grow:grew,grown draw:drew,drawn throw:threw,thrown " +
   "speak:spoke,spoken steal:stole,stolen freeze:froze,frozen hide:hid,hidden lose:lost mean:meant send:sent " +
   "spend:spent build:built feel:felt keep:kept find:found hold:held say:said see:saw,seen tell:told " +
   "understand:understood win:won begin:began,begun become:became come:came run:ran eat:ate,eaten " +
   "blow:blew,blown shake:shook,shaken feed:fed rise:rose,risen shrink:shrank,shrunk spin:spun " +
   "tear:tore,torn wear:wore,worn do:did,done make:made leave:left sell:sold stick:stuck forbid:forbade,forbidden"
  ).split(" ").reduce(function (forms, entry) {
    var pair = entry.split(":")
    pair[1].split(",").forEach(function (form) { forms[form] = pair[0] })
    return forms
  }, {})

  var DASH = "[-·\\u2010-\\u2015\\u2212\\u30fb]"
  var JOINER = "[-_·\\u2010-\\u2015\\u2212\\u30fb]"   // a dash, or the underscore of a subscript (d_k)
  var JOIN = new RegExp("(?<=[a-z0-9])" + JOINER + "(?=[0-9]|[a-z](?![a-z0-9]))|(?<![a-z0-9])([a-z])" + JOINER +
                        "(?=[a-z0-9])", "g")
  var NUMBER = /(?<=[a-z])\s+(?=[0-9]{1,2}(?:\.[0-9]+)?(?![0-9a-z]))/g
  var HAN = /^[\u3400-\u9fff]/
  var COMPOUND_END = new RegExp("[\\p{L}\\p{N}]" + DASH + "[\\p{L}]+$", "u")   // text up to the last word of x-y
  var COMPOUND_GOES_ON = new RegExp("^" + DASH + "[\\p{L}\\p{N}]", "u")
  var TOKEN = /[\u3400-\u9fff]+|[\p{L}\p{N}]+(?:\.\p{N}+)*/gu
  var ZH_FUNCTION_WORDS = [
    "的", "地", "得", "了", "吗", "呢", "吧", "啊", "呀", "么", "是", "和", "与", "及", "或", "在", "中", "对",
    "把", "被", "给", "让", "请", "就", "都", "也", "还", "很", "有", "要", "能", "会", "该", "时",
    "什么", "什么是", "是什么", "为什么", "为啥", "怎么", "怎么办", "怎样", "怎么样", "如何", "哪些", "有哪些",
    "哪个", "哪里", "多少", "要多少", "需要多少", "需要", "一下", "一些", "一个", "介绍", "介绍一下", "讲讲",
    "说说", "谈谈", "是否", "能否", "可以", "有没有", "应该", "还是", "或者", "以及", "如果", "的话", "时候",
    // spoken fillers: 咋整, 是啥, 老是 … carry no topic (and pages' asked_as lists have them as words)
    "咋", "啥", "咋办", "咋整", "咋样", "咋回事", "怎么回事", "是啥", "干啥", "干嘛", "有啥", "为啥会", "老是", "总是",
    "一直", "到底", "究竟", "到底是", "做法", "有哪些做法"]

  /* The one normalisation of search text (scripts/sitesearch/normalize.py) */
  function normalize(text) {
    return String(text).normalize("NFKC").toLowerCase()
      .replace(JOIN, function (_, letter) { return letter || "" })
      .replace(NUMBER, "")
  }

  /**
   * @param terms - the index's terms (lower case)
   * @param options.stem - English stemmer: word -> stem
   * @param options.isStopWord - English stop word test
   * @param options.weight - optional: how telling a term is, an integer >= 1 (see `weighted`)
   * @param options.together - optional: (a, b) -> whether a page's title, tags or asked_as have both words
   * @param options.sounds - optional: {terms: [domain terms], readings: {syllable: characters}, read_as: {term: reading}}
   */
  function Expander(terms, options) {
    this.words = new Set(ZH_FUNCTION_WORDS.filter(function (w) { return w.length > 1 }))
    this.starts = new Set()     // every proper prefix of a Chinese term
    this.latin = []             // the other terms, sorted: does a term start with this word?
    this.longest = 4
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i]
      if (!/^[\u3400-\u9fff]+$/.test(term)) { this.latin.push(term); continue }
      this.words.add(term)
      this.longest = Math.max(this.longest, term.length)
      for (var n = 2; n < term.length; n++) this.starts.add(term.slice(0, n))
    }
    this.latin.sort()
    this.stem = options.stem
    this.isStopWord = options.isStopWord
    this.functionWords = new Set(ZH_FUNCTION_WORDS)
    this.weight = options.weight      // optional: term -> integer boost >= 1 (ranking v3)
    this.together = options.together  // optional: (word, word) -> true if a page names both (split)
    if (options.sounds) this.learnSounds(options.sounds)
  }

  /* The terms by their sound: "huan jue" -> [幻觉] (a term's reading, if its characters' usual readings do
     not give it, comes with the index: 长度 chang du) */
  Expander.prototype.learnSounds = function (sounds) {
    var self = this
    this.readingOf = new Map()        // character -> its usual toneless syllable
    Object.keys(sounds.readings).forEach(function (syllable) {
      Array.from(sounds.readings[syllable]).forEach(function (char) { self.readingOf.set(char, syllable) })
    })
    this.domain = new Set(sounds.terms)
    this.heard = new Map()
    this.longestSound = 0
    sounds.terms.forEach(function (term) {
      var key = sounds.read_as[term] || self.sound(term)
      if (!self.heard.has(key)) self.heard.set(key, [])
      self.heard.get(key).push(term)
      self.longestSound = Math.max(self.longestSound, term.length)
    })
  }

  /* How a text is read: 幻绝 -> "huan jue"; "" if a character is not known */
  Expander.prototype.sound = function (text) {
    var syllables = []
    for (var i = 0; i < text.length; i++) {
      var syllable = this.readingOf.get(text[i])
      if (!syllable) return ""
      syllables.push(syllable)
    }
    return syllables.join(" ")
  }

  /* The term a part of a query sounds like, if it is not one: 幻绝 -> 幻觉. Of several, the one that keeps
     most of the part's characters; a two-character part must keep one */
  Expander.prototype.soundsLike = function (part) {
    var best = null, kept = part.length === 2 ? 0 : -1
    ;(this.heard.get(this.sound(part)) || []).forEach(function (term) {
      var same = 0
      for (var i = 0; i < term.length; i++) same += term[i] === part[i]
      if (same > kept) { best = term; kept = same }
    })
    return best
  }

  /* 大模型幻绝 -> 大模型幻觉: the longest parts first, a domain term as it is; a part starts and ends where
     the run's words do (防止别人: not 止别, heard as 识别) */
  Expander.prototype.hear = function (run) {
    if (!this.heard) return run
    var cuts = new Set([0]), at = 0, out = ""
    this.segment(run).forEach(function (word) { cuts.add(at += word.length) })
    for (var i = 0; i < run.length;) {
      var size = 1, heard = run[i]
      for (var n = Math.min(this.longestSound, run.length - i); n >= 2 && cuts.has(i); n--) {
        if (!cuts.has(i + n)) continue
        var part = run.slice(i, i + n)
        var term = this.domain.has(part) ? part : this.soundsLike(part)
        if (term) { size = n; heard = term; break }
      }
      out += heard
      i += size
    }
    return out
  }

  /* 自注意力机制的作用 -> [自注意力机制, 的, 作用] */
  /* (most: the longest a word may be; given, no tail is kept whole: the words inside a term) */
  Expander.prototype.segment = function (run, most) {
    var out = [], typed = !most
    most = most || run.length
    for (var i = 0; i < run.length;) {
      var size = 1
      for (var j = Math.min(run.length, i + this.longest, i + most); j > i + 1; j--)
        if (this.words.has(run.slice(i, j))) { size = j - i; break }
      if (typed && i + size < run.length && this.starts.has(run.slice(i)))
        size = run.length - i
      out.push(run.slice(i, i + size))
      i += size
    }
    return out
  }

  /* Words of a Chinese run: [脏, 话, 过滤] -> [脏话, 过滤]; function words marked to be dropped */
  Expander.prototype.chinese = function (run) {
    var self = this, out = [], single = ""
    function flush() { if (single) out.push({ term: single, alone: single.length === 1 }); single = "" }
    this.segment(this.hear(run)).forEach(function (word) {
      if (self.functionWords.has(word)) { flush(); out.push({ term: word, filler: true }) }
      else if (word.length === 1) single += word
      else { flush(); out.push({ term: word }) }
    })
    flush()
    return out
  }

  Expander.prototype.startsTerm = function (word) {
    var at = this.firstFrom(word)
    return at < this.latin.length && this.latin[at].slice(0, word.length) === word
  }

  Expander.prototype.firstFrom = function (word) {   // where word is, or would be, in the sorted terms
    var list = this.latin, lo = 0, hi = list.length
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < word) lo = mid + 1; else hi = mid }
    return lo
  }

  /* Two words written as one (kvcache, selfattention): the two words it is made of, if the title, tags or
     asked_as of some page have both (options.together); of several splits, the one whose shorter part is
     longest. None if the word is an index term or starts one (alphafold is no split: no page names alpha
     and fold together) */
  Expander.prototype.split = function (word) {
    if (!this.together || !/^[a-z]{4,30}$/.test(word) || this.startsTerm(word)) return null
    var best = null
    for (var i = 2; i <= word.length - 2; i++) {
      var head = word.slice(0, i), tail = word.slice(i)
      if ((!best || Math.min(i, tail.length) > Math.min(best[0].length, best[1].length)) &&
          !this.isStopWord(head) && !this.isStopWord(tail) && this.together(head, tail))
        best = [head, tail]
    }
    return best
  }

  /* quantize -> [quantiz]; prune -> [prun]; queries -> [quer]; explainability -> [explainability, explain];
     attentoin -> [attentoin*^10, attentoin~2] */
  Expander.prototype.english = function (word) {
    var british = word.replace(/isation(s?)$/, "ization$1")         // quantisation -> quantization
    if (british !== word) return [word].concat(this.english(british))
    if (IRREGULAR.hasOwnProperty(word)) return [word].concat(this.english(IRREGULAR[word]))   // forgot: forget
    var forms = [word]
    if (!/\d/.test(word)) {
      var stem = this.stem(word), n = 0
      while (n < word.length && word[n] === stem[n]) n++
      var prefix = word.slice(0, n).replace(/(.{3})e$/, "$1")      // prune -> prun: pruning, pruned
      if (/ies$/.test(word)) prefix = prefix.replace(/i$/, "")       // queries -> quer: query
      if (prefix.length >= 3 && prefix !== word)                      // cls stays cls: cl starts too many words
        forms = word.length - prefix.length <= 2 ? [prefix] : [word, prefix]
    }
    if (!/^[a-z]{5,20}$/.test(word) || this.startsTerm(word)) return forms
    return forms.map(function (form) { return form + "*^" + EXACT_BOOST })
      .concat([word + "~" + (word.length >= 8 ? 2 : 1)])
  }

  /* A Chinese word of 3+ characters that no index term is or starts (束搜素, 束搜索 with a wrong character
     picked by the IME) is also looked up with one character changed: 束搜素*^10 束搜素~1 */
  Expander.prototype.chineseForms = function (word) {
    if (word.length < 3 || this.words.has(word) || this.starts.has(word)) return [word]
    return [word + "*^" + EXACT_BOOST, word + "~1"]
  }

  /* The words of a query, each with the terms it is looked up by */
  Expander.prototype.parse = function (query) {
    var self = this, words = []
    var text = normalize(String(query).slice(0, MAX_CHARS)).replace(/[\u3400-\u9fff]+/g, " $& ")
    Array.from(text.matchAll(TOKEN), function (match) {
      var token = match[0], end = match.index + token.length
      if (HAN.test(token)) return words.push.apply(words, self.chinese(token))
      if (token.length < 2) return words.push({ term: token, alone: true })
      if (self.isStopWord(token) && COMPOUND_END.test(text.slice(0, end)) && !COMPOUND_GOES_ON.test(text.slice(end)))
        return words.push({ term: token, exact: true })        // decoder-only: "only" is part of the term
      var parts = self.split(token)
      if (parts) return parts.forEach(function (part) { words.push({ term: part, english: true }) })
      words.push({ term: token, filler: self.isStopWord(token), english: true })
    })
    return words
  }

  /* The terms Material's search receives for a query (at most MAX_TERMS) */
  Expander.prototype.terms = function (query) {
    var self = this, content = this.content(query), terms = [], inner = []
    content.forEach(function (w) {
      var forms = self.forms(w)
      terms.push.apply(terms, self.weight && content.length > 1 ? self.weighted(forms) : forms)
      if (!w.english && content.length > 1)
        inner.push.apply(inner, self.inner(w.term).map(function (part) { return part + "^1" }))
    })
    return Array.from(new Set(terms.concat(inner))).slice(0, MAX_TERMS)
  }

  /* The words inside a Chinese compound term of 4+ characters (调用外部工具: 调用, 外部, 工具). In a query of
     several words they are also searched, as exact words of the least weight (调用^1): a page that words
     the compound differently (调用外部 API) scores a little more, without counting as matching it (ranking
     v3's coverage reads the word's own forms) */
  Expander.prototype.inner = function (word) {
    if (word.length < 4 || !this.words.has(word)) return []
    var self = this
    return this.segment(word, word.length - 1).filter(function (part) {
      return part.length > 1 && !self.functionWords.has(part)
    })
  }

  /* The words of a query that are searched: fillers and lone characters dropped when others remain */
  Expander.prototype.content = function (query) {
    var words = this.parse(query)
    var content = words.filter(function (w) { return !w.filler && !w.alone })
    if (!content.length) content = words.filter(function (w) { return !w.filler && HAN.test(w.term) })
    if (!content.length) content = words.filter(function (w) { return w.term.length > 1 })
    return content
  }

  Expander.prototype.forms = function (w) {
    return w.exact ? [w.term + "^1"] : w.english ? this.english(w.term) : this.chineseForms(w.term)
  }

  /* Ranking v3: the searched words of a query, each as the terms its forms are looked up by, as Material
     names them in a result's `terms` (no * ~ ^): transformers 模型 -> [[transformers, transform], [模型]] */
  Expander.prototype.wordForms = function (query) {
    var self = this
    return this.content(query).map(function (w) {
      return Array.from(new Set(self.forms(w).map(function (form) { return form.replace(/[*~^].*$/, "") })))
    })
  }

  /* The searched words of a query as typed (normalised), each with the edit distance its typo forms allow
     (0: none): what box.js may name as found on no page (worker.js `missing`) */
  Expander.prototype.plainWords = function (query) {
    var self = this
    return this.content(query).map(function (w) {
      var typo = self.forms(w).map(function (form) { return /~(\d)/.exec(form) }).filter(Boolean)[0]
      return { word: w.term, typo: typo ? Number(typo[1]) : 0 }
    })
  }

  /* Ranking v3: in a query of several words, the forms of a word are boosted by how telling they are
     (`weight`, from the index: a word in the titles of few pages weighs more than 模型 or model): form*^w;
     a boosted exact form (term*^10) by that factor more; a fuzzy form (term~1) by the least weight of the
     word's other forms (tunning~1 as tun, attension~2 as attension, which no page has) */
  Expander.prototype.weighted = function (forms) {
    var self = this, least = Infinity
    var parts = forms.map(function (form) { return form.match(/^([^*^~]+)(\*\^\d+|~\d+)?$/) })
    parts.forEach(function (p) { if (p && !/^~/.test(p[2] || "")) least = Math.min(least, self.weight(p[1])) })
    return forms.map(function (form, i) {
      var p = parts[i], suffix = p && p[2] || ""
      if (!p) return form                                      // only^1: an exact word, as it is
      if (suffix[0] === "~") return least > 1 && least < Infinity ? form + "^" + least : form
      var weight = self.weight(p[1])
      if (suffix) return p[1] + "*^" + weight * Number(suffix.slice(2))
      return weight > 1 ? form + "*^" + weight : form
    })
  }

  /* The query Material's search receives: plain words only, so no reader's text is search syntax */
  Expander.prototype.expand = function (query) {
    return this.terms(query).join(" ")
  }

  exports.normalize = normalize
  exports.Expander = Expander
})(typeof module === "object" ? module.exports : (self.SiteSearch = {}))
