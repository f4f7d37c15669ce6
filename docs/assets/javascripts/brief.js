/* The client brief (brief/), loaded on that page only. The reader picks the
   client's systems, a plan per system and the services in scope; the brief is
   assembled here from the page's language's data file (api/v1/brief.<lang>.json,
   written by hooks/handbook/brief.py, whose `assemble` is this file's logic in
   Python, held to the catalog by the tests). The picks are the page's query
   string, rewritten on every change (history.replaceState):
     ?systems=hubspot,xero&plans=hubspot:professional&services=int-crm-accounting
     &client=...&consultant=...&date=...   (the heading only when the reader keeps it)
   so the link is the brief, and the language switch carries it. An id the data
   does not know gets a visible note. "Copy brief" puts the brief on the
   clipboard as HTML and as text (Hebrew lines with direction marks). */
(function () {
  "use strict";

  var RLM = "\u200f";
  // What the page says as it copies: the string table's words, as for every script (overrides/main.html).
  var said = JSON.parse(document.getElementById("hb-words").textContent);
  var LATIN_END = /[A-Za-z0-9)\].%"'\u00bb\u2069]$/;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      if (Array.isArray(c)) c.forEach(function (n) { node.appendChild(n); });
      else node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  // A text of the data file: a string, or runs [direction, part] whose marked parts are isolated.
  function txt(value) {
    if (typeof value === "string") return [document.createTextNode(value)];
    return value.map(function (run) {
      return run[0] ? el("span", { dir: run[0] }, [run[1]]) : document.createTextNode(run[1]);
    });
  }

  function flat(value) {
    return typeof value === "string" ? value : value.map(function (run) { return run[1]; }).join("");
  }

  function split(value) {
    return (value || "").split(",").map(function (v) { return v.trim(); }).filter(Boolean);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  // The brief of the picks: brief.py's `assemble`, the same rules.
  function assemble(data, picks) {
    var known = {};
    data.platforms.forEach(function (p) { known[p.id] = p; });
    var unknown = picks.systems.filter(function (s) { return !known[s]; });
    var systems = picks.systems.filter(function (s, i) { return known[s] && picks.systems.indexOf(s) === i; });
    var involved = data.services.filter(function (s) {
      return s.platforms.some(function (p) { return systems.indexOf(p) !== -1; });
    }).map(function (s) { return s.id; });
    unknown = unknown.concat(picks.services.filter(function (s) { return involved.indexOf(s) === -1; }));
    var scope = involved.filter(function (s) { return !picks.services.length || picks.services.indexOf(s) !== -1; });
    var plans = {};
    Object.keys(picks.plans).forEach(function (s) {
      if (systems.indexOf(s) === -1) return;
      var offered = known[s].plans.some(function (kv) { return kv[0] === picks.plans[s]; });
      if (offered) plans[s] = picks.plans[s];
      else unknown.push(s + ":" + picks.plans[s]);
    });
    var slots = {};
    data.services.forEach(function (s) { slots[s.id] = s.systems; });
    var items = {}, order = [], leftOut = [];
    data.prerequisites.forEach(function (p) {
      if (scope.indexOf(p.service) === -1) return;
      var mine = systems.filter(function (s) { return p.platforms.indexOf(s) !== -1; });
      var replaced = p.platforms.length > 0 && p.platforms.every(function (x) {
        return slots[p.service].some(function (slot) {
          return slot.indexOf(x) !== -1 && slot.some(function (y) { return systems.indexOf(y) !== -1; });
        });
      });
      if (!mine.length && replaced) { leftOut.push(p); return; }
      var group = (mine.length ? mine : p.platforms.length ? p.platforms : [""])[0];
      if (!items[p.id]) { items[p.id] = { id: p.id, group: group, asks: [] }; order.push(p.id); }
      items[p.id].asks.push(p);
    });
    var groupOrder = [""].concat(systems);
    order.forEach(function (id) { if (groupOrder.indexOf(items[id].group) === -1) groupOrder.push(items[id].group); });
    var checklist = groupOrder.map(function (g) {
      return { group: g, items: order.filter(function (id) { return items[id].group === g; }).map(function (id) { return items[id]; }) };
    }).filter(function (g) { return g.items.length; });
    var answers = systems.map(function (s) {
      var chosen = plans[s] || "";
      var rows = data.answers.filter(function (a) { return a.platform === s; }).map(function (a) {
        var lines = a.lines.filter(function (line) {
          return !chosen || !line.plans.length || line.plans.indexOf(chosen) !== -1;
        });
        return { answer: a, lines: lines };
      });
      return { system: known[s], plan: chosen, rows: rows };
    });
    return {
      systems: systems.map(function (s) { return known[s]; }),
      unknown: unknown,
      services: data.services.filter(function (s) { return scope.indexOf(s.id) !== -1; }),
      checklist: checklist,
      leftOut: leftOut,
      answers: answers,
      changes: data.changes.filter(function (c) {
        return c.platforms.some(function (p) { return systems.indexOf(p) !== -1; });
      }),
      plans: plans,
      takeaways: data.takeaways.filter(function (t) {
        return t.services.some(function (s) { return scope.indexOf(s) !== -1; });
      })
    };
  }

  function setup(form, data) {
    var w = data.words;
    var root = form.getAttribute("data-root");
    var pageDir = document.documentElement.dir || "ltr";
    var output = document.getElementById("brief");
    var search = form.querySelector("#brief-search");
    var systemsBox = form.querySelector(".hb-brief-systems");
    var plansBox = form.querySelector(".hb-brief-plans");
    var servicesBox = form.querySelector(".hb-brief-services");
    var fields = ["client", "consultant", "date"].map(function (k) { return form.elements[k]; });
    var keep = form.elements.keep;
    var link = form.querySelector(".hb-brief-link");
    var byId = {}, serviceById = {};
    data.platforms.forEach(function (p) { byId[p.id] = p; });
    data.services.forEach(function (s) { serviceById[s.id] = s; });
    var picks = { systems: [], plans: {}, services: [] };

    function url(path) { return root + path; }
    function absolute(path) { return new URL(url(path), location.href).href; }
    function name(id) { return id && byId[id] ? byId[id].name : w.brief_every_system; }

    // -- the pickers ------------------------------------------------------
    data.platforms.forEach(function (p) {
      var box = el("input", { type: "checkbox", name: "system", value: p.id });
      var chip = el("label", { "class": "hb-chip", "data-names": p.names.join(" | ").toLowerCase() },
                    [box, " ", el("span", { dir: "auto" }, [p.name])]);
      systemsBox.appendChild(chip);
    });
    var chips = Array.prototype.slice.call(systemsBox.querySelectorAll("input"));

    function filterChips() {
      var q = search.value.trim().toLowerCase();
      chips.forEach(function (c) {
        var label = c.parentNode;
        label.hidden = q && !c.checked && label.getAttribute("data-names").indexOf(q) === -1;
      });
    }

    function drawPlans() {
      plansBox.textContent = "";
      picks.systems.forEach(function (s) {
        var p = byId[s];
        if (!p || !p.plans.length) return;
        var select = el("select", { name: "plan", "data-system": s, id: "brief-plan-" + s },
                        [el("option", { value: "" }, [w.brief_plan_any])]);
        p.plans.forEach(function (kv) { select.appendChild(el("option", { value: kv[0] }, [kv[1]])); });
        select.value = picks.plans[s] || "";
        plansBox.appendChild(el("label", { "class": "hb-brief-plan", "for": select.id },
                                [el("span", { dir: "auto" }, [p.name]), " ", select]));
      });
    }

    function drawServices() {
      servicesBox.textContent = "";
      data.services.forEach(function (s) {
        if (!s.platforms.some(function (p) { return picks.systems.indexOf(p) !== -1; })) return;
        var box = el("input", { type: "checkbox", name: "service", value: s.id });
        box.checked = !picks.services.length || picks.services.indexOf(s.id) !== -1;
        servicesBox.appendChild(el("label", { "class": "hb-chip" }, [box, " ", el("span", {}, [s.number + ". ", txt(s.title)])]));
      });
    }

    // -- the address --------------------------------------------------------
    function restore() {
      var params = new URLSearchParams(location.search);
      picks.systems = split(params.getAll("systems").join(","));
      picks.services = split(params.getAll("services").join(","));
      picks.plans = {};
      split(params.getAll("plans").join(",")).forEach(function (pair) {
        var at = pair.indexOf(":");
        if (at > 0) picks.plans[pair.slice(0, at)] = pair.slice(at + 1);
      });
      var kept = false;
      fields.forEach(function (f) { f.value = params.get(f.name) || ""; if (f.value) kept = true; });
      keep.checked = kept;
      chips.forEach(function (c) { c.checked = picks.systems.indexOf(c.value) !== -1; });
    }

    function query() {
      var parts = [];
      function add(key, value) { parts.push(key + "=" + encodeURIComponent(value).replace(/%2C/g, ",").replace(/%3A/g, ":")); }
      if (picks.systems.length) add("systems", picks.systems.join(","));
      var plans = picks.systems.filter(function (s) { return picks.plans[s]; })
        .map(function (s) { return s + ":" + picks.plans[s]; });
      if (plans.length) add("plans", plans.join(","));
      if (picks.services.length) add("services", picks.services.join(","));
      if (keep.checked) fields.forEach(function (f) { if (f.value.trim()) add(f.name, f.value.trim()); });
      return parts.length ? "?" + parts.join("&") : "";
    }

    function remember() {
      var q = query();
      history.replaceState(history.state, "", location.pathname + q + location.hash);
      link.setAttribute("href", q || "./");
      // The language switch leads to the same brief in the other language.
      Array.prototype.forEach.call(document.querySelectorAll("a[hreflang]"), function (a) {
        var href = a.getAttribute("href").split("?")[0];
        a.setAttribute("href", href + q);
      });
    }

    // -- the brief ------------------------------------------------------------
    function serviceLink(id, anchorUrl) {
      var s = serviceById[id];
      return el("a", { href: url(anchorUrl || s.url), title: flat(s.title) }, [String(s.number)]);
    }

    function section(title, id, children) {
      return el("section", { "class": "hb-brief-part", "aria-labelledby": id },
                [el("h2", { id: id }, [title])].concat(children));
    }

    function draw() {
      var b = assemble(data, picks);
      output.textContent = "";
      if (b.unknown.length) {
        output.appendChild(el("p", { "class": "hb-brief-unknown", role: "alert" },
                              [fill(w.brief_unknown, { ids: b.unknown.join(", ") })]));
      }
      if (!b.systems.length) {
        output.appendChild(el("p", { "class": "hb-brief-empty" }, [w.brief_empty]));
        return;
      }
      var doc = el("article", { "class": "hb-brief-doc", lang: data.lang });
      // The heading: the systems, the client, the consultant, the date, the brief's address.
      var head = el("header", { "class": "hb-brief-head" });
      // Each system isolated: a row of Latin names reads from the right on a Hebrew page.
      var title = el("h2", { id: "brief-title" });
      b.systems.forEach(function (p, i) {
        if (i) title.appendChild(document.createTextNode(" · "));
        title.appendChild(el("span", { dir: "auto" }, [p.name + (b.plans[p.id] ? " (" + planName(p, b.plans[p.id]) + ")" : "")]));
      });
      head.appendChild(title);
      var meta = el("p", { "class": "hb-brief-meta" });
      fields.forEach(function (f) {
        if (!f.value.trim()) return;
        meta.appendChild(el("span", {}, [el("strong", {}, [w["brief_" + f.name] + ": "]), f.value.trim()]));
      });
      if (meta.childNodes.length) head.appendChild(meta);
      var here = location.origin + location.pathname + query();
      head.appendChild(el("p", { "class": "hb-brief-address" }, [el("a", { href: here, dir: "ltr" }, [shortAddress(here)])]));
      doc.appendChild(head);

      doc.appendChild(section(w.brief_services, "brief-services", [el("ul", { "class": "hb-brief-services-list" },
        b.services.map(function (s) {
          return el("li", { "data-service": s.id }, [el("a", { href: url(s.url) }, [s.number + ". ", txt(s.title)])]);
        }))]));

      var checklist = [];
      b.checklist.forEach(function (g) {
        checklist.push(el("h3", {}, [name(g.group)]));
        checklist.push(el("ul", { "class": "hb-brief-checklist", "data-group": g.group }, g.items.map(function (item) {
          var first = item.asks[0];
          var asked = el("span", { "class": "hb-brief-asked", title: w.brief_asked_by }, []);
          item.asks.forEach(function (a, i) {
            if (i) asked.appendChild(document.createTextNode(", "));
            asked.appendChild(serviceLink(a.service, a.url));
          });
          return el("li", { "data-item": item.id }, [
            el("span", { "class": "hb-brief-box", "aria-hidden": "true" }, ["\u2610"]),
            el("span", { "class": "hb-brief-item" }, [el("span", { "class": "hb-brief-text" }, [txt(first.text)]), " ",
              el("span", { "class": "hb-brief-asked-by", dir: pageDir }, ["(", asked, ")"])])
          ]);
        })));
      });
      if (b.leftOut.length) {
        checklist.push(el("p", { "class": "hb-brief-left-out" }, [fill(w.brief_left_out, { count: b.leftOut.length })]));
      }
      doc.appendChild(section(w.brief_checklist, "brief-checklist", checklist));

      var answers = [];
      b.answers.forEach(function (s) {
        answers.push(el("h3", { "data-system": s.system.id }, [el("a", { href: url(s.system.url) }, [s.system.name]),
          s.plan ? " (" + planName(s.system, s.plan) + ")" : ""]));
        if (!s.rows.length) { answers.push(el("p", {}, [w.brief_no_answers])); return; }
        answers.push(el("ul", { "class": "hb-brief-answers", "data-system": s.system.id }, s.rows.map(function (r) {
          var a = r.answer;
          var li = el("li", { "data-fact": a.id, "class": a.official ? "hb-official-answer" : "" },
                      [el("a", { href: url(a.url), "class": "hb-brief-subject" }, [a.kind + " · ", txt(a.subject)]), ": "]);
          if (r.lines.length) {
            r.lines.forEach(function (line, i) {
              if (i) li.appendChild(document.createTextNode("; "));
              li.appendChild(el("span", { "class": "hb-brief-line", "data-plans": line.plans.join(",") },
                                [txt(line.text)]));
            });
          } else {
            var others = [];
            a.lines.forEach(function (line) { others = others.concat(line.plans); });
            li.appendChild(el("span", { "class": "hb-brief-other-plans" }, [fill(w.brief_other_plans, {
              plans: others.filter(function (p, i) { return others.indexOf(p) === i; }).map(function (p) {
                return planName(s.system, p);
              }).join(", ") })]));
          }
          li.appendChild(el("span", { "class": "hb-brief-review", "data-status": a.status }, [" · " + a.review]));
          return li;
        })));
      });
      doc.appendChild(section(w.brief_answers, "brief-answers", answers));

      doc.appendChild(section(w.brief_changes, "brief-changes", b.changes.length ? [el("ul", { "class": "hb-brief-changes" },
        b.changes.map(function (c) {
          return el("li", { "data-change": c.id }, [el("time", { datetime: c.date }, [c.date]), " (" + distance(c.date) + ") · ",
                                                    el("a", { href: url(c.url) }, [txt(c.title)])]);
        }))] : [el("p", {}, [w.brief_no_changes])]));

      doc.appendChild(section(w.brief_takeaways, "brief-takeaways", [el("ul", { "class": "hb-brief-takeaways" },
        b.takeaways.map(function (t) {
          return el("li", { "data-takeaway": t.id }, [el("a", { href: url(t.url) }, [txt(t.name)])]);
        }))]));
      output.appendChild(doc);
    }

    function planName(platform, key) {
      var found = platform.plans.filter(function (kv) { return kv[0] === key; })[0];
      return found ? found[1] : key;
    }

    // Days from today (the reader's) to a change; a month-only date counts from its first day.
    function distance(date) {
      var day = new Date((date.length === 7 ? date + "-01" : date) + "T00:00:00");
      var now = new Date(); now.setHours(0, 0, 0, 0);
      var n = Math.round((day - now) / 86400000);
      return n === 0 ? w.brief_today : n > 0 ? fill(w.brief_in_days, { n: n }) : fill(w.brief_days_ago, { n: -n });
    }

    function shortAddress(href) {
      return href.replace(/^https?:\/\//, "");
    }

    // -- copy ---------------------------------------------------------------------
    function copyBrief(button) {
      var doc = output.querySelector(".hb-brief-doc");
      if (!doc) return;
      var box = doc.cloneNode(true);
      Array.prototype.forEach.call(box.querySelectorAll("a[href]"), function (a) { a.setAttribute("href", a.href); });
      box.setAttribute("dir", document.documentElement.dir || "ltr");
      var html = box.outerHTML;
      var text = plainText(doc);
      var share = window.hbShare;
      var done = function () { if (share) share.announce(said.brief_copied, button, 2500, true); };
      if (window.isSecureContext && window.ClipboardItem && navigator.clipboard && navigator.clipboard.write) {
        navigator.clipboard.write([new ClipboardItem({
          "text/plain": new Blob([text], { type: "text/plain" }),
          "text/html": new Blob([html], { type: "text/html" })
        })]).then(done, function () { share.copyText(text).then(done); });
      } else if (share) {
        share.copyText(text).then(done);
      }
    }

    // A node's text, its runs of the other direction in Unicode isolates (as bidi.isolated does).
    function textOf(node) {
      if (node.nodeType === 3) return node.nodeValue;
      var inner = Array.prototype.map.call(node.childNodes, textOf).join("");
      var d = node.getAttribute && node.getAttribute("dir");
      if (d === "ltr" && pageDir === "rtl") return "\u2066" + inner + "\u2069";
      if (d === "rtl" && pageDir === "ltr") return "\u2067" + inner + "\u2069";
      return inner;
    }

    // The brief as text: a line per heading and item; Hebrew lines start right to left and
    // end with a mark after a Latin run, so that a mail client keeps their order.
    function plainText(doc) {
      var lines = [];
      Array.prototype.forEach.call(doc.querySelectorAll("h2, h3, p, li"), function (node) {
        var line = textOf(node).replace(/\s+/g, " ").trim();
        if (!line) return;
        if (node.tagName === "LI") line = (node.closest(".hb-brief-checklist") ? "\u2610 " : "- ") + line.replace(/^\u2610\s*/, "");
        if (node.tagName === "H2") lines.push("");
        if (node.classList.contains("hb-brief-address")) line = node.querySelector("a").href;
        lines.push(line);
      });
      var rtl = pageDir === "rtl";
      return lines.map(function (line) {
        if (!rtl || !line) return line;
        return RLM + line + (LATIN_END.test(line) ? RLM : "");
      }).join("\n").trim() + "\n";
    }

    // -- events -------------------------------------------------------------------
    function change(event) {
      var target = event.target;
      if (target === search) { filterChips(); return; }
      if (target.name === "system") {
        if (target.checked) picks.systems.push(target.value);
        else picks.systems = picks.systems.filter(function (s) { return s !== target.value; });
        picks.services = [];
        drawPlans();
        drawServices();
      } else if (target.name === "plan") {
        if (target.value) picks.plans[target.getAttribute("data-system")] = target.value;
        else delete picks.plans[target.getAttribute("data-system")];
      } else if (target.name === "service") {
        var boxes = Array.prototype.slice.call(servicesBox.querySelectorAll("input"));
        var on = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
        picks.services = on.length === boxes.length ? [] : on;
      }
      remember();
      draw();
    }

    restore();
    drawPlans();
    drawServices();
    remember();
    draw();
    form.addEventListener("change", change);
    form.addEventListener("input", function (event) {
      if (event.target === search) filterChips();
      else if (fields.indexOf(event.target) !== -1) { remember(); draw(); }
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.querySelector(".hb-brief-copy").addEventListener("click", function (event) { copyBrief(event.currentTarget); });
    form.querySelector(".hb-brief-print").addEventListener("click", function () { window.print(); });
    document.documentElement.classList.add("hb-brief-ready");
    form.hbBrief = { assemble: function (p) { return assemble(data, p); }, text: function () {
      var doc = output.querySelector(".hb-brief-doc"); return doc ? plainText(doc) : ""; } };
  }

  function init() {
    var form = document.getElementById("brief-form");
    if (!form) return;
    fetch(form.getAttribute("data-data")).then(function (r) { return r.json(); }).then(function (data) {
      setup(form, data);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
