/* Sharing and printing, on every page of the handbook.
   - Every anchor link ("#" beside a section, a bullet or a fact row) copies the
     address of its target to the clipboard when activated (click, Enter) and
     says so in a polite live region; it still leads to the target.
   - Printing shows where links lead (their absolute address), and the
     "print the client checklist" button prints the service's prerequisites only.
   What it says comes from the string table, in the page's language: the page's
   <script id="hb-words"> (overrides/main.html), as for every script here. */
(function () {
  var words = JSON.parse(document.getElementById("hb-words").textContent);

  function address(hash) {
    return location.origin + location.pathname + hash;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return copyText(text);
  }

  // Plain http (not localhost): the older way, still supported by browsers.
  function copyText(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  // The page's one polite live region, in the page before it speaks.
  function region() {
    var box = document.querySelector(".hb-status");
    if (!box) {
      box = document.createElement("div");
      box.className = "hb-status";
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      document.body.appendChild(box);
    }
    return box;
  }

  // Says `message` in the live region and marks `element` copied, for `ms`.
  var timer;
  function announce(message, element, ms, clear) {
    var box = region();
    box.textContent = message;
    box.classList.add("hb-status--on");
    element.classList.add("hb-copied");
    clearTimeout(timer);
    timer = setTimeout(function () {
      box.classList.remove("hb-status--on");
      if (clear) box.textContent = "";
      element.classList.remove("hb-copied");
    }, ms);
  }

  // Shared with cite.js (loaded after this file).
  window.hbShare = { copyText: copyText, announce: announce };
  if (document.body) region();
  else document.addEventListener("DOMContentLoaded", region);

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.hb-anchor, a.headerlink");
    if (!link || !link.hash) return;
    var text = address(link.hash);
    copy(text).then(function () { announce(words.link_copied, link, 2500, false); },
                    function () { /* nothing copied: the link still opens the target */ });
  });

  // Print: absolute addresses beside links (relative ones mean nothing on paper).
  function markLinks() {
    var links = document.querySelectorAll(".md-content a[href]:not(.hb-anchor):not(.headerlink)");
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      if (a.getAttribute("href").charAt(0) !== "#") a.setAttribute("data-print-href", a.href);
    }
    var here = document.querySelectorAll(".hb-print-address .hb-url");
    for (var j = 0; j < here.length; j++) here[j].textContent = address("");
  }
  // Only when printing: marking every link at load cost a long task (hundreds
  // of attributes, each invalidating style) on every page view.
  window.addEventListener("beforeprint", markLinks);

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.hb-print-checklist");
    if (!button) return;
    markLinks();
    document.body.classList.add("hb-checklist-mode");
    window.print();
  });
  window.addEventListener("afterprint", function () {
    document.body.classList.remove("hb-checklist-mode");
  });
})();
