// Study mode (issue 14), all in the reader's browser: no server, no account, no off-site request.
// Progress lives in localStorage under KEY: {mode: "study" | "read", marks: {<question id>: {m, r, v, t}}}
// (m: mastered, r: review later, v: the page version the mark was made on, t: time). Ids are the same
// in both languages, so both editions share the marks. Question data: assets/study/questions.json
// (scripts/qbank/study.py). Markup: overrides/partials/study-bar.html and study-app.html.
(() => {
  "use strict";
  const ROOT = new URL("../../", document.currentScript.src);
  const ZH = document.documentElement.lang !== "en";
  const KEY = "llm-interview-questions:study";
  const T = ZH ? {
    mastered: (x, n) => `已掌握 ${x} / ${n} 题`, updated: "本题在你标记之后更新过",
    updatedSince: (v) => `（你标记时的版本：${v || "未审校"}）`, seen: "知道了",
    none: "没有符合条件的题目。",
    count: (i, n) => `第 ${i} / ${n} 题`, know: "会", partly: "部分会", dont: "不会",
    summary: (k, p, d) => `会 ${k} 题，部分会 ${p} 题，不会 ${d} 题；“不会”的题目已加入稍后复习。`,
    exported: "已导出。", imported: (n) => `已导入 ${n} 条标记。`, badFile: "这个文件不是导出的进度文件，未导入。",
    cleared: "进度已清除。", confirmClear: "清除本浏览器中的全部学习进度？", noAnswer: "未能载入答案，请打开题目页查看。",
    badge: { m: "已掌握", r: "稍后复习", u: "已更新" },
    filter: { type: "类型", difficulty: "难度", all: "全部", fresh: "只看未掌握的", shown: (n, all) => `显示 ${n} / ${all} 题` },
    types: { concept: "概念", coding: "编程", "system-design": "系统设计", "open-ended": "开放讨论" },
    levels: ["基础", "进阶", "深入"],
  } : {
    mastered: (x, n) => `${x} / ${n} mastered`, updated: "This answer was updated since you marked it",
    updatedSince: (v) => ` (you marked version ${v || "unreviewed"})`, seen: "Got it",
    none: "No question matches.",
    count: (i, n) => `Question ${i} of ${n}`, know: "Know it", partly: "Partly", dont: "Don't know",
    summary: (k, p, d) => `Knew ${k}, partly ${p}, didn't know ${d}; the "don't know" ones are now in "review later".`,
    exported: "Exported.", imported: (n) => `Imported ${n} marks.`, badFile: "This is not an exported progress file; nothing imported.",
    cleared: "Progress cleared.", confirmClear: "Clear all study progress kept in this browser?",
    noAnswer: "Could not load the answer; open the question page.",
    badge: { m: "mastered", r: "review later", u: "updated" },
    filter: { type: "Type", difficulty: "Difficulty", all: "All", fresh: "Not mastered yet",
      shown: (n, all) => `${n} of ${all} shown` },
    types: { concept: "Concept", coding: "Coding", "system-design": "System design", "open-ended": "Open-ended" },
    levels: ["Basic", "Intermediate", "Advanced"],
  };

  const $ = (sel, el = document) => el.querySelector(sel);
  const $$ = (sel, el = document) => [...el.querySelectorAll(sel)];
  const ID = /^[a-z0-9][a-z0-9-]{0,150}$/;

  function clean(raw) {  // only what a mark may hold: anything else in storage or an imported file is dropped
    const out = { mode: raw && raw.mode === "read" ? "read" : "study", marks: {} };
    const marks = raw && typeof raw.marks === "object" && raw.marks ? raw.marks : {};
    for (const [id, m] of Object.entries(marks)) {
      if (ID.test(id) && m && typeof m === "object" && (m.m || m.r)) {
        out.marks[id] = { m: !!m.m, r: !!m.r, v: typeof m.v === "string" ? m.v.slice(0, 40) : "", t: +m.t || 0 };
      }
    }
    return out;
  }
  function load() {
    try { return clean(JSON.parse(localStorage.getItem(KEY) || "{}")); } catch (e) { return clean(null); }
  }
  let db = load();
  function save() {
    try { localStorage.setItem(KEY, JSON.stringify(db)); } catch (e) { /* storage full or disabled */ }
  }
  const mark = (id) => db.marks[id] || { m: false, r: false, v: "", t: 0 };
  function setMark(id, key, on, version) {
    const m = { ...mark(id), [key]: on, v: version, t: Date.now() };
    if (m.m || m.r) db.marks[id] = m; else delete db.marks[id];
    save();
  }
  const changed = (q) => { const m = db.marks[q.id]; return !!m && m.v !== q.version; };

  const repaints = [];  // what a page redraws when the marks change outside it
  let data;
  const questions = () => data || (data = fetch(new URL("assets/study/questions.json", ROOT))
    .then((r) => r.json()));
  const href = (q) => new URL((ZH ? "" : "en/") + q.path, ROOT).href;
  const title = (q) => (ZH ? q.zh : q.en) || q.zh;
  const topicName = (t) => (ZH ? t.zh : t.en);
  const show = (el, on = true) => { if (el) el.hidden = !on; };
  function say(el, text) { if (el) el.textContent = text; }
  function pick(list) { return list[Math.floor(Math.random() * list.length)]; }
  function shuffle(list) {
    const a = list.slice();
    for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(Math.random() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; }
    return a;
  }

  // ---- study / reading mode: every folded answer of the page follows the remembered switch
  function applyMode() {
    const study = db.mode !== "read";
    $$("details.study-answer").forEach((d) => { d.open = !study || d.contains(target()); });
    // one name, its state in aria-pressed: pressed = study mode, released = reading mode
    $$("button.study-mode").forEach((b) => b.setAttribute("aria-pressed", String(study)));
  }
  function target() {
    try { return location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null; } catch (e) { return null; }
  }
  function openTarget() {  // a link to #analysis opens the folded answer it lies in
    const el = target();
    const d = el && el.closest("details.study-answer");
    if (d) { d.open = true; el.scrollIntoView(); }
  }
  document.addEventListener("click", (e) => {
    const b = e.target.closest("button.study-mode");
    if (!b) return;
    db.mode = db.mode === "read" ? "study" : "read";
    save();
    applyMode();
  });
  window.addEventListener("hashchange", openTarget);
  let printed = [];
  window.addEventListener("beforeprint", () => {
    printed = $$("details:not([open])");
    printed.forEach((d) => { d.open = true; });
  });
  window.addEventListener("afterprint", () => { printed.forEach((d) => { d.open = false; }); printed = []; });

  // ---- a question page: mastered / review later, and "updated since you marked it"
  function questionPage(bar) {
    const id = bar.dataset.studyId;
    const version = bar.dataset.studyVersion || "";
    const note = $(".study-updated", bar);
    const render = () => {
      const m = mark(id);
      $$("button.study-mark", bar).forEach((b) => b.setAttribute("aria-pressed", String(!!m[b.dataset.mark])));
      const stale = !!db.marks[id] && m.v !== version;
      note.textContent = "";
      if (stale) {
        note.append(T.updated + T.updatedSince(m.v) + " ");
        const ok = document.createElement("button");
        ok.type = "button";
        ok.className = "md-button study-seen";
        ok.textContent = T.seen;
        ok.addEventListener("click", () => { db.marks[id].v = version; save(); render(); });
        note.append(ok);
      }
    };
    $$("button.study-mark", bar).forEach((b) => b.addEventListener("click", () => {
      setMark(id, b.dataset.mark, b.getAttribute("aria-pressed") !== "true", version);
      render();
    }));
    render();
    repaints.push(render);
  }

  // ---- topic and home pages: "x / n mastered", badges in the topic table, a random question, the filter.
  // A topic page reads its questions from its table (the link gives the id, the columns type and difficulty);
  // questions.json is fetched only when it is needed: marks to show on the home page, an "updated" badge,
  // a random question from the home page.
  function progress(list) {
    return T.mastered(list.filter((q) => mark(q.id).m).length, list.length);
  }
  function badges(q) {
    const m = mark(q.id);
    return ["m", "r"].filter((k) => m[k]).map((k) => T.badge[k]).concat(changed(q) ? [T.badge.u] : []);
  }
  function pathOf(a) {  // "topic/id/" of a link within the site, in either language
    const rel = new URL(a.getAttribute("href"), location.href).pathname.slice(ROOT.pathname.length);
    return rel.replace(/^en\//, "").replace(/index\.html$/, "");
  }
  const TYPE_OF = new Map([["概念", "concept"], ["编程", "coding"], ["系统设计", "system-design"],
    ["开放讨论", "open-ended"], ["Concept", "concept"], ["Coding", "coding"], ["System design", "system-design"],
    ["Open-ended", "open-ended"]]);
  function tableRows(topic) {  // [{id, type, difficulty, tr, a}] of the topic table (scripts/generate.py)
    const table = $("article table");
    if (!table) return [];
    const heads = $$("thead th", table).map((th) => th.textContent.trim());
    const col = (names) => heads.findIndex((h) => names.includes(h));
    const typeCol = col(["类型", "Type"]);
    const levelCol = col(["难度", "Difficulty"]);
    const rows = [];
    for (const tr of $$("tbody tr", table)) {
      const a = $("a[href]", tr);
      const path = a && pathOf(a);
      if (!path || !path.startsWith(topic + "/")) continue;
      const cells = $$("td", tr).map((td) => td.textContent.trim());
      const level = /\((\d)\)/.exec(cells[levelCol] || "");
      rows.push({ id: path.slice(topic.length + 1).replace(/\/$/, ""), topic, tr, a,
        type: TYPE_OF.get(cells[typeCol]) || "", difficulty: level ? +level[1] : 0 });
    }
    return rows;
  }
  function topicPage(bar, topic) {
    const rows = tableRows(topic);
    const paint = () => {
      say($(".study-progress", bar), progress(rows));
      $$(".study-badge", $("article table") || bar).forEach((s) => s.remove());
      if (rows.some((r) => db.marks[r.id])) {
        questions().then((all) => {
          const byId = new Map(all.questions.map((q) => [q.id, q]));
          for (const r of rows) {
            const tags = badges(byId.get(r.id) || { ...r, version: mark(r.id).v });
            if (!tags.length) continue;
            const s = document.createElement("span");
            s.className = "study-badge";
            s.textContent = tags.join(" · ");
            r.a.after(s);
          }
        }).catch(() => { /* no data: no badges */ });
      }
    };
    paint();
    repaints.push(paint);
    $(".study-random", bar).addEventListener("click", () => { if (rows.length) location.href = pick(rows).a.href; });
    $(".study-handout-button", bar).addEventListener("click", () => handout(rows.map((r) => ({
      href: r.a.href, title: r.a.textContent }))));
    tableFilter($(".study-filter", bar), rows);
  }
  function homePage(bar) {
    $(".study-random", bar).addEventListener("click", () => {
      questions().then((all) => { location.href = href(pick(all.questions)); }).catch(() => {});
    });
    const paint = () => {
      if (!Object.keys(db.marks).length) return;  // a first visit: nothing to count, nothing to fetch
      questions().then((all) => {
        say($(".study-progress", bar), progress(all.questions));
        for (const t of all.topics) {
          const list = all.questions.filter((q) => q.topic === t.id);
          const link = $$(".grid.cards a[href]").find((a) => pathOf(a) === t.id + "/");
          const where = link && link.closest("li");
          if (!where) continue;
          const s = $(".study-card-progress", where) || where.appendChild(document.createElement("p"));
          s.className = "study-card-progress";
          s.textContent = progress(list);
        }
      }).catch(() => { /* no data: the page stays as it is */ });
    };
    paint();
    repaints.push(paint);
  }

  function tableFilter(form, rows) {  // the topic table, filtered by type, difficulty and "not mastered yet"
    if (!form) return;
    const status = $("[role=status]", form);
    form.addEventListener("submit", (e) => e.preventDefault());
    form.addEventListener("change", () => {
      const f = { type: form.elements.type.value, difficulty: form.elements.difficulty.value,
        fresh: form.elements.fresh.checked };
      let shown = 0;
      for (const r of rows) { r.tr.hidden = !matches(r, f); shown += !r.tr.hidden; }
      status.textContent = T.filter.shown(shown, rows.length);
    });
  }

  // ---- a topic's handout: every question of the topic ({href, title}) with its answer open, one per printed page
  async function handout(list) {
    let box = $(".study-handout");
    if (!box) {
      box = document.createElement("div");
      box.className = "study-handout";
      $("article").append(box);
      const pages = await Promise.all(list.map((q) => fetch(q.href).then((r) => r.text()).catch(() => "")));
      pages.forEach((text, i) => {
        const doc = new DOMParser().parseFromString(text, "text/html");
        const body = $("article", doc);
        const section = document.createElement("section");
        section.className = "study-handout-question";
        if (!body) {
          const a = document.createElement("a");
          a.href = list[i].href;
          a.textContent = list[i].title;
          section.append(a);
          box.append(section);
          return;
        }
        $$(".study-bar, .md-content__button, .headerlink, .page-provenance, .admonition.warning, script", body)
          .forEach((el) => el.remove());
        $$("details", body).forEach((d) => { d.open = true; });
        $$("[id]", body).forEach((el) => el.removeAttribute("id"));
        section.append(...[...body.childNodes].map((n) => document.adoptNode(n)));
        box.append(section);
      });
    }
    document.body.classList.add("study-printing");
    window.print();
  }
  window.addEventListener("afterprint", () => document.body.classList.remove("study-printing"));

  // ---- the study page
  function link(q) {
    const a = document.createElement("a");
    a.href = href(q);
    a.textContent = title(q);
    return a;
  }
  function reviewList(all) {
    const ul = $(".study-review-list");
    ul.textContent = "";
    const list = all.questions.filter((q) => mark(q.id).r);
    for (const q of list) {
      const li = document.createElement("li");
      li.append(link(q));
      if (changed(q)) {
        const s = document.createElement("span");
        s.className = "study-badge";
        s.textContent = T.updated;
        li.append(" ", s);
      }
      ul.append(li);
    }
    show($(".study-review-empty"), !list.length);
    say($(".study-tools .study-progress"), progress(all.questions));
  }
  function matches(q, f) {
    return (!f.topic || f.topic.includes(q.topic)) && (!f.type || q.type === f.type)
      && (!f.difficulty || q.difficulty === +f.difficulty) && (!f.fresh || !mark(q.id).m);
  }
  function studyPage(all) {
    const random = $("#study-random");
    const select = random.elements.topic;
    const boxes = $(".study-topics");
    for (const t of all.topics) {
      select.append(new Option(topicName(t), t.id));
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = "topics";
      box.value = t.id;
      label.append(box, " " + topicName(t));
      boxes.append(label);
    }
    const f = random.elements;
    const kept = (history.state && history.state.random) || {};  // back from a drawn question: same filter
    for (const name of ["topic", "type", "difficulty"]) if (typeof kept[name] === "string") f[name].value = kept[name];
    if (typeof kept.fresh === "boolean") f.fresh.checked = kept.fresh;
    random.addEventListener("submit", (e) => {
      e.preventDefault();
      history.replaceState({ ...history.state, random: {
        topic: f.topic.value, type: f.type.value, difficulty: f.difficulty.value, fresh: f.fresh.checked } }, "");
      const list = all.questions.filter((q) => matches(q, {
        topic: f.topic.value && [f.topic.value], type: f.type.value, difficulty: f.difficulty.value, fresh: f.fresh.checked,
      }));
      if (list.length) location.href = href(pick(list)); else say($(".study-status", random), T.none);
    });
    mockInterview(all);
    dataTools(all);
    reviewList(all);
    show($(".study-tools"));
    show($(".study-nojs"), false);
  }

  function mockInterview(all) {
    const setup = $("#study-mock-setup");
    const stage = $(".study-mock");
    const summary = $(".study-summary");
    let run = [];
    let at = 0;
    setup.addEventListener("submit", (e) => {
      e.preventDefault();
      const topics = $$("input[name=topics]:checked", setup).map((b) => b.value);
      const pool = all.questions.filter((q) => matches(q, { topic: topics.length && topics }));
      const n = Math.max(1, Math.min(50, Math.floor(+setup.elements.count.value) || 5));
      // a simple schedule: "review later" first, then not yet mastered, then the rest; random within each
      const rank = (q) => (mark(q.id).r ? 0 : mark(q.id).m ? 2 : 1);
      run = shuffle(pool).sort((a, b) => rank(a) - rank(b)).slice(0, n).map((q) => ({ q, rate: "" }));
      if (!run.length) { say($(".study-status", setup), T.none); return; }
      at = 0;
      show(summary, false);
      show(setup, false);
      step();
    });
    function step() {
      const { q } = run[at];
      say($(".study-mock-count", stage), T.count(at + 1, run.length));
      const h = $(".study-mock-question", stage);
      h.textContent = "";
      h.append(link(q));
      const answer = $(".study-mock-answer", stage);
      answer.textContent = "";
      show(answer, false);
      show($(".study-rate", stage), false);
      show($(".study-reveal", stage));
      show(stage);
      h.focus();
    }
    $(".study-reveal", stage).addEventListener("click", async () => {
      const answer = $(".study-mock-answer", stage);
      const { q } = run[at];
      try {
        const page = new DOMParser().parseFromString(await (await fetch(href(q))).text(), "text/html");
        const start = $("h2#answer", page);
        const nodes = [];
        for (let el = start && start.nextElementSibling; el && el.tagName !== "H2"; el = el.nextElementSibling) nodes.push(el);
        if (!nodes.length) throw new Error("no answer");
        nodes.forEach((el) => {
          $$("[id]", el).concat(el.id ? [el] : []).forEach((x) => x.removeAttribute("id"));
          answer.append(document.adoptNode(el));
        });
      } catch (e) {
        say(answer, T.noAnswer);
      }
      show($(".study-reveal", stage), false);
      show(answer);
      show($(".study-rate", stage));
      $(".study-rate button", stage).focus();
    });
    $(".study-rate", stage).addEventListener("click", (e) => {
      const b = e.target.closest("button[data-rate]");
      if (!b) return;
      run[at].rate = b.dataset.rate;
      if (b.dataset.rate === "dont") setMark(run[at].q.id, "r", true, run[at].q.version);
      if (++at < run.length) { step(); return; }
      show(stage, false);
      const count = (r) => run.filter((x) => x.rate === r).length;
      say($(".study-summary-counts", summary), T.summary(count("know"), count("partly"), count("dont")));
      const ol = $(".study-summary-list", summary);
      ol.textContent = "";
      for (const { q, rate } of run) {
        const li = document.createElement("li");
        li.append(link(q), ` — ${T[rate]}`);
        ol.append(li);
      }
      show(summary);
      show(setup);
      reviewList(all);
      $("h3", summary).focus();
    });
  }

  function dataTools(all) {
    const status = $(".study-data-status");
    $(".study-export").addEventListener("click", () => {
      const blob = new Blob([JSON.stringify({ app: "llm-interview-questions", kind: "study-progress", ...db }, null, 1)],
        { type: "application/json" });
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "llm-interview-questions-progress.json";
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      say(status, T.exported);
    });
    $(".study-import").addEventListener("change", async (e) => {
      const file = e.target.files[0];
      if (!file) return;
      try {
        const raw = JSON.parse(await file.text());
        if (!raw || raw.kind !== "study-progress") throw new Error("not a progress file");
        db = clean(raw);
        save();
        say(status, T.imported(Object.keys(db.marks).length));
      } catch (err) {
        say(status, T.badFile);
      }
      e.target.value = "";
      applyMode();
      reviewList(all);
    });
    $(".study-clear").addEventListener("click", () => {
      if (!window.confirm(T.confirmClear)) return;
      db = { mode: db.mode, marks: {} };
      save();
      say(status, T.cleared);
      reviewList(all);
    });
  }

  // ---- start
  applyMode();
  // the start-up hold on folded answers (study.css) ends at the reader's first key, click, touch or scroll
  // (Ctrl+F included): not at a set time, when formulas rendering (math.js) could still make the theme ask
  const INPUTS = ["keydown", "pointerdown", "touchstart", "wheel", "scroll"];
  const ready = () => {
    document.documentElement.classList.add("study-ready");
    INPUTS.forEach((type) => window.removeEventListener(type, ready, true));
  };
  INPUTS.forEach((type) => window.addEventListener(type, ready, { capture: true, passive: true }));
  openTarget();
  const bar = $(".study-bar[data-study-id]");
  if (bar) questionPage(bar);
  const over = $(".study-overview");
  if (over && over.dataset.studyTopic) topicPage(over, over.dataset.studyTopic);
  else if (over) homePage(over);
  // controls rendered `disabled data-wait` (partials/study-bar.html) work from now on
  $$("[data-wait]").forEach((el) => { el.disabled = false; el.removeAttribute("data-wait"); });
  // marks made elsewhere show here too: back to this page from the browser's cache, or in another tab
  const repaint = () => { db = load(); applyMode(); repaints.forEach((p) => p()); };
  window.addEventListener("pageshow", (e) => { if (e.persisted) repaint(); });
  window.addEventListener("storage", (e) => { if (e.key === KEY) repaint(); });
  if ($(".study-tools")) questions().then(studyPage).catch(() => { /* no data: the page stays as it is */ });
})();
