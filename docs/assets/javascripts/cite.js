/* Copy a citation: every fact row and bullet has a copy button (button.hb-cite)
   followed by its citation, written by the generator in a
   <template class="hb-cite-body">. A click copies it twice over, for mail
   clients: as HTML, and as text with a line per <br>; the permanent link
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
    var html = box.innerHTML;
    Array.prototype.forEach.call(box.querySelectorAll("br"), function (br) {
      br.parentNode.replaceChild(document.createTextNode("\n"), br);
    });
    return { html: html, text: box.textContent.trim() };
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
