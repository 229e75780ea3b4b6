/* factkit: keep citation previews on screen and let Escape dismiss them (WCAG 1.4.13). Local, no network. */
(function () {
  "use strict";
  function place(cite) {
    // runs as the preview is shown (before it is painted): keep it inside the window
    var tip = cite.querySelector(".fk-tip");
    if (!tip) return;
    if (window.matchMedia("(max-width: 600px)").matches) {
      // phones: the preview is a sheet across the screen; put it in the half the marker is not in
      var at = cite.getBoundingClientRect();
      tip.classList.toggle("fk-tip--top", at.top + at.height / 2 > window.innerHeight / 2);
      return;
    }
    tip.classList.remove("fk-tip--top");
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
  // a claim card reached by its permalink or a source's back-link shows its evidence (folded elsewhere)
  function openTarget() {
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (err) { return; }
    var card = id ? document.getElementById(id) : null;
    var folded = card && card.classList.contains("fk-card") ? card.querySelector("details.fk-evidence-block") : null;
    if (folded) folded.open = true;
  }
  openTarget();
  window.addEventListener("hashchange", openTarget);
  // printed pages carry the evidence: unfold it for printing, fold back what the reader had folded
  var unfolded = [];
  window.addEventListener("beforeprint", function () {
    unfolded = Array.prototype.filter.call(document.querySelectorAll("details.fk-evidence-block"), function (d) {
      return !d.open;
    });
    unfolded.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    unfolded.forEach(function (d) { d.open = false; });
    unfolded = [];
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    document.querySelectorAll(".fk-cite:hover, .fk-cite:focus-within").forEach(function (c) {
      c.classList.add("fk-dismissed");
    });
  });
})();
