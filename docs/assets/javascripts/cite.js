/* Copy a citation: every fact row and bullet has a copy button (button.hb-cite)
   followed by its citation, written by the generator in a
   <template class="hb-cite-body">. A click copies it twice over, for mail
   clients: as HTML, and as text with a line per <br> (its runs held in
   order by direction marks); the permanent link
   (a.hb-cite-link, "#id" in the page) becomes this page's absolute address.
   Where the asynchronous clipboard cannot write HTML (plain http, an older
   browser), the text alone is copied the older way. A polite live region says
   so in the page's language (the button's data-copied). One listener for the
   whole page. The older way to copy and the live region are links.js's
   (window.hbShare), loaded before this file. */
(function () {
  "use strict";

  function citation(button) {
    var template = button.nextElementSibling;
    if (!template || !template.classList.contains("hb-cite-body")) return null;
    var box = document.createElement("div");
    box.appendChild(template.content.cloneNode(true));
    var link = box.querySelector("a.hb-cite-link");
    if (link) {
      var url = location.origin + location.pathname + link.getAttribute("href");
      link.setAttribute("href", url);
      link.textContent = url;
    }
    // Mail keeps no style sheet: an arrow drawn mirrored on the page is written mirrored.
    Array.prototype.forEach.call(box.querySelectorAll(".hb-mirrored"), function (arrow) {
      arrow.textContent = arrow.getAttribute("data-mirror");
    });
    var html = box.innerHTML;
    var dir = marked(box);
    Array.prototype.forEach.call(box.querySelectorAll("br"), function (br) {
      br.parentNode.replaceChild(document.createTextNode("\n"), br);
    });
    var lines = box.textContent.trim().split("\n").map(function (line) { return MARK[dir] + line; });
    return { html: html, text: lines.join("\n") };
  }

  /* Plain text has no <span dir>: each run of the other direction is held by
     direction marks (bidi.py's `marked`: a mark of the run's direction on both
     sides, then one of the text's), and each line starts with the text's own
     mark, so mail, WhatsApp and Slack show it in the page's order. */
  var MARK = { ltr: "\u200e", rtl: "\u200f" };

  function marked(box) {
    var root = box.querySelector("[dir]");
    var dir = root ? root.getAttribute("dir") : "ltr";
    Array.prototype.forEach.call(box.querySelectorAll("[dir]"), function (el) {
      var parent = el.parentElement && el.parentElement.closest("[dir]");
      var outer = parent ? parent.getAttribute("dir") : dir;
      var own = el.getAttribute("dir");
      if (el === root || own === outer || !MARK[own]) return;
      el.insertBefore(document.createTextNode(MARK[own]), el.firstChild);
      el.appendChild(document.createTextNode(MARK[own] + MARK[outer]));
    });
    return dir;
  }

  function copy(c) {
    if (window.isSecureContext && window.ClipboardItem && navigator.clipboard && navigator.clipboard.write) {
      var item = new ClipboardItem({
        "text/plain": new Blob([c.text], { type: "text/plain" }),
        "text/html": new Blob([c.html], { type: "text/html" })
      });
      return navigator.clipboard.write([item]).catch(function () { return window.hbShare.copyText(c.text); });
    }
    return window.hbShare.copyText(c.text);
  }

  function say(button) {
    window.hbShare.announce(button.getAttribute("data-copied"), button, 4000, true);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.hb-cite");
    if (!button) return;
    var c = citation(button);
    if (c) copy(c).then(function () { say(button); }, function () { /* nothing copied, nothing said */ });
  });
})();
