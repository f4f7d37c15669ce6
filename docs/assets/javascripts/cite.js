/* Copy a citation: every fact row and bullet has a copy button (button.hb-cite)
   followed by its citation, written by the generator in a
   <template class="hb-cite-body">: a line per span.hb-cite-line, each with its
   plain text in data-text (made by the generator, answers.plain_line, which
   holds each run in order with direction marks for plain-text mail, WhatsApp
   and Slack). A click copies it twice over,
   for mail clients: as HTML, and as the lines' texts, one a line; the permanent
   link (a.hb-cite-link, "#id" in the page) becomes this page's absolute address.
   A row's figure lines (data-answer) that the table's plan filter hides are
   left out: the citation says what the row shows. Where the asynchronous
   clipboard cannot write HTML (plain http, an older browser), the text alone
   is copied the older way. A polite live region says so in the page's
   language (the string table's words, the page's <script id="hb-words">).
   One listener for the whole page. The
   older way to copy and the live region are links.js's (window.hbShare),
   loaded before this file. */
(function () {
  "use strict";
  var words = JSON.parse(document.getElementById("hb-words").textContent);

  // The row's figure lines hidden by a plan filter (tables.js, finder.js), by position:
  // the citation's answer lines are the row's, in the same order.
  function narrow(box, button) {
    var row = button.closest("tr");
    if (!row) return;
    var shown = row.querySelectorAll("td.hb-col-answer .hb-line");
    var cited = box.querySelectorAll(".hb-cite-line[data-answer]");
    if (shown.length !== cited.length) return;
    Array.prototype.forEach.call(cited, function (line, i) {
      if (!shown[i].hidden) return;
      var br = line.nextElementSibling;
      if (br && br.tagName === "BR") br.remove();
      line.remove();
    });
  }

  function citation(button) {
    var template = button.nextElementSibling;
    if (!template || !template.classList.contains("hb-cite-body")) return null;
    var box = document.createElement("div");
    box.appendChild(template.content.cloneNode(true));
    narrow(box, button);
    var link = box.querySelector("a.hb-cite-link");
    var href = link && link.getAttribute("href");
    var url = location.origin + location.pathname + (href || "");
    if (link) {
      link.setAttribute("href", url);
      link.textContent = url;
    }
    // Mail keeps no style sheet: an arrow drawn mirrored on the page is written mirrored.
    Array.prototype.forEach.call(box.querySelectorAll(".hb-mirrored"), function (arrow) {
      arrow.textContent = arrow.getAttribute("data-mirror");
    });
    var lines = Array.prototype.map.call(box.querySelectorAll(".hb-cite-line"), function (line) {
      var text = line.getAttribute("data-text");
      line.removeAttribute("data-text");
      line.removeAttribute("data-answer");
      return line.contains(link) ? text.split(href).join(url) : text;
    });
    return { html: box.innerHTML, text: lines.join("\n") };
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
    window.hbShare.announce(words.cite_copied, button, 4000, true);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.hb-cite");
    if (!button) return;
    var c = citation(button);
    if (c) copy(c).then(function () { say(button); }, function () { /* nothing copied, nothing said */ });
  });
})();
