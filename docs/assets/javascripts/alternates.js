/* Every page names its own translation in <link rel="alternate" hreflang>
   (absolute, for search engines and link previews). Material expects those
   links to be language roots and requests "<link>/sitemap.xml" for each, which
   here means a 404 per page and language (mkdocs-material#6582). The language
   switcher's links already lead to the same page in the other language, so the
   look-up is not needed: sitemap requests from the page are never sent.
   Relies on the bundle requesting with XMLHttpRequest (hooks/internals.py). */
(function () {
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.hbSkip = /\/sitemap\.xml(\?|#|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.hbSkip) return undefined;
    return send.apply(this, arguments);
  };
})();

/* The language switch leads to the same place in the other language: the
   address's anchor (#hubspot-burst-requests) and query string (the finder's
   filters, a search's ?h=) go with it. The switch's links are written at build
   time with the page's address only; each is completed as the reader reaches
   for it (pointer, focus, click, context menu), since the anchor and the
   finder's filters change while the page is open. */
(function () {
  function keepPlace(event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link) return;
    var url = new URL(link.href);
    url.search = window.location.search;
    url.hash = window.location.hash;
    link.href = url.href;
  }
  ["pointerdown", "focusin", "click", "auxclick", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, keepPlace, true);
  });
})();
