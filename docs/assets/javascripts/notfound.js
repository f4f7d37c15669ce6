/* The root 404 page on a missing address under another language's prefix
   (overrides/404.html loads this first in <head>, before any of the page's own
   scripts, and gives it the site's root and the languages' prefixes): stops the
   default language's document and writes that language's 404 page in its place,
   at the same address. A file, not inline: the page's <meta charset> must come
   within its first 1,024 bytes. */
(function () {
  var me = document.currentScript;
  var root = new URL(me.getAttribute("data-root"), location.href).pathname;  // the site's folder on its host
  var prefixes = JSON.parse(me.getAttribute("data-prefixes"));
  var path = location.pathname, prefix = null;
  for (var i = 0; i < prefixes.length; i++)
    if (path.indexOf(root + prefixes[i]) === 0) prefix = prefixes[i];
  if (!prefix) return;
  /* That page, read at once (the reader waits for nothing else), replaces this document,
     nothing more of which is read or run. Chromium ignores document.open() on a stopped
     document: the new page's elements take the place of this one's, and its scripts,
     which a parsed document never runs, are written anew, to run in their order; the
     theme's bundle starts on DOMContentLoaded, which is announced once they have run. */
  var request = new XMLHttpRequest();
  try {
    request.open("GET", root + prefix + "404.html", false);
    request.send();
  } catch (e) { return; }
  if (request.status !== 200) return;
  window.stop();
  var page = new DOMParser().parseFromString(request.responseText, "text/html");
  document.replaceChild(document.adoptNode(page.documentElement), document.documentElement);
  var scripts = Array.prototype.slice.call(document.querySelectorAll("script"));
  var waiting = 1;
  function ready() {
    if (--waiting) return;
    document.dispatchEvent(new Event("DOMContentLoaded", { bubbles: true }));
    window.dispatchEvent(new Event("load"));
  }
  scripts.forEach(function (old) {
    var script = document.createElement("script");
    for (var i = 0; i < old.attributes.length; i++)
      script.setAttribute(old.attributes[i].name, old.attributes[i].value);
    script.textContent = old.textContent;
    if (script.src) {
      script.async = false;
      waiting += 1;
      script.onload = script.onerror = ready;
    }
    old.parentNode.replaceChild(script, old);
  });
  ready();
})();
