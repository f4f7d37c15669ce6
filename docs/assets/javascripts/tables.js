/* Sort and filter the handbook's tables in the browser (tables marked
   data-hb-sortable). Without JavaScript the rows keep the generator's reading
   order. Each header gets a button (keyboard: Tab, Enter or Space) and the
   sorted column says so with aria-sort; a labelled search field above the
   table hides the rows that contain none of the typed words ("QuickBooks Xero
   Zoho" keeps the rows of all three). A cell's
   data-sort, when present, is its machine value (normalized numbers); empty
   cells sort last in both directions. Its controls and their labels come in
   the page's HTML, in the page's language. A table with data-verified-label also
   gets a checkbox that keeps only the rows whose data-review is "verified";
   a table whose answers name plans gets a plan list that keeps the rows with a
   figure for that plan, or for every plan of its vendor, and shows only those
   figures (plans.js: the rule, shared with the finder). When nothing is left,
   the line below the table says so and offers to clear the filters. */
(function () {
  "use strict";
  // The words it says (the count's "rows"): the string table's, in the page's <script id="hb-words">.
  var said = JSON.parse(document.getElementById("hb-words").textContent);

  function sortValue(cell) {
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    if (raw === "") return null;
    var n = Number(raw);
    return isNaN(n) ? raw.toLowerCase() : n;
  }

  function setup(table, index) {
    if (table.hasAttribute("data-hb-ready")) return;
    table.setAttribute("data-hb-ready", "");
    var lang = said.lang;
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

    // The filter bar (a labelled search field and a live count of visible rows)
    // and the sort buttons come in the page's HTML, so nothing moves here.
    var wrap = table.parentNode.classList.contains("hb-table-wrap") ? table.parentNode : table;
    var bar = wrap.previousElementSibling;
    if (!bar || !bar.classList.contains("hb-filter")) return;
    var input = bar.querySelector('input[type="search"]');
    var count = bar.querySelector("output");
    var rowsLabel = said.rows;
    function showCount(n) { count.textContent = n + " / " + rows.length + " " + rowsLabel; }
    var verified = bar.querySelector(".hb-verified-only input");  // when the table has review data
    var plan = bar.querySelector(".hb-plan-filter select");  // when the answers name plans

    // Below the table: what an empty result says, and its button that clears the filters.
    var empty = wrap.nextElementSibling;
    if (empty && !empty.classList.contains("hb-filter-empty")) empty = null;

    function filter() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var onlyVerified = verified !== null && verified.checked;
      var chosen = plan === null || plan.value === "" ? [] : [plan.value];
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var keep = window.hbPlans.filterRow(row, chosen) && (words.length === 0 || words.some(function (w) { return text.indexOf(w) !== -1; })) &&
          (!onlyVerified || row.getAttribute("data-review") === "verified");
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      showCount(shown);
      if (empty) empty.hidden = shown !== 0;
    }
    input.addEventListener("input", filter);
    if (empty) empty.querySelector("button").addEventListener("click", function () {
      input.value = "";
      if (verified !== null) verified.checked = false;
      if (plan !== null) plan.value = "";
      filter();
      input.focus();
    });
    if (verified !== null) verified.addEventListener("change", filter);
    if (plan !== null) plan.addEventListener("change", filter);

    // Sticky headings need a wrapper that does not scroll: it scrolls sideways
    // only while the table is wider than the page (handbook.css, hb-fits).
    if (wrap !== table && window.ResizeObserver) {
      new ResizeObserver(function () {
        wrap.classList.toggle("hb-fits", table.offsetWidth <= wrap.clientWidth);
      }).observe(wrap);
    }

    // Sorting: the button in each header cell.
    headers.forEach(function (th, column) {
      var button = th.querySelector("button.hb-sort");
      if (button) button.addEventListener("click", function () { sortBy(column); });
    });

    function sortBy(column) {
      var th = headers[column];
      var direction = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", direction);
      var sign = direction === "ascending" ? 1 : -1;
      var keyed = rows.map(function (row, i) { return { row: row, i: i, v: sortValue(row.cells[column]) }; });
      keyed.sort(function (a, b) {
        if (a.v === null || b.v === null) return (a.v === null) - (b.v === null) || a.i - b.i;
        var d = (typeof a.v === "number" && typeof b.v === "number")
          ? a.v - b.v
          : String(a.v).localeCompare(String(b.v), lang, { numeric: true });
        return d * sign || a.i - b.i;
      });
      keyed.forEach(function (k) { tbody.appendChild(k.row); });
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-hb-sortable]"), setup);
    // The controls in the HTML are shown from now on (handbook.css).
    document.documentElement.classList.add("hb-tables");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
