/* Sort and filter the handbook's tables in the browser (tables marked
   data-hb-sortable). Without JavaScript the rows keep the generator's reading
   order. Each header gets a button (keyboard: Tab, Enter or Space) and the
   sorted column says so with aria-sort; a labelled search field above the
   table hides the rows that do not contain every typed word. A cell's
   data-sort, when present, is its machine value (normalized numbers); empty
   cells sort last in both directions. Labels come from the table's data-*
   attributes, in the page's language. A table with data-verified-label also
   gets a checkbox that keeps only the rows whose data-review is "verified". */
(function () {
  "use strict";

  function sortValue(cell) {
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    if (raw === "") return null;
    var n = Number(raw);
    return isNaN(n) ? raw.toLowerCase() : n;
  }

  function setup(table, index) {
    if (table.hasAttribute("data-hb-ready")) return;
    table.setAttribute("data-hb-ready", "");
    var lang = document.documentElement.lang || "en";
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

    // The filter: a labelled search field and a live count of visible rows.
    var id = (table.id || "hb-table-" + index) + "-filter";
    var bar = document.createElement("div");
    bar.className = "hb-filter";
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = table.getAttribute("data-filter-label") || "Filter";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    var count = document.createElement("output");
    count.setAttribute("aria-live", "polite");
    count.setAttribute("for", id);
    var rowsLabel = table.getAttribute("data-rows-label") || "rows";
    function showCount(n) { count.textContent = n + " / " + rows.length + " " + rowsLabel; }
    showCount(rows.length);
    bar.appendChild(label);
    bar.appendChild(input);
    var verified = null;
    if (table.hasAttribute("data-verified-label")) {
      var check = document.createElement("label");
      check.className = "hb-verified-only";
      verified = document.createElement("input");
      verified.type = "checkbox";
      verified.id = id + "-verified";
      check.appendChild(verified);
      check.appendChild(document.createTextNode(" " + table.getAttribute("data-verified-label")));
      bar.appendChild(check);
    }
    bar.appendChild(count);
    var wrap = table.parentNode.classList.contains("hb-table-wrap") ? table.parentNode : table;
    wrap.parentNode.insertBefore(bar, wrap);

    function filter() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var onlyVerified = verified !== null && verified.checked;
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var keep = words.every(function (w) { return text.indexOf(w) !== -1; }) &&
          (!onlyVerified || row.getAttribute("data-review") === "verified");
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      showCount(shown);
    }
    input.addEventListener("input", filter);
    if (verified !== null) verified.addEventListener("change", filter);

    // Sorting: a button in each header cell.
    var sortLabel = table.getAttribute("data-sort-label") || "Sort by";
    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "hb-sort";
      button.title = sortLabel + " " + th.textContent.trim();
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(column); });
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
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
