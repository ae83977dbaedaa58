// Click (or Enter on) a mark in an article: its details, listed below the text, are shown
// beside it. Pages work without this script: every mark has a title shown on hover, and
// the details are in the lists under the article.
(function () {
  const detail = document.getElementById("detail");
  if (!detail) return;
  function show(mark) {
    document.querySelectorAll(".mark.selected, li.selected").forEach(e => e.classList.remove("selected"));
    mark.classList.add("selected");
    const item = document.getElementById(mark.dataset.ref);
    detail.replaceChildren();
    const kind = document.createElement("p");
    kind.className = "muted";
    kind.textContent = mark.title;
    detail.appendChild(kind);
    if (item) {
      item.classList.add("selected");
      const copy = item.cloneNode(true);
      copy.removeAttribute("id");
      detail.appendChild(copy);
    } else {
      const p = document.createElement("p");
      p.textContent = mark.title;
      detail.appendChild(p);
    }
  }
  document.addEventListener("click", e => {
    const mark = e.target.closest(".mark[data-ref]");
    if (mark) { e.stopPropagation(); show(mark); }
  });
  document.addEventListener("keydown", e => {
    if (e.key === "Enter" && e.target.matches(".mark[data-ref]")) show(e.target);
  });
})();
