/* Glossary terms (abbr.hb-term) explained on hover and on keyboard focus.
   One tooltip for the page, created when a term is pointed at or focused and
   removed when it is left (Escape closes it too); it describes the term to
   screen readers (aria-describedby) while shown. Nothing is set up per term:
   Material's tooltips mounted a component for every titled element, a long
   task of about 400 ms on a phone for a service page with a hundred terms.
   Without JavaScript, the term's title is the browser's own tooltip. */
(function () {
  "use strict";
  var ID = "hb-tooltip";
  var current = null;
  var tip = null;

  function show(term) {
    if (term === current) return;
    hide();
    var text = term.getAttribute("title");
    if (!text) return;
    // The title steps aside while ours shows, so the browser's does not show too.
    term.setAttribute("data-hb-title", text);
    term.removeAttribute("title");
    tip = document.createElement("div");
    tip.id = ID;
    tip.className = "hb-tooltip";
    tip.setAttribute("role", "tooltip");
    tip.textContent = text;
    document.body.appendChild(tip);
    term.setAttribute("aria-describedby", ID);
    current = term;
    place(term);
  }

  function place(term) {
    var box = term.getBoundingClientRect();
    var width = tip.offsetWidth;
    var height = tip.offsetHeight;
    // What the reader sees: on a phone the visual viewport (zoomed in, or
    // beside a page wider than the screen) can be narrower than the layout's;
    // the term's box is measured from the layout viewport.
    var view = window.visualViewport;
    var viewLeft = view ? view.offsetLeft : 0;
    var viewTop = view ? view.offsetTop : 0;
    var viewWidth = view ? view.width : document.documentElement.clientWidth;
    var viewHeight = view ? view.height : window.innerHeight;
    // Under the term, aligned with its start, kept inside what is seen; above
    // the term when there is no room under it near the screen's foot.
    var rtl = getComputedStyle(tip).direction === "rtl";
    var left = rtl ? box.right - width : box.left;
    left = Math.max(viewLeft + 8, Math.min(left, viewLeft + viewWidth - width - 8));
    var top = box.bottom + 6;
    if (top + height > viewTop + viewHeight - 8 && box.top - 6 - height >= viewTop + 8) top = box.top - 6 - height;
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = top + window.scrollY + "px";
  }

  function hide() {
    if (!current) return;
    current.setAttribute("title", current.getAttribute("data-hb-title"));
    current.removeAttribute("data-hb-title");
    current.removeAttribute("aria-describedby");
    if (tip && tip.parentNode) tip.parentNode.removeChild(tip);
    current = tip = null;
  }

  function termOf(node) {
    return node && node.closest ? node.closest("abbr.hb-term") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var term = termOf(event.target);
    if (term) show(term);
  });
  document.addEventListener("mouseout", function (event) {
    if (current && termOf(event.target) === current && !current.contains(event.relatedTarget) &&
        document.activeElement !== current) hide();
  });
  document.addEventListener("focusin", function (event) {
    var term = termOf(event.target);
    if (term) show(term); else hide();
  });
  document.addEventListener("focusout", function (event) {
    if (termOf(event.target) === current) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
})();
