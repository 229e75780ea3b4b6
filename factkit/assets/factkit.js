/* factkit: citation previews (hover, focus, tap), verdict explanations, the sources filter, table scroll cues and
   print. Keeps previews on screen and lets Escape dismiss them (WCAG 1.4.13). Local, no network. */
(function () {
  "use strict";
  var PHONE = "(max-width: 600px)";
  var POPUPS = ".fk-cite, .fk-vbox";

  function place(box) {
    // runs as the preview is shown (before it is painted): keep it inside the window
    var tip = box.querySelector(".fk-tip");
    if (!tip) return;
    if (window.matchMedia(PHONE).matches) {
      // phones: the preview is a sheet across the screen; put it in the half the marker is not in
      var at = box.getBoundingClientRect();
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
    var marker = box.getBoundingClientRect();
    if (rect.bottom > window.innerHeight - 8 && marker.top - rect.height - 8 >= 0) {
      tip.classList.add("fk-tip--above");
    }
  }
  function boxOf(event) {
    return event.target && event.target.closest ? event.target.closest(POPUPS) : null;
  }
  function setOpen(box, open) {
    box.classList.toggle("fk-open", open);
    if (open) box.classList.remove("fk-dismissed");
    var button = box.querySelector(".fk-vbtn");
    if (button) button.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) place(box);
  }
  function closeAll(except) {
    document.querySelectorAll(".fk-cite.fk-open, .fk-vbox.fk-open").forEach(function (b) {
      if (b !== except) setOpen(b, false);
    });
  }
  document.addEventListener("mouseover", function (e) { var c = boxOf(e); if (c && c.matches(".fk-cite")) place(c); });
  document.addEventListener("focusin", function (e) {
    var c = boxOf(e);
    if (c && c.matches(".fk-cite")) { c.classList.remove("fk-dismissed"); place(c); }
  });
  document.addEventListener("mouseout", function (e) { var c = boxOf(e); if (c) c.classList.remove("fk-dismissed"); });

  document.addEventListener("click", function (e) {
    var box = boxOf(e);
    var marker = e.target.closest && e.target.closest(".fk-cite-ref");
    var touch = e.pointerType === "touch" || e.pointerType === "pen";
    if (marker && box && (touch || window.matchMedia(PHONE).matches)) {
      // a tap on a marker opens its preview where it is (the page stays put); on a desktop a click follows
      // the marker to the source's entry in the list at the end of the page, as on Wikipedia
      e.preventDefault();
      var open = !box.classList.contains("fk-open");
      closeAll(box);
      setOpen(box, open);
      return;
    }
    var button = e.target.closest && e.target.closest(".fk-vbtn");
    if (button && box) {
      var show = !box.classList.contains("fk-open");
      closeAll(box);
      setOpen(box, show);
      return;
    }
    if (!box || !box.classList.contains("fk-open")) closeAll(null);  // a tap or click outside closes
  });

  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    var open = document.querySelectorAll(".fk-cite.fk-open, .fk-vbox.fk-open");
    open.forEach(function (b) {
      setOpen(b, false);
      var button = b.querySelector(".fk-vbtn");
      if (button && b.contains(document.activeElement)) button.focus();
    });
    document.querySelectorAll(".fk-cite:hover, .fk-cite:focus-within").forEach(function (c) {
      c.classList.add("fk-dismissed");
    });
  });

  // a notice's text with an id put in: as code, read left to right also in an Arabic sentence
  function fillId(el, id) {
    var parts = el.getAttribute("data-text").split("{id}");
    var code = document.createElement("code");
    code.dir = "ltr";
    code.textContent = id;
    el.textContent = "";
    el.append(parts[0], code, parts.slice(1).join(id));
  }

  // a claim card reached by its permalink or a source's back-link shows its evidence (folded elsewhere); so does
  // a citation in a folded evidence list reached from the page's list of sources
  function openTarget() {
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (err) { return; }
    var target = id ? document.getElementById(id) : null;
    var moved = target ? null : document.querySelector("script.fk-moved");
    if (moved) {  // a claim whose topic got a page of its own after this permalink was made: follow it there
      var to = null;
      try { to = JSON.parse(moved.textContent)[id]; } catch (err) { to = null; }
      if (typeof to === "string" && /^[\w./-]+$/.test(to)) {  // a page of this site, relative: nothing else
        location.replace(to + "#" + encodeURIComponent(id));
        return;
      }
    }
    var missing = document.querySelector(".fk-missing");
    if (missing) {  // a permalink to a record that is not here (renamed or removed): say so, not a silent page top
      missing.hidden = !!target || !/^(claim|source|entity)-/.test(id);
      if (!missing.hidden) { fillId(missing, id); missing.scrollIntoView(); }
    }
    if (!target) return;
    var folded = target.classList.contains("fk-card") ? target.querySelector("details.fk-evidence-block") : null;
    if (folded) folded.open = true;
    for (var el = target.parentElement; el; el = el.parentElement) {
      if (el.tagName === "DETAILS" && !el.open) { el.open = true; target.scrollIntoView(); }
    }
  }
  openTarget();
  window.addEventListener("hashchange", openTarget);

  // the reporting section reached from a claim's "report an error" link (?claim=id): name that claim
  var reporting = document.querySelector(".fk-reporting[data-text]");
  var about = /[?&]claim=([a-z0-9-]{1,80})(&|$)/.exec(location.search);
  if (reporting && about) {
    fillId(reporting, about[1]);
    reporting.hidden = false;
  }

  // the sources page: a filter box over the entries (hidden in the HTML: it needs this script)
  document.querySelectorAll(".fk-filter[data-filter]").forEach(function (filter) {
    var input = filter.querySelector("input");
    var count = filter.querySelector(".fk-filter-count");
    var items = Array.prototype.slice.call(document.querySelectorAll(filter.getAttribute("data-filter")));
    var texts = null;  // the entries' text, read when the reader first filters (not while the page loads)
    var timer = 0;
    function run() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      if (words.length && !texts) texts = items.map(function (el) { return el.textContent.toLowerCase(); });
      items.forEach(function (el, i) {
        var ok = !texts || words.every(function (w) { return texts[i].indexOf(w) >= 0; });
        if (ok) { el.removeAttribute("data-fk-hidden"); shown++; } else el.setAttribute("data-fk-hidden", "");
      });
      document.querySelectorAll(".fk-pub").forEach(function (group) {
        var any = group.querySelector(".fk-source:not([data-fk-hidden])");
        if (any) group.removeAttribute("data-fk-hidden"); else group.setAttribute("data-fk-hidden", "");
      });
      count.textContent = words.length ? shown + " of " + items.length + " sources" : items.length + " sources";
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
    filter.hidden = false;
    run();
  });

  // a table wider than its column scrolls sideways: say so, with a shadow at the hidden edge
  function markScrolling() {
    var wraps = Array.prototype.slice.call(document.querySelectorAll(".md-typeset__scrollwrap"));
    var wide = wraps.map(function (wrap) {  // every width read before anything changes: one layout, not one a table
      return !!wrap.querySelector("table") && wrap.scrollWidth > wrap.clientWidth + 1;
    });
    wraps.forEach(function (wrap, i) {
      var scrolls = wide[i];
      wrap.classList.toggle("fk-scrolls", scrolls);
      var hint = wrap.previousElementSibling && wrap.previousElementSibling.classList.contains("fk-scroll-hint") ?
        wrap.previousElementSibling : null;
      if (scrolls && !hint) {
        hint = document.createElement("p");
        hint.className = "fk-scroll-hint";
        hint.textContent = "The table is wider than the screen: scroll it sideways to see every column →";
        wrap.parentNode.insertBefore(hint, wrap);
        wrap.setAttribute("tabindex", "0");  // reachable and scrollable from the keyboard
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Table, scrolls sideways");
      } else if (!scrolls && hint) {
        hint.remove();
      }
    });
  }
  // Material wraps the tables once its own script has run (on each page it loads): look then
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setTimeout(markScrolling, 0); });
  } else {
    window.addEventListener("load", markScrolling);
  }
  var resizing = 0;
  window.addEventListener("resize", function () { clearTimeout(resizing); resizing = setTimeout(markScrolling, 150); });

  // printed pages carry the evidence: unfold it for printing, fold back what the reader had folded
  var unfolded = [];
  window.addEventListener("beforeprint", function () {
    closeAll(null);
    unfolded = Array.prototype.filter.call(document.querySelectorAll("details.fk-evidence-block"), function (d) {
      return !d.open;
    });
    unfolded.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    unfolded.forEach(function (d) { d.open = false; });
    unfolded = [];
  });
})();
