/* Copy a citation: every fact row and bullet has a copy button (button.hb-cite)
   followed by its citation, written by the generator in a
   <template class="hb-cite-body">. A click copies it twice over, for mail
   clients: as HTML, and as text with a line per <br>; the permanent link
   (a.hb-cite-link, "#id" in the page) becomes this page's absolute address.
   Where the asynchronous clipboard cannot write HTML (plain http, an older
   browser), the text alone is copied the older way. A polite live region says
   so in the page's language (the button's data-copied). One listener for the
   whole page. */
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

  function copy(c) {
    if (window.isSecureContext && window.ClipboardItem && navigator.clipboard && navigator.clipboard.write) {
      var item = new ClipboardItem({
        "text/plain": new Blob([c.text], { type: "text/plain" }),
        "text/html": new Blob([c.html], { type: "text/html" })
      });
      return navigator.clipboard.write([item]).catch(function () { return copyText(c.text); });
    }
    return copyText(c.text);
  }

  // The live region is in the page before it speaks (links.js shares it).
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

  var timer;
  function say(button) {
    var box = region();
    box.textContent = button.getAttribute("data-copied");
    box.classList.add("hb-status--on");
    button.classList.add("hb-copied");
    clearTimeout(timer);
    timer = setTimeout(function () {
      box.classList.remove("hb-status--on");
      box.textContent = "";
      button.classList.remove("hb-copied");
    }, 4000);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.hb-cite");
    if (!button) return;
    var c = citation(button);
    if (c) copy(c).then(function () { say(button); }, function () { /* nothing copied, nothing said */ });
  });

  if (document.body) region();
  else document.addEventListener("DOMContentLoaded", region);
})();
