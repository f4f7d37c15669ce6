/* Vendor changes that stay true as days pass: whether a change is coming, and
   how near ("in 12 days", "tomorrow", "this month"), from the reader's own date.
   The built page says the same for its build date, and stays as it is without
   this script. Loaded (deferred) only by pages that show changes; every word
   comes from the string table, in the page's <script id="hb-words">
   (overrides/main.html), as for every script here.
   A change is coming until its period is over: its day, or its whole month
   (data-change-date is YYYY-MM-DD or YYYY-MM). On the changes page a change
   that has passed moves to the past list; in a page's box of coming changes it
   is hidden (the box too, when none is left). */
(function () {
  "use strict";
  var words = JSON.parse(document.getElementById("hb-words").textContent);
  var DAY = 86400000;
  var now = new Date();
  var today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  var plural = new Intl.PluralRules(words.lang);

  function period(date) {
    var p = date.split("-").map(Number);
    var start = Date.UTC(p[0], p[1] - 1, p.length > 2 ? p[2] : 1);
    var end = p.length > 2 ? start + DAY : Date.UTC(p[0], p[1], 1);
    return { start: start, end: end, month: p.length === 2 };
  }

  function badge(when) {
    if (today >= when.end) return null;
    if (today >= when.start) return when.month ? words.change_this_month : words.change_today;
    if (when.month) return words.change_is_coming;
    var days = Math.round((when.start - today) / DAY);
    if (days === 1) return words.change_tomorrow;
    var forms = words.change_in_days;
    return (forms[plural.select(days)] || forms.other).replace("{n}", String(days));
  }

  function show(item) {
    var when = period(item.getAttribute("data-change-date"));
    var text = badge(when);
    var el = item.querySelector(".hb-badge-coming");
    if (el) {
      el.textContent = text || "";
      el.hidden = !text;
    }
    item.classList.toggle("hb-change-coming", !!text);
    return { item: item, when: when, coming: !!text };
  }

  // The changes page: coming soonest first, past latest first (as the build sorts).
  var coming = document.querySelector("ul.hb-changes[data-changes=coming]");
  var past = document.querySelector("ul.hb-changes[data-changes=past]");
  if (coming && past) {
    var all = Array.prototype.map.call(document.querySelectorAll("ul.hb-changes > li.hb-change"), show);
    function order(a, b) {
      return a.when.start - b.when.start || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0);
    }
    all.filter(function (c) { return c.coming; }).sort(order)
      .forEach(function (c) { coming.appendChild(c.item); });
    all.filter(function (c) { return !c.coming; }).sort(order).reverse()
      .forEach(function (c) { past.appendChild(c.item); });
    var none = document.querySelector(".hb-changes-none");
    if (none) none.hidden = coming.children.length > 0;
  }

  // A service's or platform's box of coming changes.
  Array.prototype.forEach.call(document.querySelectorAll(".hb-coming-changes"), function (box) {
    var left = 0;
    Array.prototype.forEach.call(box.querySelectorAll("li[data-change-date]"), function (li) {
      var c = show(li);
      li.hidden = !c.coming;
      if (c.coming) left += 1;
    });
    box.hidden = left === 0;
  });

  // A calendar subscribes by webcal://, which needs the site's own address.
  Array.prototype.forEach.call(document.querySelectorAll("[data-hb-webcal]"), function (span) {
    var a = span.querySelector("a");
    if (!a || !/^https?:$/.test(location.protocol)) return;
    a.href = "webcal:" + new URL(a.getAttribute("href"), location.href).href.replace(/^https?:/, "");
    span.setAttribute("data-hb-webcal", "ready");  // seen in the place it held (handbook.css)
  });
})();
