// Render the formulas that pymdownx.arithmatex (generic mode) leaves as \( … \) and \[ … \] in
// .arithmatex elements, with the KaTeX served by the site. A formula KaTeX cannot parse stays as text.
// Issue 16: KaTeX (script, styles, fonts) is fetched only once a formula comes near the screen, so a page
// whose formulas are folded away (study mode) or far below loads none of it; formulas are then rendered a
// few milliseconds at a time, those in view first, so rendering never blocks a reader's click or key.
(function () {
  const formulas = Array.from(document.querySelectorAll(".arithmatex"));
  if (!formulas.length) return;
  const vendor = new URL("../vendor/katex/", document.currentScript.src);
  const SLICE_MS = 8;
  const near = new Set();
  let state = "idle"; // idle -> loading -> ready

  function render(el) {
    const tex = el.textContent.trim();
    const display = tex.startsWith("\\[");
    try {
      katex.render(tex.slice(2, -2), el, { displayMode: display, throwOnError: false });
    } catch (e) {
      el.title = String(e);
    }
  }

  function slice() {
    const end = performance.now() + SLICE_MS;
    while (performance.now() < end) {
      const next = near.values().next();
      const el = next.done ? formulas.find((f) => !f.dataset.rendered) : next.value;
      if (!el) return;
      near.delete(el);
      if (!el.dataset.rendered) {
        el.dataset.rendered = "1";
        observer.unobserve(el);
        render(el);
      }
    }
    setTimeout(slice, 0);
  }

  function load() {
    state = "loading";
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL("katex.min.css", vendor).href;
    document.head.append(style);
    const script = document.createElement("script");
    script.src = new URL("katex.min.js", vendor).href;
    script.onload = () => { state = "ready"; slice(); };
    document.head.append(script);
  }

  const observer = new IntersectionObserver((entries) => {
    entries.forEach((entry) => { if (entry.isIntersecting) near.add(entry.target); });
    if (near.size && state === "idle") load();
  }, { rootMargin: "600px 0px" });
  formulas.forEach((f) => observer.observe(f));
})();
