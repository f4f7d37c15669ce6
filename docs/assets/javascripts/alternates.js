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
