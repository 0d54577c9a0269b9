// Render the formulas that pymdownx.arithmatex (generic mode) leaves as \( … \) and \[ … \] in
// .arithmatex elements, with the KaTeX served by the site. A formula KaTeX cannot parse stays as text.
document.querySelectorAll(".arithmatex").forEach((el) => {
  const tex = el.textContent.trim();
  const display = tex.startsWith("\\[");
  try {
    katex.render(tex.slice(2, -2), el, { displayMode: display, throwOnError: false });
  } catch (e) {
    el.title = String(e);
  }
});
