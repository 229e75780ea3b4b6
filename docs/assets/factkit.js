/* factkit: keep citation previews on screen and let Escape dismiss them (WCAG 1.4.13). Local, no network. */
(function () {
  "use strict";
  function place(cite) {
    // runs as the preview is shown (before it is painted): keep it inside the window
    var tip = cite.querySelector(".fk-tip");
    if (!tip || window.matchMedia("(max-width: 600px)").matches) return;
    tip.style.setProperty("--fk-shift", "0px");
    tip.classList.remove("fk-tip--above");
    var rect = tip.getBoundingClientRect();
    if (!rect.width) return;  // not shown (dismissed)
    var over = rect.right - (document.documentElement.clientWidth - 8);
    var shift = over > 0 ? -Math.min(over, rect.left - 8) : 0;
    tip.style.setProperty("--fk-shift", shift + "px");
    var marker = cite.getBoundingClientRect();
    if (rect.bottom > window.innerHeight - 8 && marker.top - rect.height - 8 >= 0) {
      tip.classList.add("fk-tip--above");
    }
  }
  function citeOf(event) {
    return event.target && event.target.closest ? event.target.closest(".fk-cite") : null;
  }
  document.addEventListener("mouseover", function (e) { var c = citeOf(e); if (c) place(c); });
  document.addEventListener("focusin", function (e) { var c = citeOf(e); if (c) { c.classList.remove("fk-dismissed"); place(c); } });
  document.addEventListener("mouseout", function (e) { var c = citeOf(e); if (c) c.classList.remove("fk-dismissed"); });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    document.querySelectorAll(".fk-cite:hover, .fk-cite:focus-within").forEach(function (c) {
      c.classList.add("fk-dismissed");
    });
  });
})();
