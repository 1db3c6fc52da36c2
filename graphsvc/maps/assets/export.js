/* graphsvc map page, report-ready exports: the current view as PNG (2x or 3x, whatever the
 * screen's pixel ratio) and as SVG (nodes, links and labels as SVG elements at the network's
 * positions, country outlines under them on the geographic layout), both stamped with the full
 * title (wrapped, never cut), the view, filters and period applied, the date of export, and a
 * legend drawing the real shapes and line styles.
 *
 * One scene (a list of shapes in CSS pixels) is drawn by two painters, a canvas and an SVG
 * writer, so the two files show the same picture. Loaded before map.js, which calls
 * graphsvcParts.exporter(shared).
 */
(function () {
  "use strict";
  var parts = window.graphsvcParts = window.graphsvcParts || {};
  var FONT = "Arial, Helvetica, sans-serif";
  var INK = "#1B1B1B";
  var PAD = 16;
  var LEGEND_WIDTH = 300;

  parts.exporter = function (map) {
    var data = map.data;
    var measure = document.createElement("canvas").getContext("2d");

    // ---- text ----------------------------------------------------------------------------------
    function wrap(text, size, weight, width) {
      measure.font = (weight || "normal") + " " + size + "px " + FONT;
      var lines = [];
      String(text).split(/\s+/).filter(Boolean).forEach(function (word) {
        var last = lines.length ? lines[lines.length - 1] : null;
        if (last !== null && measure.measureText(last + " " + word).width <= width) {
          lines[lines.length - 1] = last + " " + word;
        } else {
          lines.push(word);  // a word wider than the width stays whole on its own line
        }
      });
      return lines.length ? lines : [""];
    }

    /* Wrapped text as scene items from (x, y) down; returns the y below it. */
    function block(items, text, x, y, size, width, extra) {
      var weight = (extra && extra.weight) || "normal";
      wrap(text, size, weight, width).forEach(function (line) {
        y += size * 1.3;
        items.push(Object.assign({ t: "text", x: x, y: y - size * 0.3, text: line, size: size,
          weight: weight, fill: INK }, extra || {}));
      });
      return y;
    }

    function today() {
      var now = new Date();
      return now.getDate() + " " + map.months[now.getMonth()] + " " + now.getFullYear();
    }

    // ---- shapes as vis-network draws them --------------------------------------------------------
    function star(x, y, r) {
      var points = [];
      r *= 0.82;
      y += 0.1 * r;
      for (var n = 0; n < 10; n += 1) {
        var radius = n % 2 === 0 ? r * 1.3 : r * 0.5;
        points.push(x + radius * Math.sin(n * 2 * Math.PI / 10), y - radius * Math.cos(n * 2 * Math.PI / 10));
      }
      return points;
    }

    function triangle(x, y, r, down) {
      var s = r * 2;
      var inner = Math.sqrt(3) / 6 * s;
      var h = Math.sqrt(s * s - s * s / 4);
      var k = down ? -1 : 1;
      return [x, y - k * (h - inner), x + s / 2, y + k * inner, x - s / 2, y + k * inner];
    }

    function shape(kind, x, y, r, style) {
      var item = Object.assign({ t: "poly" }, style);
      if (kind === "square") {
        item.pts = [x - r, y - r, x + r, y - r, x + r, y + r, x - r, y + r];
      } else if (kind === "diamond") {
        item.pts = [x, y - r, x + r, y, x, y + r, x - r, y];
      } else if (kind === "triangle" || kind === "triangleDown") {
        item.pts = triangle(x, y, r, kind === "triangleDown");
      } else if (kind === "star") {
        item.pts = star(x, y, r);
      } else if (kind === "hexagon") {
        item.pts = [];
        for (var i = 0; i < 6; i += 1) {
          item.pts.push(x + r * Math.cos(i * Math.PI / 3), y + r * Math.sin(i * Math.PI / 3));
        }
      } else {
        return Object.assign({ t: "circle", x: x, y: y, r: r }, style);
      }
      return item;
    }

    function groupOf(node) { return (data.options.groups || {})[node.group || node.kind] || {}; }

    // ---- the map -------------------------------------------------------------------------------
    /* vis-network's control point for a curved link (BezierEdgeStatic), in screen units. */
    function via(a, b, smooth) {
      if (!smooth || !smooth.enabled || (smooth.type !== "curvedCW" && smooth.type !== "curvedCCW")) {
        return null;
      }
      var factor = smooth.roundness === undefined ? 0.5 : smooth.roundness;
      var radius = Math.hypot(a.x - b.x, a.y - b.y);
      var angle = Math.atan2(a.y - b.y, a.x - b.x);
      var turn = smooth.type === "curvedCW" ? factor * 0.5 + 0.5 : -factor * 0.5 + 0.5;
      var my = (angle + turn * Math.PI) % (2 * Math.PI);
      var reach = (factor * 0.5 + 0.5) * radius;
      return { x: a.x + reach * Math.sin(my), y: a.y + reach * Math.cos(my) };
    }

    function mapItems(width, height) {
      var network = map.network;
      var scale = network.getScale();
      var origin = network.canvasToDOM({ x: 0, y: 0 });
      function screen(p) { return { x: origin.x + p.x * scale, y: origin.y + p.y * scale }; }
      var items = [{ t: "rect", x: 0, y: 0, w: width, h: height, fill: "#FFFFFF" }];
      if (map.layout() === "geographic") {
        (data.outlines || []).forEach(function (flat) {
          var pts = flat.map(function (v, i) { return i % 2 ? origin.y + v * scale : origin.x + v * scale; });
          items.push({ t: "poly", pts: pts, fill: "#F1EEE6", stroke: "#B5B0A5", sw: 1, cls: "outline" });
        });
      }
      var shown = map.visibleGraph();
      var at = {};
      var drawn = {};
      shown.nodes.forEach(function (n) {
        at[n.id] = screen(shown.positions[n.id]);
        drawn[n.id] = n;
      });
      var defaults = data.options.edges;
      shown.edges.forEach(function (e) {
        var a = at[e.from];
        var b = at[e.to];
        var colour = (e.color && e.color.color) || defaults.color.color;
        var opacity = e.color && e.color.opacity !== undefined ? e.color.opacity : 1;
        var sw = Math.max(0.6, (e.width || defaults.width) * scale);
        var control = via(a, b, e.smooth);
        var from = control || a;
        var r = (drawn[e.to].size || 10) * scale + 1;
        var d = Math.hypot(b.x - from.x, b.y - from.y) || 1;
        var tip = { x: b.x - (b.x - from.x) / d * r, y: b.y - (b.y - from.y) / d * r };
        var length = Math.min(14, Math.max(5, (8 + 2 * sw) * Math.min(1, scale * 1.5)));
        var ux = (tip.x - from.x) / d;
        var uy = (tip.y - from.y) / d;
        var end = { x: tip.x - ux * length, y: tip.y - uy * length };
        items.push({ t: "line", a: a, c: control, b: end, stroke: colour, sw: sw, op: opacity,
          dash: e.dashes ? [5 * Math.max(scale, 0.6), 5 * Math.max(scale, 0.6)] : null, cls: "edge" });
        items.push({ t: "poly", pts: [tip.x, tip.y, end.x - uy * length * 0.45, end.y + ux * length * 0.45,
          end.x + uy * length * 0.45, end.y - ux * length * 0.45], fill: colour, op: opacity, cls: "arrow" });
      });
      shown.nodes.forEach(function (n) {
        var group = groupOf(n);
        var colour = n.color || group.color || {};
        var style = { fill: colour.background || "#777777", stroke: colour.border || "#FFFFFF",
          sw: Math.max(1, (n.borderWidth || 1) * Math.min(scale, 2)),
          op: n.opacity === undefined ? 1 : n.opacity, cls: "node", id: n.id };
        items.push(shape(n.shape || group.shape || "dot", at[n.id].x, at[n.id].y,
          Math.max(2, (n.size || 10) * scale), style));
      });
      map.labelled().forEach(function (id) {
        var n = drawn[id];
        if (!n || !n.font) { return; }
        var px = n.font.size * scale;
        var top = at[id].y + (n.size || 10) * scale + 2;
        items.push({ t: "text", x: at[id].x, y: top + px * 0.85, text: n.label, size: px,
          anchor: "middle", fill: n.font.color || "#343434", halo: "#FFFFFF", cls: "label" });
      });
      return items;
    }

    // ---- the stamp and the legend ----------------------------------------------------------------
    function filtersText() {
      var said = [];
      var params = Object.keys(data.params || {}).filter(function (k) { return data.params[k]; })
        .map(function (k) { return k + " " + data.params[k]; });
      said.push("View: " + data.view + (params.length ? " (" + params.join(", ") + ")" : "") +
        ", " + map.layout() + " layout");
      var hidden = data.kinds.filter(function (k) { return map.hiddenKinds.has(k.label); })
        .map(function (k) { return k.plural; });
      data.communities.forEach(function (c) {
        if (map.hiddenCommunities.has(c.number)) { hidden.push(c.name); }
      });
      said.push(hidden.length ? "Hidden: " + hidden.join(", ") : "Nothing hidden");
      var path = map.highlight();
      if (path && path.text) {
        said.push("Path: " + path.text);
      } else if (map.focused() !== null) {
        said.push("Focus: " + map.nameOf(map.focused()) + " and its direct links");
      }
      return said.join(". ") + ".";
    }

    function periodText() {
      var p = map.period;
      if (!p.fromText && !p.toText) { return "Period: all time."; }
      function label(text) {
        var match = /^(\d{4})-(\d{2})$/.exec(text);
        return match ? map.months[Number(match[2]) - 1] + " " + match[1] : text;
      }
      var pale = map.undatedNow();
      var count = pale.nodes.size + pale.edges.size;
      return "Period: " + (p.fromText ? label(p.fromText) : "the start") + " to " +
        (p.toText ? label(p.toText) : "now") + (count ? "; undated items drawn pale" : "") + ".";
    }

    function stamp(width) {
      var items = [];
      var inner = width - 2 * PAD;
      var y = PAD - 4;
      y = block(items, data.title, PAD, y, 20, inner, { weight: "bold", cls: "title" });
      if (data.subtitle) { y = block(items, data.subtitle, PAD, y, 13, inner, { fill: "#444444" }); }
      y = block(items, filtersText(), PAD, y + 4, 13, inner, { cls: "filters" });
      y = block(items, periodText(), PAD, y, 13, inner, { cls: "period" });
      y = block(items, "Exported " + today() + " from graphsvc", PAD, y, 12, inner,
        { fill: "#555555", cls: "exported" });
      return { items: items, height: y + 10 };
    }

    function legendText(selector) {
      var found = document.querySelector(selector);
      return found ? found.textContent : "";
    }

    function legendItems(x, top) {
      var items = [];
      var width = LEGEND_WIDTH - 2 * PAD - 30;
      var y = block(items, "Legend", x, top, 15, width + 30, { weight: "bold" });
      y = block(items, "Size: " + data.size, x, y, 12, width + 30, { fill: "#555555" });
      function heading(text) { y = block(items, text, x, y + 6, 12, width + 30, { weight: "bold", fill: "#555555" }); }
      function entry(draw, text) {
        var before = y;
        y = block(items, text, x + 30, y, 12, width);
        draw(before + 10);
      }
      heading("KINDS");
      data.kinds.forEach(function (kind) {
        if (map.hiddenKinds.has(kind.label)) { return; }
        var colour = data.colour === "community" ? "#9A9A9A" : kind.colour;
        entry(function (mid) {
          items.push(shape(kind.shape, x + 10, mid, 7, { fill: colour, stroke: "#FFFFFF", sw: 1 }));
        }, legendText('#legend-kinds button[data-key="' + kind.label + '"] .legend-text') || kind.plural);
      });
      var lines = data.lines || [];
      var path = map.highlight();
      if (lines.length || (path && path.text)) { heading("LINKS"); }
      lines.forEach(function (line, i) {
        entry(function (mid) {
          items.push({ t: "line", a: { x: x, y: mid }, c: null, b: { x: x + 22, y: mid },
            stroke: line.colour, sw: 3, dash: line.dashed ? [5, 4] : null });
        }, legendText('#legend-lines [data-line="' + i + '"]') || line.text);
      });
      if (path && path.text) {
        entry(function (mid) {
          items.push({ t: "line", a: { x: x, y: mid }, c: null, b: { x: x + 22, y: mid },
            stroke: "#444444", sw: 5 });
        }, "the path asked for, drawn wider; everything else dimmed");
      }
      var pale = document.getElementById("period-undated");
      if (pale && !pale.hidden) {
        entry(function (mid) {
          items.push({ t: "circle", x: x + 10, y: mid, r: 7, fill: "#0072B2", op: 0.35 });
        }, pale.textContent);
      }
      if (data.communities.length) {
        heading("COMMUNITIES (LOUVAIN)");
        data.communities.forEach(function (c) {
          if (map.hiddenCommunities.has(c.number)) { return; }
          entry(function (mid) {
            items.push({ t: "circle", x: x + 10, y: mid, r: 7, fill: c.colour });
          }, legendText('#legend-communities button[data-key="community-' + c.number + '"] .legend-text') ||
            c.name);
        });
      }
      return { items: items, bottom: y };
    }

    /* The whole picture: the stamp above, the map below it on the left, the legend beside it. */
    function scene() {
      var width = map.container.clientWidth;
      var height = map.container.clientHeight;
      var total = width + LEGEND_WIDTH;
      var top = stamp(total);
      var legend = legendItems(width + PAD, top.height + 4);
      var tall = Math.max(top.height + height, legend.bottom + PAD);
      var items = [{ t: "rect", x: 0, y: 0, w: total, h: tall, fill: "#FFFFFF" }].concat(top.items);
      items.push({ t: "push", dx: 0, dy: top.height, w: width, h: height });
      items = items.concat(mapItems(width, height));
      items.push({ t: "pop" });
      items.push({ t: "rect", x: 0.5, y: top.height + 0.5, w: width - 1, h: height - 1, stroke: "#CCCCCC", sw: 1 });
      return { width: total, height: tall, items: items.concat(legend.items) };
    }

    // ---- painters ------------------------------------------------------------------------------
    function onCanvas(ctx, items) {
      items.forEach(function (item) {
        if (item.t === "push") {
          ctx.save();
          ctx.translate(item.dx, item.dy);
          ctx.beginPath();
          ctx.rect(0, 0, item.w, item.h);
          ctx.clip();
          return;
        }
        if (item.t === "pop") { ctx.restore(); return; }
        ctx.save();
        ctx.globalAlpha = item.op === undefined ? 1 : item.op;
        if (item.t === "text") {
          ctx.font = (item.weight || "normal") + " " + item.size + "px " + FONT;
          ctx.textAlign = item.anchor === "middle" ? "center" : "left";
          ctx.textBaseline = "alphabetic";
          if (item.halo) {
            ctx.strokeStyle = item.halo;
            ctx.lineWidth = 3;
            ctx.lineJoin = "round";
            ctx.strokeText(item.text, item.x, item.y);
          }
          ctx.fillStyle = item.fill;
          ctx.fillText(item.text, item.x, item.y);
          ctx.restore();
          return;
        }
        ctx.beginPath();
        if (item.t === "rect") {
          ctx.rect(item.x, item.y, item.w, item.h);
        } else if (item.t === "circle") {
          ctx.arc(item.x, item.y, item.r, 0, 2 * Math.PI);
        } else if (item.t === "poly") {
          ctx.moveTo(item.pts[0], item.pts[1]);
          for (var i = 2; i < item.pts.length; i += 2) { ctx.lineTo(item.pts[i], item.pts[i + 1]); }
          ctx.closePath();
        } else if (item.t === "line") {
          ctx.moveTo(item.a.x, item.a.y);
          if (item.c) { ctx.quadraticCurveTo(item.c.x, item.c.y, item.b.x, item.b.y); } else { ctx.lineTo(item.b.x, item.b.y); }
          if (item.dash) { ctx.setLineDash(item.dash); }
        }
        if (item.fill && item.t !== "line") { ctx.fillStyle = item.fill; ctx.fill(); }
        if (item.stroke) { ctx.strokeStyle = item.stroke; ctx.lineWidth = item.sw || 1; ctx.stroke(); }
        ctx.restore();
      });
    }

    function xml(text) {
      return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
    }

    function num(value) { return String(Math.round(value * 10) / 10); }

    function paint(item) {
      var out = [];
      if (item.fill && item.t !== "line") { out.push('fill="' + xml(item.fill) + '"'); } else { out.push('fill="none"'); }
      if (item.stroke) { out.push('stroke="' + xml(item.stroke) + '" stroke-width="' + num(item.sw || 1) + '"'); }
      if (item.dash) { out.push('stroke-dasharray="' + item.dash.map(num).join(" ") + '"'); }
      if (item.op !== undefined && item.op !== 1) { out.push('opacity="' + num(item.op * 100) / 100 + '"'); }
      if (item.cls) { out.push('class="' + item.cls + '"'); }
      if (item.id !== undefined) { out.push('data-id="' + xml(item.id) + '"'); }
      return out.join(" ");
    }

    function inSvg(picture) {
      var clips = 0;
      var out = ['<?xml version="1.0" encoding="UTF-8"?>',
        '<svg xmlns="http://www.w3.org/2000/svg" width="' + num(picture.width) + '" height="' +
        num(picture.height) + '" viewBox="0 0 ' + num(picture.width) + " " + num(picture.height) +
        '" font-family="' + FONT + '">', "<title>" + xml(data.title) + "</title>"];
      picture.items.forEach(function (item) {
        if (item.t === "push") {
          clips += 1;
          out.push('<clipPath id="clip' + clips + '"><rect x="0" y="0" width="' + num(item.w) +
            '" height="' + num(item.h) + '"/></clipPath>');
          out.push('<g transform="translate(' + num(item.dx) + " " + num(item.dy) +
            ')" clip-path="url(#clip' + clips + ')">');
        } else if (item.t === "pop") {
          out.push("</g>");
        } else if (item.t === "rect") {
          out.push('<rect x="' + num(item.x) + '" y="' + num(item.y) + '" width="' + num(item.w) +
            '" height="' + num(item.h) + '" ' + paint(item) + "/>");
        } else if (item.t === "circle") {
          out.push('<circle cx="' + num(item.x) + '" cy="' + num(item.y) + '" r="' + num(item.r) +
            '" ' + paint(item) + "/>");
        } else if (item.t === "poly") {
          out.push('<polygon points="' + item.pts.map(num).join(" ") + '" ' + paint(item) + "/>");
        } else if (item.t === "line") {
          out.push('<path d="M' + num(item.a.x) + " " + num(item.a.y) + (item.c ? " Q" + num(item.c.x) +
            " " + num(item.c.y) + " " : " L") + num(item.b.x) + " " + num(item.b.y) + '" ' + paint(item) + "/>");
        } else if (item.t === "text") {
          var halo = item.halo ? ' stroke="' + item.halo + '" stroke-width="3" stroke-linejoin="round" paint-order="stroke"' : "";
          out.push('<text x="' + num(item.x) + '" y="' + num(item.y) + '" font-size="' + num(item.size) +
            '"' + (item.weight && item.weight !== "normal" ? ' font-weight="' + item.weight + '"' : "") +
            (item.anchor === "middle" ? ' text-anchor="middle"' : "") + ' fill="' + xml(item.fill) + '"' + halo +
            (item.op !== undefined && item.op !== 1 ? ' opacity="' + num(item.op * 100) / 100 + '"' : "") +
            (item.cls ? ' class="' + item.cls + '"' : "") + ">" + xml(item.text) + "</text>");
        }
      });
      out.push("</svg>");
      return out.join("\n");
    }

    // ---- the files -----------------------------------------------------------------------------
    /* The PNG at `factor` times the CSS size (2 unless asked), as a data URL. */
    function png(factor) {
      var times = factor === 3 ? 3 : 2;
      var picture = scene();
      var out = document.createElement("canvas");
      out.width = Math.ceil(picture.width * times);
      out.height = Math.ceil(picture.height * times);
      var ctx = out.getContext("2d");
      ctx.scale(times, times);
      onCanvas(ctx, picture.items);
      return out.toDataURL("image/png");
    }

    function svg() { return inSvg(scene()); }

    /* A data URL to a Blob without fetch(), which the page's CSP (connect-src none) forbids. */
    function blobOf(dataUrl) {
      var bytes = atob(dataUrl.split(",")[1]);
      var array = new Uint8Array(bytes.length);
      for (var i = 0; i < bytes.length; i += 1) { array[i] = bytes.charCodeAt(i); }
      return new Blob([array], { type: "image/png" });
    }

    function wire(id, make) {
      var button = document.getElementById(id);
      if (button) { button.addEventListener("click", make); }
    }
    wire("export-png", function () { map.download(map.fileName("png"), blobOf(png(2))); });
    wire("export-png3", function () { map.download(map.fileName("3x.png"), blobOf(png(3))); });
    wire("export-svg", function () {
      map.download(map.fileName("svg"), new Blob([svg()], { type: "image/svg+xml" }));
    });

    return { png: png, svg: svg, scene: scene };
  };
}());
