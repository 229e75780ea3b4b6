/* factkit's live preview (mkdocs serve --dirty, as `make serve` runs it; never part of a published build).
 * The page reloads itself once a newer build has written its edition: it asks the server (factkit's
 * preview_server) with the build and edition the server marked it with, and the answer comes when there is one.
 * When a save leaves the facts broken, the server keeps the last good pages and writes the errors to
 * factkit-preview.json beside this script; each page shows them over itself, and the next good build empties
 * the list. Closed (Esc, its button, or a link to a record as last built), the report gives way to a bar on this
 * and the tab's next pages until the errors change. Text only: nothing is parsed as HTML. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch) return;
  var status = new URL("factkit-preview.json", script.src);
  function el(name, text, cls) {
    var node = document.createElement(name);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  var CLOSED = "factkit-preview-closed";  // the report the editor closed, in this tab: a bar says so instead
  function remembered(key) {
    try { return sessionStorage.getItem(CLOSED) === key; } catch (e) { return false; }
  }
  function remember(key) {
    try { if (key) sessionStorage.setItem(CLOSED, key); else sessionStorage.removeItem(CLOSED); } catch (e) {}
  }
  function bar(data, key) {  // over the last good page, after the editor closed the report
    var strip = el("div", "", "fk-preview-bar");
    strip.lang = "en";
    strip.dir = "ltr";
    strip.setAttribute("role", "status");
    strip.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:10000;background:#b00020;color:#fff;" +
      "padding:.4rem 1rem;font:15px/1.4 system-ui,sans-serif";
    strip.appendChild(el("span", "This is the last good page: the site has errors. "));
    var again = strip.appendChild(el("button", "Show the errors"));
    again.type = "button";
    again.style.cssText = "font:inherit;min-height:32px;padding:0 .8rem;background:#fff;color:#b00020;border:0;" +
      "border-radius:4px;cursor:pointer";
    again.addEventListener("click", function () { strip.remove(); remember(""); show(data); });
    document.body.appendChild(strip);
  }
  function show(data) {
    if (!data || !data.errors || !data.errors.length) { remember(""); return; }
    var key = JSON.stringify(data.errors);
    if (remembered(key)) { bar(data, key); return; }
    var box = el("div", "", "fk-build-error fk-preview-overlay");
    box.setAttribute("role", "alert");
    box.lang = "en";  // the report is English, also over an Arabic page
    box.dir = "ltr";
    box.style.cssText = "position:fixed;inset:0;z-index:10000;overflow:auto;background:#fff;color:#1a1a1a;" +
      "margin:0;padding:1rem 1.5rem;font:16px/1.5 system-ui,sans-serif;border:6px solid #b00020";
    box.appendChild(el("h1", data.title)).style.color = "#b00020";
    box.appendChild(el("p", data.advice));
    var list = box.appendChild(el("ol")), warnings = null;
    data.errors.forEach(function (e) {
      if (e.level === "warning" && !warnings) {  // after the errors, apart: they do not stop the build
        box.appendChild(el("h2", "Warnings (they do not stop the build)")).style.fontSize = "1.1rem";
        warnings = box.appendChild(el("ol"));
      }
      var item = (warnings || list).appendChild(el("li"));
      if (e.where) item.appendChild(el("code", e.where)).style.fontWeight = "700";
      item.appendChild(document.createTextNode((e.where ? ": " : "") + e.message + (e.code ? " " : "")));
      if (e.code) item.appendChild(el("code", "[" + e.code + "]"));
      if (e.href && /^[a-z0-9/_.-]*(#[A-Za-z0-9_.:-]*)?$/i.test(e.href)) {  // the record, on the last good page
        item.appendChild(document.createTextNode(" "));
        var to = item.appendChild(el("a", "see it as last built"));
        to.href = new URL("../" + e.href, status).href;
        to.style.cssText = "color:#0b57d0;text-decoration:underline";
        to.addEventListener("click", close);
      }
    });
    var hide = box.appendChild(el("button", "Show the last good page (Esc)"));
    hide.type = "button";
    hide.style.cssText = "font:inherit;padding:.4rem .8rem;margin-top:1rem;min-height:44px";
    function close() {
      box.remove();
      document.removeEventListener("keydown", onKey);
      remember(key);
      bar(data, key);
    }
    function onKey(event) { if (event.key === "Escape") close(); }
    hide.addEventListener("click", close);
    document.addEventListener("keydown", onKey);
    document.body.appendChild(box);
    hide.focus({preventScroll: true});  // the heading and the first error stay in view on a phone
  }
  var served = document.querySelector('meta[name="factkit-preview"]');
  var mark = served ? /^([A-Za-z-]*) ([0-9]+)$/.exec(served.content) : null;
  function waitForBuild(build, delay) {
    fetch("/.factkit/reload/" + mark[1] + "/" + build, {cache: "no-store"})
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (text) {
        if (Number(text) > build) location.reload();
        else waitForBuild(build, 500);
      }, function () { setTimeout(function () { waitForBuild(build, Math.min(delay * 2, 5000)); }, delay); });
  }
  if (mark) waitForBuild(Number(mark[2]), 500);
  fetch(status, {cache: "no-store"}).then(function (r) { return r.ok ? r.json() : null; })
    .then(show, function () {});
})();
