/* The limit finder (finder/): every fact in one table, filtered by platform,
   kind, review status and plan (check boxes, "chips": several in one filter keep
   a row that matches any of them; filters together keep a row that matches
   each) and by words (a row that holds any of them). The filters' state is the
   page's query string, `?platform=hubspot&kind=rate-limit&plan=hubspot.professional&text=...`:
   every change rewrites the address (history.replaceState, no new history
   entry), and a page opened at such an address starts with those filters, so a
   filtered view is a link to send. A plan chip is one plan of one vendor
   (`plan=hubspot.professional`); which rows and figures it keeps is plans.js's
   rule, the fact tables' too. When nothing is left, the line below the table
   says so and offers to clear the filters. Without JavaScript the form takes no
   room and every row shows, in the reading order. */
(function () {
  "use strict";
  // The words it says (the count's "rows"): the string table's, in the page's <script id="hb-words">.
  var said = JSON.parse(document.getElementById("hb-words").textContent);

  var FILTERS = ["platform", "kind", "status", "plan"];
  var ROW_KEYS = { platform: "data-platform", kind: "data-kind", status: "data-review" };

  function list(nodes) { return Array.prototype.slice.call(nodes); }

  function setup(form) {
    var table = document.getElementById(form.getAttribute("data-table"));
    if (!table) return;
    var rows = list(table.tBodies[0].rows);
    var text = form.querySelector('input[name="text"]');
    var chips = list(form.querySelectorAll('input[type="checkbox"]'));
    var output = form.querySelector("output");
    var link = form.querySelector(".hb-finder-link");
    var rowsLabel = said.rows;

    // The address's filters: repeated keys (`platform=a&platform=b`) or commas (`platform=a,b`).
    function restore() {
      var params = new URLSearchParams(window.location.search);
      text.value = params.get("text") || "";
      chips.forEach(function (chip) {
        var wanted = [];
        params.getAll(chip.name).forEach(function (v) { wanted = wanted.concat(v.split(",")); });
        wanted = wanted.map(function (v) { return v.trim().toLowerCase(); });
        // An address from before plans had their vendor (`plan=growth`) still chooses that plan.
        chip.checked = wanted.some(function (v) {
          return v === chip.value || (v.indexOf(".") === -1 && chip.value.split(".")[1] === v);
        });
        // A folded filter (the plans) opens when the address chooses one of its values.
        var folded = chip.closest("details");
        if (chip.checked && folded) folded.open = true;
      });
    }

    function chosen(name) {
      var values = [];
      chips.forEach(function (chip) {
        if (chip.name === name && chip.checked) values.push(chip.value);
      });
      return values;
    }

    // Below the table: what an empty result says, and its button that clears the filters.
    var empty = table.parentNode.nextElementSibling;
    if (empty && !empty.classList.contains("hb-filter-empty")) empty = null;
    if (empty) empty.querySelector("button").addEventListener("click", function () { form.reset(); text.focus(); });

    function apply() {
      var selected = {};
      FILTERS.forEach(function (name) { selected[name] = chosen(name); });
      var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var keep = Object.keys(ROW_KEYS).every(function (name) {
          // A row may name several platforms: its own, and the vendors of a general fact's figures.
          var values = (row.getAttribute(ROW_KEYS[name]) || "").split(/\s+/);
          return selected[name].length === 0 || values.some(function (v) { return selected[name].indexOf(v) !== -1; });
        });
        keep = window.hbPlans.filterRow(row, selected.plan) && keep;
        if (keep && words.length) {
          var content = row.textContent.toLowerCase();
          keep = words.some(function (w) { return content.indexOf(w) !== -1; });
        }
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      output.textContent = shown + " / " + rows.length + " " + rowsLabel;
      if (empty) empty.hidden = shown !== 0;
      // The state, in the address and in the link beside the count.
      var params = new URLSearchParams();
      FILTERS.forEach(function (name) {
        chips.forEach(function (chip) { if (chip.name === name && chip.checked) params.append(name, chip.value); });
      });
      if (text.value.trim()) params.set("text", text.value.trim());
      var query = params.toString();
      var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(window.history.state, "", address);
      if (link) link.setAttribute("href", query ? "?" + query : "./");
    }

    restore();
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      text.value = "";
      chips.forEach(function (chip) { chip.checked = false; });
      apply();
    });
    apply();
  }

  function init() {
    list(document.querySelectorAll("form.hb-finder")).forEach(setup);
    // The form is shown from now on (handbook.css): it kept its room while invisible.
    document.documentElement.classList.add("hb-finder-ready");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
