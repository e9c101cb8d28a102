// casebook's gap map without plotly.js: the cells counted for a selection, and drawn as a
// plain SVG so that the map's first chart needs no more than the page's own data. plotly.js
// (4.8 MB) arrives later and replaces the drawing with the same cells, interactive.
//
// The counting is casebook.analysis.crosscase.gap_map's: a case counts once per cell (a
// leverage point and an approach), and a cell's grade is the lower median of its cases'
// grades, so it never overstates. site.js draws plotly's traces from the same cells.
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var GAP = "gap (no case)";

  // rows in the figure's order (12, the shallowest, first), columns by approach
  function cells(gap, chosen) {
    var rank = {}, byRank = {};
    gap.grades.forEach(function (g) { rank[g.id] = g.rank; byRank[g.rank] = g; });
    var rowOf = {}; // leverage point -> its row's label
    gap.points.forEach(function (p, k) { rowOf[p] = gap.rows[k]; });
    var found = {};
    chosen.forEach(function (c) {
      var approach = c.v.approach[0];
      c.v.leverage_point.forEach(function (p) {
        var key = rowOf[p] + "\u0000" + approach;
        (found[key] = found[key] || []).push(c);
      });
    });
    var biggest = 1;
    for (var key in found) biggest = Math.max(biggest, found[key].length);
    var empty = { x: [], y: [] }, byGrade = {};
    gap.rows.forEach(function (row) {
      gap.approaches.forEach(function (approach) {
        var mine = found[row + "\u0000" + approach] || [];
        if (!mine.length) { empty.x.push(approach); empty.y.push(row); return; }
        var ranks = mine.map(function (c) { return rank[c.v.grade[0]] || 0; })
          .sort(function (a, b) { return a - b; });
        var grade = byRank[ranks[Math.floor((ranks.length - 1) / 2)]];
        var part = byGrade[grade.id] = byGrade[grade.id] || { x: [], y: [], n: [], titles: [] };
        var titles = mine.map(function (c) { return c.title; }).sort().join("; ");
        part.x.push(approach); part.y.push(row); part.n.push(mine.length);
        part.titles.push(titles.length < 300 ? titles : titles.slice(0, 300) + "…");
      });
    });
    return { empty: empty, byGrade: byGrade, biggest: biggest, gap: GAP };
  }

  // a bubble's diameter, as plotly's marker size
  function size(n, biggest) { return 18 + 42 * n / biggest; }

  function node(tag, attributes, text) {
    var made = document.createElementNS(SVG, tag);
    for (var name in attributes) made.setAttribute(name, attributes[name]);
    if (text !== undefined) made.textContent = text; // text, never markup
    return made;
  }

  // The labels' width in the page's chart font, so that the longest leverage point fits.
  function widest(labels, font) {
    var canvas = document.createElement("canvas").getContext("2d");
    if (!canvas) return 300;
    canvas.font = font;
    return labels.reduce(function (w, l) { return Math.max(w, canvas.measureText(l).width); }, 0);
  }

  // The drawing, laid out as plotly lays out the gap map's figure (rows top to bottom from
  // leverage point 1, the deepest, as plotly's category axis puts the first category lowest).
  // ``choose(point, approach)`` is called when a reader chooses a bubble.
  function draw(container, gap, counted, choose) {
    var width = container.clientWidth || 800;
    var height = gap.height;
    var font = "12px Arial, 'DejaVu Sans', sans-serif";
    var left = 30 + Math.min(widest(gap.rows, font), width * 0.45) + 16;
    var right = width - 10;
    var top = 45, bottom = height - 165;
    var step = (bottom - top) / gap.rows.length;
    // plotly pads a category axis of bubbles by about a quarter of a column each side
    var column = (right - left) / (gap.approaches.length - 1 + 0.54);
    var yOf = {}, xOf = {};
    gap.rows.slice().reverse().forEach(function (row, k) { yOf[row] = top + step * (k + 0.5); });
    gap.approaches.forEach(function (a, k) { xOf[a] = left + column * (k + 0.27); });

    var svg = node("svg", {
      class: "gap-sketch", width: width, height: height, viewBox: "0 0 " + width + " " + height,
      role: "img",
      "aria-label": "Gap map: how many of the chosen cases intervened at each leverage point, by approach",
      "font-family": "Arial, 'DejaVu Sans', sans-serif", "font-size": 12, fill: "#2a3f5f",
      style: "display: block"
    });
    gap.rows.forEach(function (row) {
      svg.appendChild(node("text", { x: left - 12, y: yOf[row] + 4, "text-anchor": "end" }, row));
    });
    gap.approaches.forEach(function (a) {
      svg.appendChild(node("text", { x: xOf[a], y: bottom + 48, "text-anchor": "middle" }, a));
    });
    svg.appendChild(node("text", { x: (left + right) / 2, y: bottom + 75, "text-anchor": "middle", "font-size": 14 }, "approach"));
    svg.appendChild(node("text", {
      x: 14, y: (top + bottom) / 2, "text-anchor": "middle", "font-size": 14,
      transform: "rotate(-90 14 " + (top + bottom) / 2 + ")"
    }, "leverage point"));

    counted.empty.x.forEach(function (a, k) {
      svg.appendChild(node("circle", { cx: xOf[a], cy: yOf[counted.empty.y[k]], r: 5, fill: "none", stroke: "#999" }));
    });
    var legend = [{ name: GAP }];
    gap.grades.forEach(function (g) {
      var part = counted.byGrade[g.id];
      if (!part) return;
      legend.push({ name: g.id, colour: g.colour });
      part.x.forEach(function (a, k) {
        var row = part.y[k], n = part.n[k];
        var bubble = node("g", {
          class: "bubble", "data-point": row.split(" ")[0], "data-approach": a, "data-cases": n,
          "data-grade": g.id
        });
        bubble.appendChild(node("title", {}, row + " × " + a + ": " + n + " cases (" + g.id + ")\n" + part.titles[k]));
        bubble.appendChild(node("circle", { cx: xOf[a], cy: yOf[row], r: size(n, counted.biggest) / 2, fill: g.colour, "fill-opacity": 0.7 }));
        bubble.appendChild(node("text", { x: xOf[a], y: yOf[row] + 4, "text-anchor": "middle", fill: g.text }, String(n)));
        svg.appendChild(bubble);
      });
    });
    // the legend, centred under the plot
    var x = (left + right) / 2 - legend.length * 55, y = height - 24;
    legend.forEach(function (item) {
      svg.appendChild(item.colour
        ? node("circle", { cx: x, cy: y, r: 6, fill: item.colour, "fill-opacity": 0.7 })
        : node("circle", { cx: x, cy: y, r: 5, fill: "none", stroke: "#999" }));
      svg.appendChild(node("text", { x: x + 14, y: y + 4 }, item.name));
      x += 30 + 7 * item.name.length;
    });
    svg.addEventListener("click", function (event) {
      var bubble = event.target.closest && event.target.closest("g.bubble");
      if (bubble && choose) choose(bubble.getAttribute("data-point"), bubble.getAttribute("data-approach"));
    });
    container.replaceChildren(svg);
  }

  window.casebookGap = { cells: cells, draw: draw, size: size, GAP: GAP };
})();
