// casebook's evidence map in the reader's browser: filters in the address, the selection,
// the count, the gap map, the case table, the world map, the timeline, the search and the
// "Make a brief" command. Plain JavaScript, no framework, nothing from the network.
//
// The selection rule is casebook.content.selection.select_cases, field by field: within a field any
// listed value will do, across fields every non-empty field must hold, and a case passes a
// leverage-point or characteristic filter when any of its interventions works there.
// tests/test_site_browser.py runs the same filters here and in Python and compares the ids.
// Search mirrors casebook.explorer.state.ExplorerState.cases: every word, anywhere in the
// case's lower-cased text.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("casebook-data").textContent);
  var cases = data.cases;
  var fields = data.fields;
  // the address names the map reads besides the filters: the explorer's search, and "case",
  // which a link from the explorer or a theme may carry (a --where field with no checkbox)
  var FIELD_NAMES = fields.map(function (f) { return f.name; }).concat(["case"]);
  var known = {}; // field name -> {value: label}
  fields.forEach(function (f) {
    known[f.name] = {};
    f.options.forEach(function (o) { known[f.name][o.value] = o.label; });
  });
  known["case"] = {};
  cases.forEach(function (c) { known["case"][c.id] = c.title; });

  // ``period``: [first year, last year] or null; ``card``: the case a link points to
  var state = { chosen: {}, search: "", period: null, card: null, unread: [], showAll: false };
  var searchIndex = null; // loaded on demand: the cases' text is most of the data

  // --- the address -------------------------------------------------------------------------

  // A value as --where reads it: an id or a name, in any case ("country=bhutan" and
  // "country=Bhutan" alike); the spellings come from casebook.content.selection.where_values.
  // A value --where refuses is undefined here, and the address reports it.
  function typed(name, value) {
    var spelled = data.spellings[name] || {};
    return spelled[value.trim().toLowerCase()];
  }

  // The explorer's own link parameters, read as casebook.explorer.state.Filters.from_query
  // reads them: "period=1995-2010" (the last one given; either year first) and "card=ID".
  var PERIOD = /^(\d{4})-(\d{4})$/;

  function readAddress(search) {
    var params = new URLSearchParams(search);
    var chosen = {};
    var unread = [];
    var words = [];
    var period = null, card = null;
    params.forEach(function (value, name) {
      var years = name === "period" && PERIOD.exec(value.trim());
      if (name === "search") {
        if (value.trim()) words.push(value.trim());
      } else if (years) {
        var a = Number(years[1]), b = Number(years[2]);
        period = [Math.min(a, b), Math.max(a, b)];
      } else if (name === "card" && known["case"][value.trim()]) {
        card = value.trim();
      } else if (FIELD_NAMES.indexOf(name) >= 0 && typed(name, value) !== undefined) {
        var v = typed(name, value);
        chosen[name] = chosen[name] || [];
        if (chosen[name].indexOf(v) < 0) chosen[name].push(v);
      } else if (value.trim() || FIELD_NAMES.indexOf(name) < 0) {
        // a value this casebook does not have is reported, never silently matched to nothing
        unread.push(name + "=" + value);
      }
    });
    return {
      chosen: chosen, search: words.join(" "), period: period, card: card, unread: unread,
      showAll: false
    };
  }

  // The view as an address: filters in the page's order, under their --where names.
  function query() {
    var params = new URLSearchParams();
    FIELD_NAMES.forEach(function (name) {
      (state.chosen[name] || []).forEach(function (v) { params.append(name, v); });
    });
    if (state.period) params.append("period", state.period.join("-"));
    if (state.search.trim()) params.append("search", state.search.trim());
    if (state.card) params.append("card", state.card);
    return params.toString();
  }

  // --- the selection -----------------------------------------------------------------------

  function passes(record, chosen) {
    for (var name in chosen) {
      var wanted = chosen[name];
      if (!wanted.length) continue;
      var mine = record.v[name];
      var hit = false;
      for (var k = 0; k < mine.length && !hit; k++) hit = wanted.indexOf(mine[k]) >= 0;
      if (!hit) return false;
    }
    return true;
  }

  function found(record, words) {
    var text = searchIndex.cases[record.id] || "";
    for (var k = 0; k < words.length; k++) if (text.indexOf(words[k]) < 0) return false;
    return true;
  }

  // overlapping the period: begun by its last year, and not finished before its first
  // (casebook.explorer.state.ExplorerState.cases); an ongoing case runs on
  function during(record, period) {
    return record.start <= period[1] && (record.end === null ? 9999 : record.end) >= period[0];
  }

  function selection() {
    var words = state.search.toLowerCase().split(/\s+/).filter(Boolean);
    var useWords = words.length && searchIndex;
    var period = state.period;
    return cases.filter(function (c) {
      return passes(c, state.chosen) && (!period || during(c, period)) &&
        (!useWords || found(c, words));
    });
  }

  // --- the views ---------------------------------------------------------------------------

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text; // text, never markup
    for (var name in attributes || {}) node.setAttribute(name, attributes[name]);
    return node;
  }

  function describeFilters() {
    var parts = [];
    fields.concat([{ name: "case", label: "Case" }]).forEach(function (f) {
      var values = state.chosen[f.name] || [];
      if (values.length) {
        parts.push(f.label.toLowerCase() + ": " + values.map(function (v) { return known[f.name][v]; }).join(" or "));
      }
    });
    if (state.period) parts.push("period: " + state.period.join("–"));
    if (state.search.trim()) parts.push("search: " + state.search.trim());
    return parts.length ? "Showing cases with " + parts.join("; ") + "." : "No filter: every case is shown.";
  }

  function drawTable(chosen) {
    var body = document.querySelector("#case-table tbody");
    var rows = state.showAll ? chosen : chosen.slice(0, data.tableRows);
    var fragment = document.createDocumentFragment();
    rows.forEach(function (c) {
      var row = element("tr", null, { "data-case": c.id });
      if (c.id === state.card) { row.className = "card"; row.setAttribute("aria-current", "true"); }
      var title = element("th", null, { scope: "row" });
      var link = element("a", c.title, { href: c.href });
      if (document.body.classList.contains("single-file")) link = element("span", c.title);
      title.appendChild(link);
      row.appendChild(title);
      [c.place, c.level, c.approach, c.grade, c.start + "–" + (c.end || "ongoing"), String(c.deepest)]
        .forEach(function (cell) { row.appendChild(element("td", cell)); });
      fragment.appendChild(row);
    });
    body.replaceChildren(fragment);
    var note = document.getElementById("table-note");
    var more = document.getElementById("show-all");
    note.hidden = more.hidden = rows.length === chosen.length;
    note.textContent = "The first " + rows.length + " of " + chosen.length + " cases.";
    more.textContent = "Show all " + chosen.length + " cases";
  }

  // A link from the explorer may name the case on its card: the page says which, links to
  // the case's own page and marks the case's row in the table.
  function drawCard(chosen) {
    var note = document.getElementById("card-note");
    var record = state.card && cases.find(function (c) { return c.id === state.card; });
    note.hidden = !record;
    if (!record) return;
    var shown = chosen.some(function (c) { return c.id === record.id; });
    var single = document.body.classList.contains("single-file");
    note.replaceChildren(
      element("span", "The link points to one case: "),
      single ? element("strong", record.title) : element("a", record.title, { href: record.href }),
      element("span", shown ? " (marked in the table)." : "; it is not among the cases these filters choose.")
    );
  }

  function drawSources() {
    var section = document.getElementById("source-results");
    var words = state.search.toLowerCase().split(/\s+/).filter(Boolean);
    section.hidden = !(words.length && searchIndex);
    if (section.hidden) return;
    var list = document.getElementById("source-list");
    var hits = searchIndex.sources.filter(function (s) {
      var text = (s.title + " " + s.who + " " + (s.year || "")).toLowerCase();
      return words.every(function (w) { return text.indexOf(w) >= 0; });
    });
    var fragment = document.createDocumentFragment();
    hits.slice(0, 50).forEach(function (s) {
      var item = element("li");
      item.appendChild(element("span", s.who + (s.year ? " (" + s.year + ")" : "") + ". "));
      item.appendChild(s.url ? element("a", s.title, { href: s.url, rel: "noopener noreferrer" }) : element("em", s.title));
      var citing = s.cases.filter(function (id) { return known["case"][id]; });
      if (citing.length) {
        item.appendChild(element("span", ". Cited by: "));
        citing.forEach(function (id, k) {
          var record = cases.find(function (c) { return c.id === id; });
          item.appendChild(element("a", record.title, { href: record.href }));
          if (k < citing.length - 1) item.appendChild(element("span", "; "));
        });
      }
      fragment.appendChild(item);
    });
    if (!hits.length) fragment.appendChild(element("li", "No source matches every word."));
    list.replaceChildren(fragment);
  }

  // The brief command for this view: casebook brief THEME --where FIELD=VALUE ..., each
  // argument quoted for a POSIX shell when it holds anything but safe characters. With a
  // search on, the shown cases themselves stand for the view (as the explorer's Filters.where).
  function shellWord(word) {
    return /^[A-Za-z0-9_.,:=\/+-]+$/.test(word) ? word : "'" + word.replace(/'/g, "'\\''") + "'";
  }

  function briefCommand(chosen) {
    var theme = document.getElementById("brief-theme");
    var words = ["casebook", "brief", theme && theme.value ? theme.value : "THEME"];
    var where = [];
    if (state.search.trim() || state.period) {
      chosen.forEach(function (c) { where.push("case=" + c.id); });
    } else {
      FIELD_NAMES.forEach(function (name) {
        (state.chosen[name] || []).forEach(function (v) { where.push(name + "=" + v); });
      });
    }
    where.forEach(function (w) { words.push("--where", w); });
    return words.map(shellWord).join(" ");
  }

  // --- the charts (drawn once plotly.js is on the page) ------------------------------------

  var CONFIG = { displaylogo: false, responsive: true };
  var MAP_LABELS = 200; // the most cases whose place names the world map writes beside them

  // The gap map's cells for the selection (gapmap.js counts them, as
  // casebook.analysis.gap_map does), as plotly's traces: the gaps, then one trace per grade.
  function gapTraces(chosen) {
    var gap = data.gap;
    var counted = window.casebookGap.cells(gap, chosen);
    var traces = [{
      type: "scatter", x: counted.empty.x, y: counted.empty.y, mode: "markers", name: counted.gap,
      marker: { size: 10, symbol: "circle-open", color: "#999" },
      hovertemplate: "%{y} × %{x}: no case<extra></extra>"
    }];
    gap.grades.forEach(function (g) {
      var part = counted.byGrade[g.id];
      if (!part) return;
      traces.push({
        type: "scatter", x: part.x, y: part.y, mode: "markers+text", name: g.id,
        text: part.n, textposition: "middle center", textfont: { color: g.text },
        customdata: part.titles,
        marker: {
          size: part.n.map(function (n) { return window.casebookGap.size(n, counted.biggest); }),
          color: g.colour, line: { width: 0 }
        },
        hovertemplate: "%{y} × %{x}: %{text} cases<br>%{customdata}<extra>" + g.id + "</extra>"
      });
    });
    return traces;
  }

  // A chart whose points belong to cases: keep the points of the chosen cases, trace by trace.
  function keepPoints(figure, ids, keep, arrays) {
    return figure.data.map(function (trace, t) {
      var copy = Object.assign({}, trace);
      var rows = [];
      ids[t].forEach(function (id, k) { if (keep[id]) rows.push(k); });
      arrays.forEach(function (name) {
        if (Array.isArray(trace[name])) copy[name] = rows.map(function (k) { return trace[name][k]; });
      });
      return copy;
    });
  }

  // Before plotly.js is on the page the gap map is drawn as a plain SVG from the page's own
  // data (gapmap.js): the first chart needs no library. plotly.js then replaces it.
  function drawGapMap(chosen) {
    var box = document.getElementById("gap-map");
    if (!ready()) {
      window.casebookGap.draw(box, data.gap, window.casebookGap.cells(data.gap, chosen), choose);
      return;
    }
    var sketch = box.querySelector("svg.gap-sketch");
    if (sketch) sketch.remove();
    Plotly.react(box, gapTraces(chosen), Object.assign({}, charts.gapLayout), CONFIG);
  }

  function drawWorld(chosen) {
    var keep = {};
    chosen.forEach(function (c) { keep[c.id] = true; });
    var places = keepPoints(charts.map.figure, charts.map.ids, keep,
      ["lat", "lon", "text", "hovertext"]);
    if (chosen.length > MAP_LABELS) {
      // hundreds of place names overlap into a smudge and cost most of a redraw: the
      // points alone, each still named on hover
      places.forEach(function (trace) { trace.mode = "markers"; });
    }
    Plotly.react("world-map", places, charts.map.figure.layout, CONFIG);
  }

  function drawTimeline(chosen) {
    // the timeline: the earliest-starting cases of the selection, as the explorer draws it,
    // in casebook.analysis.intervention_timeline's order (case id, year, point)
    var first = chosen.slice().sort(function (a, b) { return a.start - b.start; })
      .slice(0, charts.timeline.cases)
      .sort(function (a, b) { return a.id < b.id ? -1 : 1; });
    var timeline = charts.timeline.figure.data.map(function (trace) {
      return Object.assign({}, trace, { x: [], y: [], customdata: [] });
    });
    var titles = [];
    first.forEach(function (c) {
      var dated = charts.points[c.id] || [];
      if (dated.length) titles.push(c.title);
      dated.forEach(function (p) { // [trace, year, point, the point's name]
        timeline[p[0]].x.push(p[1]);
        timeline[p[0]].y.push(c.title);
        timeline[p[0]].customdata.push([String(p[2]), p[3]]);
      });
    });
    var layout = JSON.parse(JSON.stringify(charts.timeline.figure.layout));
    layout.height = 140 + 28 * titles.length;
    layout.yaxis.categoryarray = titles.reverse();
    Plotly.react("timeline", timeline, layout, CONFIG);
  }

  // The world map and the timeline sit below the fold: a filter change redraws them only
  // while they are in view, and the others when they come into view, so a change costs
  // what the reader sees (thousands of points on the world map would cost the most).
  var LATER = { "world-map": drawWorld, "timeline": drawTimeline };
  var inView = {}; // chart id -> whether it is on screen (unknown counts as on screen)
  var stale = {}; // chart id -> its drawing is behind the filters
  if (window.IntersectionObserver) {
    var watcher = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        var id = entry.target.id;
        inView[id] = entry.isIntersecting;
        if (entry.isIntersecting && stale[id] && ready()) {
          stale[id] = false;
          LATER[id](selection());
        }
      });
    }, { rootMargin: "200px" });
    Object.keys(LATER).forEach(function (id) { watcher.observe(document.getElementById(id)); });
  }

  // ``first``: plotly.js has just arrived; the gap map is replaced before the world map and
  // the timeline are drawn (the map's outline is the slowest to draw).
  function drawCharts(chosen, first) {
    drawGapMap(chosen);
    if (!ready()) return;
    Object.keys(LATER).forEach(function (id) {
      if (first) {
        setTimeout(function () { LATER[id](selection()); }, 0);
      } else if (inView[id] === false) {
        stale[id] = true;
      } else {
        LATER[id](chosen);
      }
    });
  }

  // --- plotly.js and the charts' data, after the first screen --------------------------------

  // the charts' own data (the world map's places, the timeline's points, plotly's layouts):
  // the site loads it with plotly.js; the single file carries it inline
  var charts = null;
  function ready() { return Boolean(window.Plotly && charts); }

  function script(src, then) {
    // a script, not fetch(): a page opened from a folder (file://) may load scripts only
    var tag = element("script", null, { src: src });
    tag.onload = then;
    document.body.appendChild(tag);
  }

  function loadPlotly() {
    // nothing of the charts' library is fetched until the filters, count, table and the gap
    // map are on screen and painted; then the charts' data, the world's outline and plotly.js
    var inline = document.getElementById("casebook-charts");
    var arrived = function () {
      if (!ready()) return;
      update(false, true);
      bindClicks();
    };
    if (inline) { // the single file: plotly.js is inline after this script
      charts = JSON.parse(inline.textContent);
      if (window.Plotly) arrived(); else window.addEventListener("load", arrived);
      return;
    }
    script("assets/charts.js", function () { charts = window.casebookCharts; arrived(); });
    script("assets/world.js", function () {
      script("assets/plotly.min.js", arrived);
    });
  }

  function afterFirstPaint(then) {
    var go = function () { requestAnimationFrame(function () { setTimeout(then, 0); }); };
    if (document.readyState === "complete") go(); else window.addEventListener("load", go);
  }

  // choosing a bubble on the gap map filters by its leverage point and approach
  function choose(point, approach) {
    state.chosen.leverage_point = [String(parseInt(point, 10))];
    state.chosen.approach = [approach];
    update(true);
  }

  function bindClicks() {
    var gap = document.getElementById("gap-map");
    if (!gap.on) return;
    gap.on("plotly_click", function (event) {
      var point = event.points[0];
      if (!point || point.data.name === window.casebookGap.GAP) return;
      choose(point.y, point.x);
    });
  }

  // --- the search index (loaded when first needed) -----------------------------------------

  function loadSearch(then) {
    if (searchIndex) return then();
    var inline = document.getElementById("casebook-search");
    if (inline) { searchIndex = JSON.parse(inline.textContent); return then(); }
    script("assets/search.js", function () { searchIndex = window.casebookSearch; then(); });
  }

  // --- putting it together -----------------------------------------------------------------

  function syncForm() {
    document.querySelectorAll("#filters input[type=checkbox]").forEach(function (box) {
      box.checked = (state.chosen[box.name] || []).indexOf(box.value) >= 0;
    });
    // never while the reader is typing: a redraw (plotly.js arriving, say) would wipe the
    // words not yet read into the view
    var box = document.getElementById("search");
    if (document.activeElement !== box) box.value = state.search;
  }

  // ``remember``: put the view in the address; ``first``: plotly.js has just arrived
  function update(remember, first) {
    if (state.search.trim() && !searchIndex) {
      return loadSearch(function () { update(remember, first); });
    }
    var chosen = selection();
    document.getElementById("case-count").textContent = chosen.length;
    document.getElementById("active-filters").textContent = describeFilters();
    var unread = document.getElementById("unread");
    unread.hidden = !state.unread.length;
    unread.textContent = "This link asked for " + state.unread.join(", ") +
      ", which this casebook does not have; the rest of the view is as the link set it.";
    drawCard(chosen);
    var address = query();
    var link = document.getElementById("view-link");
    link.href = location.pathname.split("/").pop() + (address ? "?" + address : "");
    if (remember) history.replaceState(null, "", address ? "?" + address : location.pathname);
    document.getElementById("brief-command").textContent = briefCommand(chosen);
    syncForm();
    drawTable(chosen);
    drawSources();
    drawCharts(chosen, first);
    document.body.setAttribute("data-ready", "1"); // for tests and the benchmark: views drawn
    return chosen;
  }

  function fromForm() {
    var chosen = {};
    document.querySelectorAll("#filters input[type=checkbox]:checked").forEach(function (box) {
      (chosen[box.name] = chosen[box.name] || []).push(box.value);
    });
    if (state.chosen["case"]) chosen["case"] = state.chosen["case"]; // kept until cleared
    state.chosen = chosen;
    state.unread = [];
  }

  document.getElementById("filters").addEventListener("change", function () { fromForm(); update(true); });
  document.getElementById("filters").addEventListener("submit", function (event) {
    event.preventDefault(); fromForm(); update(true);
  });
  var searchBox = document.getElementById("search");
  var typing = null;
  searchBox.addEventListener("input", function () {
    clearTimeout(typing); // wait for a pause in typing, then search
    typing = setTimeout(function () { state.search = searchBox.value; update(true); }, 200);
  });
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault(); state.search = searchBox.value; update(true);
  });
  document.getElementById("show-all").addEventListener("click", function () {
    state.showAll = true; drawTable(selection());
  });
  document.getElementById("brief-theme").addEventListener("change", function () {
    document.getElementById("brief-command").textContent = briefCommand(selection());
  });
  function copier(button, text) {
    document.getElementById(button).addEventListener("click", function () {
      var done = function () { document.getElementById(button).textContent = "Copied"; };
      if (navigator.clipboard) navigator.clipboard.writeText(text()).then(done, function () {});
    });
  }
  copier("copy-link", function () { return document.getElementById("view-link").href; });
  copier("copy-command", function () { return document.getElementById("brief-command").textContent; });

  // The page's own test hook: the selection for an address, without touching the page.
  window.casebookSite = {
    select: function (search) {
      var saved = state;
      state = readAddress(search);
      var ids = selection().map(function (c) { return c.id; });
      state = saved;
      return ids;
    },
    update: update
  };

  state = readAddress(location.search);
  update(false);
  afterFirstPaint(loadPlotly);
})();
