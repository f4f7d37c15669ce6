/* The plan filter's one rule, for the fact tables (tables.js) and the limit
   finder (finder.js); hooks/handbook/plans.py is the same rule in Python, and
   the tests hold the two to the same rows. A plan is chosen by its key,
   `<platform>.<plan>` (`hubspot.professional`). Each figure line of a row says
   what it is for: `data-vendor` (whose plans) and `data-plan` (the keys of its
   plans, space-separated; empty: every plan of that vendor). A line applies to
   a choice when it names one of the chosen plans, or names none and is the
   chosen plan's vendor's; a row stays when one of its lines applies, and shows
   only the lines that apply. Loaded before both scripts (mkdocs.yml). */
window.hbPlans = (function () {
  "use strict";

  function vendorOf(key) { return key.split(".")[0]; }

  function applies(line, chosen) {
    if (chosen.length === 0) return true;
    var plans = (line.getAttribute("data-plan") || "").split(/\s+/).filter(Boolean);
    if (plans.length) return plans.some(function (p) { return chosen.indexOf(p) !== -1; });
    var vendor = line.getAttribute("data-vendor") || "";
    return vendor !== "" && chosen.some(function (c) { return vendorOf(c) === vendor; });
  }

  // Hides the lines that do not apply; true when the row stays.
  function filterRow(row, chosen) {
    var kept = chosen.length === 0;
    Array.prototype.forEach.call(row.querySelectorAll(".hb-line[data-plan]"), function (line) {
      var show = applies(line, chosen);
      line.hidden = !show;
      if (show) kept = true;
    });
    return kept;
  }

  return { applies: applies, filterRow: filterRow };
})();
