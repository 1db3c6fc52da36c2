/* graphsvc map page. Reads the view from the JSON block #map-data and draws it with vis-network.
 *
 * Safety rule for this file: text from the graph is only ever set with textContent, attribute
 * setters or as vis-network's plain-string titles; never innerHTML, never a string of markup.
 * Styles are set through the CSSOM (element.style), which the page's CSP allows.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("map-data").textContent);
  data.edges.forEach(function (e, i) { e.id = "e" + i; });
  var edgeById = new Map(data.edges.map(function (e) { return [e.id, e]; }));
  var byId = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  var clusterById = new Map(data.clusters.map(function (c) { return [c.id, c]; }));
  var hiddenKinds = new Set();
  var hiddenCommunities = new Set();
  var openClusters = new Set();
  /* YYYYMMDD day numbers (null for open), and the texts they came from ("2016", "2016-03"). */
  var period = { from: null, to: null, fromText: "", toText: "" };
  var lastOut = { nodes: new Set(), edges: new Set() };  // what the period hides now
  var layout = data.layout;
  var state = { ready: false, firstDraw: null, selected: null };
  var focus = { id: null, nodes: new Set(), edges: new Set() };  // the entity shown with its links
  var view = { read: false, pendingFocus: null };  // the fragment read yet? the focus it asks for
  /* Facts the panel and tooltips show in their own words, not as a "key: value" row. */
  var SKIP = new Set(["name", "description", "aliases", "category", "start_date", "end_date",
    "uncertain", "note"]);
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  var container = document.getElementById("graph");
  var nodes = new vis.DataSet([]);
  var edges = new vis.DataSet([]);
  sync();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  /* The page's other parts (period.js, path.js, export.js, loaded before this file) get what
     they share with it here, and nothing else. */
  var shared = {
    data: data, nodes: nodes, edges: edges, network: network, container: container, byId: byId,
    edgeById: edgeById, period: period, el: el, search: search, sync: sync, paint: paint,
    visibleGraph: visibleGraph, setStatus: setStatus, nameOf: nameOf, humanDate: humanDate,
    dayKey: dayKey, openCluster: openCluster, isVisible: isVisible, months: MONTHS,
    highlight: highlight, undatedNow: undatedNow, hiddenKinds: hiddenKinds,
    hiddenCommunities: hiddenCommunities, focused: function () { return focus.id; },
    labelled: function () { return shownLabels; }, layout: function () { return layout; },
    labelPx: labelPx, writeView: writeView, download: download, fileName: fileName
  };
  var parts = window.graphsvcParts;
  var timeline = parts.period(shared);
  var paths = parts.path(shared);
  var exporter = parts.exporter(shared);

  network.once("afterDrawing", function () { state.firstDraw = performance.now(); });
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      placeLabels();
      state.ready = true;
      setStatus("");
      restoreFocus();
    });
    setStatus("Arranging " + data.nodes.length + " nodes ...");
  } else {
    network.once("afterDrawing", function () {
      placeLabels();
      state.ready = true;
      restoreFocus();
    });
  }

  /* Country outlines (Natural Earth, inlined by the server) under the geographic layout, in the
     same projected units as the nodes' positions. */
  network.on("beforeDrawing", function (ctx) {
    if (layout !== "geographic" || !data.outlines || !data.outlines.length) { return; }
    ctx.save();
    ctx.fillStyle = "#F1EEE6";
    ctx.strokeStyle = "#B5B0A5";
    ctx.lineWidth = 1 / network.getScale();
    data.outlines.forEach(function (flat) {
      ctx.beginPath();
      ctx.moveTo(flat[0], flat[1]);
      for (var i = 2; i < flat.length; i += 2) { ctx.lineTo(flat[i], flat[i + 1]); }
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
    });
    ctx.restore();
  });

  // ---- labels --------------------------------------------------------------------------------
  /* At any zoom, a label is either drawn at LEGIBLE_PX or more, or not at all; and no two drawn
     labels overlap. The most central entities (and the view's focus) choose first, so the first
     view names the hubs and zooming in names the rest. vis-network skips a label whose size on
     screen is below the draw threshold; a label left out gets a size far below it. */
  var LEGIBLE_PX = 12;
  var LARGEST_PX = 24;  // a hub's name zoomed in stays a label, not a banner
  var LABEL_GAP = 3;
  var measure = document.createElement("canvas").getContext("2d");
  var labelTimer = null;
  var shownLabels = new Set();

  function baseFont(n) {
    return (n.font && n.font.size) || data.options.nodes.font.size;
  }

  function labelOrder() {
    var path = paths && paths.state.active ? paths.state.nodes : new Set();  // named first
    var lit = { has: function (id) { return path.has(id) ? 1 : 0; } };
    return nodes.get({ filter: function (n) { return !n.hidden && n.label; } })
      .map(function (n) { return byId.get(n.id) || clusterById.get(n.id); })
      .sort(function (a, b) {
        /* Clusters and the boxes of an abridged map stand for many: their labels come first. */
        return (b.kind === "Cluster" || Boolean(b.summary)) - (a.kind === "Cluster" || Boolean(a.summary)) ||
          lit.has(b.id) - lit.has(a.id) ||
          Boolean(b.focus) - Boolean(a.focus) ||
          b.size - a.size || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      });
  }

  /* A drawn label's size in CSS pixels at `scale`: legible, never a banner. */
  function labelPx(n, scale) {
    return Math.min(LARGEST_PX, Math.max(LEGIBLE_PX, baseFont(n) * scale));
  }

  function placeLabels() {
    var scale = network.getScale();
    var width = container.clientWidth;
    var height = container.clientHeight;
    var ids = labelOrder();
    var at = network.getPositions(ids.map(function (n) { return n.id; }));
    var taken = [];
    var updates = [];
    var shown = new Set();
    ids.forEach(function (n) {
      var px = labelPx(n, scale);
      var dom = network.canvasToDOM(at[n.id]);
      measure.font = px + "px arial";
      var w = measure.measureText(n.label).width + 2 * LABEL_GAP;
      var top = dom.y + n.size * scale;
      var box = [dom.x - w / 2, top, dom.x + w / 2, top + px * 1.3 + LABEL_GAP];
      var onScreen = box[0] >= 0 && box[2] <= width && box[1] >= 0 && box[3] <= height;
      var free = onScreen && taken.every(function (o) {
        return box[2] <= o[0] || o[2] <= box[0] || box[3] <= o[1] || o[3] <= box[1];
      });
      if (free) { taken.push(box); shown.add(n.id); }
      /* An abridged map's box is its count: it keeps its label even where others would hide it. */
      var size = free || n.summary ? px / scale : 0.5;
      var drawn = nodes.get(n.id);
      if (!drawn.font || Math.abs(drawn.font.size - size) > 0.01) {
        updates.push({ id: n.id, font: Object.assign({}, drawn.font, { size: size }) });
      }
    });
    shownLabels = shown;
    if (updates.length) { nodes.update(updates); }
  }

  function placeLabelsSoon() {
    if (!state.ready) { return; }
    clearTimeout(labelTimer);
    labelTimer = setTimeout(placeLabels, 120);
  }
  network.on("zoom", placeLabelsSoon);
  network.on("dragEnd", placeLabelsSoon);
  network.on("animationFinished", placeLabelsSoon);
  window.addEventListener("resize", placeLabelsSoon);

  // ---- helpers -------------------------------------------------------------------------------
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function setStatus(text) { document.getElementById("status").textContent = text; }

  /* The same folding as graphsvc.model.names.name_key: no accents, lower case, no apostrophes,
     other punctuation as spaces. */
  function fold(text) {
    return String(text).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/['\u2019\u2018`\u00b4\u02bc]/g, "").replace(/[^0-9a-z]+/g, " ").trim();
  }

  function kindOf(label) {
    return data.kinds.find(function (k) { return k.label === label; });
  }

  function isVisible(node) {
    return !hiddenKinds.has(node.kind) &&
      !(node.community !== null && hiddenCommunities.has(node.community));
  }

  /* Where a node is drawn now: itself, or the closed cluster that stands for it. */
  function drawnAs(id) {
    var node = byId.get(id);
    return node && node.cluster && !openClusters.has(node.cluster) ? node.cluster : id;
  }

  function placed(node) {
    var at = layout === "geographic" ? node.geo : node.net;
    var copy = Object.assign({}, node);
    if (at) { copy.x = at[0]; copy.y = at[1]; }
    if (!copy.title) { copy.title = nodeTooltip(node); }
    /* vis-network 9.1 lets a group's colour win over the node's own (a community's, or the
       view's focus): such a node takes its kind's shape directly instead of through the group. */
    var group = copy.color && copy.group && (data.options.groups || {})[copy.group];
    if (group) {
      copy.shape = group.shape;
      delete copy.group;
    }
    return copy;
  }

  var TOOLTIP_DESCRIPTION = 280;

  function sourceNames(ids) {
    return (ids || []).map(function (id) { return data.sources[id] ? sourceText(data.sources[id]) : id; });
  }

  // ---- dates and documents in words ------------------------------------------------------------

  /* A partial date's parts: "2016-03-22", "2016-03", "2016", or "--05-05" (no year); null when
     the text is none of these. */
  function dateParts(text) {
    var match = /^(?:(\d{4})|-)(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(String(text || ""));
    if (!match || (!match[1] && !match[2])) { return null; }
    return { year: match[1] || null, month: match[2] ? Number(match[2]) : null,
      day: match[3] ? Number(match[3]) : null };
  }

  function monthDay(parts) {
    if (!parts.month) { return ""; }
    return (parts.day ? parts.day + " " : "") + MONTHS[parts.month - 1];
  }

  /* "22 March 2016", "March 2016", "2016", "5 May, year not given". */
  function humanDate(text) {
    var parts = dateParts(text);
    if (!parts) { return text ? String(text) : ""; }
    if (!parts.year) { return monthDay(parts) + ", year not given"; }
    return parts.month ? monthDay(parts) + " " + parts.year : parts.year;
  }

  /* "22-26 March 2016", "30 May - 2 June 2012", "2012 to 2016"; one date when there is no end. */
  function humanRange(start, end) {
    if (!end || end === start) { return humanDate(start); }
    if (!start) { return "until " + humanDate(end); }
    var a = dateParts(start);
    var b = dateParts(end);
    if (a && b && a.year === b.year && a.month && b.month) {
      var year = a.year ? " " + a.year : ", year not given";
      if (a.month === b.month && a.day && b.day) {
        return a.day + "-" + b.day + " " + MONTHS[a.month - 1] + year;
      }
      return monthDay(a) + " - " + monthDay(b) + year;
    }
    return humanDate(start) + " to " + humanDate(end);
  }

  /* A document as a reader knows it: its title, publisher and date (the file name is kept for
     a title attribute, never the first thing shown). */
  function sourceText(doc) {
    var parts = [doc.title || doc.name];
    if (doc.publisher) { parts.push(doc.publisher); }
    if (doc.published) { parts.push(humanDate(doc.published)); }
    return parts.join(" \u00b7 ");
  }

  /* Tooltips are plain strings, which vis-network shows as text (never as HTML). */
  function nodeTooltip(node) {
    var info = node.info || {};
    var lines = [node.name, node.kind + (info.category ? " \u00b7 " + info.category : "")];
    var dates = humanRange(info.start_date, info.end_date);
    if (dates) { lines.push(dates); }
    var about = info.description ? String(info.description) : "";
    if (about.length > TOOLTIP_DESCRIPTION) { about = about.slice(0, TOOLTIP_DESCRIPTION - 1) + "\u2026"; }
    if (about) { lines.push(about); }
    if (node.sources && node.sources.length) { lines.push("Sources: " + sourceNames(node.sources).join("; ")); }
    return lines.join("\n");
  }

  function edgeTooltip(edge) {
    var from = byId.get(edge.from);
    var to = byId.get(edge.to);
    var lines = [(from ? from.name : edge.from) + " " + edge.label + " " + (to ? to.name : edge.to)];
    var info = edge.info || {};
    var when = humanRange(info.start_date, info.end_date);
    if (when) { lines.push(when); }
    if (info.uncertain) { lines.push("Uncertain: " + (info.note || "the sources only suggest this link.")); }
    Object.keys(info).sort().forEach(function (key) {
      if (!SKIP.has(key)) { lines.push(key.replace(/_/g, " ") + ": " + info[key]); }
    });
    if (edge.sources && edge.sources.length) { lines.push("Sources: " + sourceNames(edge.sources).join("; ")); }
    return lines.join("\n");
  }

  /* Bring the DataSets in line with what should be drawn: members of open clusters (or every
     node when nothing is aggregated), closed clusters, links between what is drawn, and one
     counted link between two clusters (or a cluster and a node) for the links they stand for. */
  /* A partial date ("2012-05-30", "2012-05", "2012"; "--05-05" has no year) as a YYYYMMDD number
     at its first or last possible day; null when the year is unknown. */
  function dayKey(text, last) {
    var match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(String(text || ""));
    if (!match) { return null; }
    var month = match[2] ? Number(match[2]) : (last ? 12 : 1);
    var day = match[3] ? Number(match[3]) : (last ? 31 : 1);
    return Number(match[1]) * 10000 + month * 100 + day;
  }

  /* The same rule as graphsvc.maps.narrow: undated facts are never outside a period. */
  function outside(info) {
    if (period.from === null && period.to === null) { return false; }
    var start = dayKey((info || {}).start_date, false);
    if (start === null) { return false; }
    var end = dayKey(info.end_date, true);
    if (end === null) { end = dayKey(info.start_date, true); }
    return (period.to !== null && start > period.to) || (period.from !== null && end < period.from);
  }

  /* What a period hides: dated nodes and links outside it, and the parties all of whose links
     went with it (a partner only of a 2012 programme is not part of the 2020 network). */
  function outOfPeriod() {
    var nodesOut = new Set();
    var edgesOut = new Set();
    if (period.from === null && period.to === null) { return { nodes: nodesOut, edges: edgesOut }; }
    data.nodes.forEach(function (n) { if (!n.focus && outside(n.info)) { nodesOut.add(n.id); } });
    var linked = new Map();
    var kept = new Map();
    data.edges.forEach(function (e) {
      linked.set(e.from, (linked.get(e.from) || 0) + 1);
      linked.set(e.to, (linked.get(e.to) || 0) + 1);
      if (outside(e.info) || nodesOut.has(e.from) || nodesOut.has(e.to)) {
        edgesOut.add(e.id);
      } else {
        kept.set(e.from, (kept.get(e.from) || 0) + 1);
        kept.set(e.to, (kept.get(e.to) || 0) + 1);
      }
    });
    data.nodes.forEach(function (n) {
      if (!n.focus && linked.get(n.id) && !kept.get(n.id)) { nodesOut.add(n.id); }
    });
    return { nodes: nodesOut, edges: edgesOut };
  }

  function sync() {
    var out = outOfPeriod();
    lastOut = out;
    var wanted = new Map();
    data.nodes.forEach(function (n) {
      if (drawnAs(n.id) === n.id) { wanted.set(n.id, n); }
    });
    data.clusters.forEach(function (c) {
      if (!openClusters.has(c.id)) { wanted.set(c.id, c); }
    });
    var gone = nodes.getIds().filter(function (id) { return !wanted.has(id); });
    nodes.remove(gone);
    var added = [];
    var changed = [];
    wanted.forEach(function (n, id) {
      var hidden = n.kind !== "Cluster" && (!isVisible(n) || out.nodes.has(n.id));
      var current = nodes.get(id);
      if (!current) {
        var copy = placed(n);
        copy.hidden = hidden;
        added.push(copy);
      } else if (Boolean(current.hidden) !== hidden) {
        changed.push({ id: id, hidden: hidden });
      }
    });
    nodes.add(added);
    nodes.update(changed);

    var wantedEdges = new Map();
    var counted = new Map();
    data.edges.forEach(function (e) {
      if (out.edges.has(e.id)) { return; }
      var a = drawnAs(e.from);
      var b = drawnAs(e.to);
      if (a === e.from && b === e.to) {
        wantedEdges.set(e.id, e);
      } else if (a !== b) {
        var key = a < b ? a + "\u0000" + b : b + "\u0000" + a;
        counted.set(key, (counted.get(key) || 0) + 1);
      }
    });
    (data.clusterLinks || []).forEach(function (link) {
      /* Counted when the clusters were stored: their members need not be in the page. */
      if (openClusters.has(link.from) || openClusters.has(link.to)) { return; }
      var key = link.from < link.to ? link.from + "\u0000" + link.to : link.to + "\u0000" + link.from;
      counted.set(key, link.count);
    });
    counted.forEach(function (count, key) {
      var ends = key.split("\u0000");
      var id = "links:" + key;
      wantedEdges.set(id, { id: id, from: ends[0], to: ends[1], label: String(count),
        title: count + (count === 1 ? " link" : " links"), type: "AGGREGATE", count: count,
        width: Math.min(12, 1 + Math.log2(count)), color: { color: "#9A9A9A" },
        smooth: { enabled: false } });
    });
    edges.remove(edges.getIds().filter(function (id) { return !wantedEdges.has(id); }));
    var newEdges = [];
    wantedEdges.forEach(function (e, id) {
      if (!edges.get(id)) {
        if (!e.title) { e.title = edgeTooltip(e); }
        newEdges.push(e);
      }
    });
    edges.add(newEdges);
    if (focus.id !== null && nodes.get(focus.id)) { focusOn(focus.id); } else { paint(); }
    writeView();
    if (state.ready) { placeLabelsSoon(); }
  }

  function openCluster(id) {
    if (!clusterById.has(id) || openClusters.has(id)) { return; }
    var stored = clusterById.get(id);
    if (stored.loaded === false) {
      /* A cluster whose members are not in the page opens at its own address, on a server; a
         file says where. */
      if (stored.href) { window.location.assign(stored.href); } else {
        setStatus(stored.name + ": its members are not in this file; open it on a graphsvc server");
      }
      return;
    }
    openClusters.add(id);
    sync();
    setStatus("Opened " + clusterById.get(id).name + ": " + clusterById.get(id).members + " entities");
  }

  function closeClusters() {
    openClusters.clear();
    sync();
    setStatus("");
  }

  // ---- legend --------------------------------------------------------------------------------
  function legendButton(colour, shape, text, pressedKey, onToggle) {
    var button = el("button");
    button.type = "button";
    button.setAttribute("aria-pressed", "true");
    button.dataset.key = pressedKey;
    var swatch = el("span", null, "swatch shape-" + shape);
    swatch.style.backgroundColor = colour;
    button.appendChild(swatch);
    button.appendChild(el("span", text, "legend-text"));
    button.title = text;
    button.addEventListener("click", function () {
      var shown = button.getAttribute("aria-pressed") === "true";
      button.setAttribute("aria-pressed", shown ? "false" : "true");
      onToggle(!shown);
    });
    var item = el("li");
    item.appendChild(button);
    return item;
  }

  /* What each colour and style of line means here (from the server, which chose them). */
  function buildLines(legend) {
    if (!data.lines || !data.lines.length) { return; }
    legend.appendChild(el("h3", "Links"));
    var list = el("ul");
    list.id = "legend-lines";
    data.lines.forEach(function (line) {
      var item = el("li", null, "line-entry");
      var swatch = el("span", null, "line" + (line.dashed ? " dashed" : ""));
      swatch.style.borderTopColor = line.colour;
      item.appendChild(swatch);
      var text = el("span", line.text + " (" + line.count + ")");
      text.dataset.line = String(data.lines.indexOf(line));
      item.appendChild(text);
      list.appendChild(item);
    });
    legend.appendChild(list);
  }

  function buildLegend() {
    var legend = document.getElementById("legend");
    var heading = el("h2");
    var fold = el("button", "Legend \u25be", "legend-fold");
    fold.type = "button";
    fold.id = "legend-fold";
    fold.setAttribute("aria-expanded", "true");
    fold.addEventListener("click", function () {
      var open = fold.getAttribute("aria-expanded") === "true";
      fold.setAttribute("aria-expanded", open ? "false" : "true");
      fold.textContent = open ? "Legend \u25b8" : "Legend \u25be";
      body.hidden = open;
    });
    heading.appendChild(fold);
    legend.appendChild(heading);
    var body = el("div");
    body.id = "legend-body";
    legend.appendChild(body);
    if (window.matchMedia("(max-width: 600px)").matches) {  // a phone: the map first
      fold.setAttribute("aria-expanded", "false");
      fold.textContent = "Legend \u25b8";
      body.hidden = true;
    }
    legend = body;
    legend.appendChild(el("p", "Size: " + data.size, "note"));
    legend.appendChild(el("p", "Click a kind to hide or show it.", "note"));
    if (data.clusters.length) {
      var grouped = data.clusters.reduce(function (sum, c) { return sum + c.members; }, 0);
      legend.appendChild(el("p", grouped + " entities in " + data.clusters.length +
        " clusters by " + data.aggregated + "; double-click a cluster to open it.", "note"));
      var close = el("button", "Close all clusters");
      close.type = "button";
      close.id = "close-clusters";
      close.addEventListener("click", closeClusters);
      legend.appendChild(close);
    }
    legend.appendChild(el("h3", "Kinds"));
    var list = el("ul");
    list.id = "legend-kinds";
    data.kinds.forEach(function (kind) {
      var colour = data.colour === "community" ? "#9a9a9a" : kind.colour;
      list.appendChild(legendButton(colour, kind.shape, kind.plural + " (" + kind.count + ")",
        kind.label, function (show) {
          if (show) { hiddenKinds.delete(kind.label); } else { hiddenKinds.add(kind.label); }
          sync();
        }));
    });
    legend.appendChild(list);
    buildLines(legend);
    timeline.build(legend);
    if (data.communities.length) {
      legend.appendChild(el("h3", "Communities (Louvain)"));
      var groups = el("ul");
      groups.id = "legend-communities";
      data.communities.forEach(function (c) {
        groups.appendChild(legendButton(c.colour, "dot", c.name + " (" + c.count + ")",
          "community-" + c.number, function (show) {
            if (show) { hiddenCommunities.delete(c.number); } else { hiddenCommunities.add(c.number); }
            sync();
          }));
      });
      legend.appendChild(groups);
    }
  }

  // ---- side panel ----------------------------------------------------------------------------
  function addPair(list, term, value) {
    if (value === undefined || value === null || value === "") { return; }
    if (Array.isArray(value) && !value.length) { return; }
    list.appendChild(el("dt", term));
    list.appendChild(el("dd", Array.isArray(value) ? value.join(", ") : value));
  }

  function sourceList(ids) {
    var list = el("ul");
    ids.forEach(function (id) {
      var doc = data.sources[id];
      var item = el("li", doc ? sourceText(doc) : id);
      if (doc && doc.file) { item.title = doc.file; }
      list.appendChild(item);
    });
    return list;
  }

  /* Ids, coordinates and other bookkeeping, folded away under the facts a reader asks for. */
  function folded(pairs) {
    var more = el("details", null, "more");
    more.appendChild(el("summary", "More details"));
    var list = el("dl");
    pairs.forEach(function (pair) { addPair(list, pair[0], pair[1]); });
    more.appendChild(list);
    return more;
  }

  function openPanel() {
    var panel = document.getElementById("panel");
    panel.textContent = "";
    var close = el("button", "\u00d7", "close");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", closePanel);
    panel.appendChild(close);
    panel.hidden = false;
    return panel;
  }

  function closePanel() {
    document.getElementById("panel").hidden = true;
    paths.clear();
    unfocus();
  }

  // ---- focus ---------------------------------------------------------------------------------
  /* Selecting an entity fades everything that is neither it nor a neighbour, so its links read at
     a glance in a dense view. Opacity only: nothing moves and nothing is hidden, and Escape, a
     click on empty canvas or closing the panel brings the whole picture back. */
  var DIM = 0.12;
  var PLAIN_FONT = { color: "#343434", strokeColor: "#FFFFFF" };
  var FADED_FONT = { color: "rgba(52, 52, 52, " + DIM + ")",
    strokeColor: "rgba(255, 255, 255, " + DIM + ")" };

  /* DataSet.update replaces a nested option whole, so each keeps what the labels set (size). */
  function merged(set, id, key, extra) {
    var current = set.get(id);
    return Object.assign({}, (current && current[key]) || {}, extra);
  }

  var PALE = 0.35;  // an undated item while a period is chosen: kept, but not as if dated
  var PALE_FONT = { color: "rgba(52, 52, 52, " + PALE + ")",
    strokeColor: "rgba(255, 255, 255, " + PALE + ")" };
  var PATH_WIDTH = 4;
  var painted = false;

  /* What stands out now: a path (path.js) before the focused entity and its neighbours. */
  function highlight() {
    if (paths && paths.state.active) { return paths.state; }
    return focus.id !== null ? focus : null;
  }

  /* Datable items (the model's kinds and links with dates) whose year is unknown, while a
     period is chosen: the period cannot say whether they belong, so they are drawn pale. */
  function undatedNow() {
    var found = { nodes: new Set(), edges: new Set() };
    if (period.from === null && period.to === null) { return found; }
    var kinds = new Set((data.datable || {}).kinds || []);
    var types = new Set((data.datable || {}).types || []);
    data.nodes.forEach(function (n) {
      if (kinds.has(n.kind) && dayKey((n.info || {}).start_date, false) === null) { found.nodes.add(n.id); }
    });
    data.edges.forEach(function (e) {
      if (types.has(e.type) && dayKey((e.info || {}).start_date, false) === null) { found.edges.add(e.id); }
    });
    return found;
  }

  /* Opacity for every drawn node and link from the highlight and the period, then the legend's
     counts. Nothing moves and nothing is hidden here. */
  function paint() {
    var lit = highlight();
    var pale = undatedNow();
    var needed = Boolean(lit) || pale.nodes.size > 0 || pale.edges.size > 0;
    if (needed || painted) {
      painted = needed;
      var onPath = lit && lit === (paths && paths.state);
      nodes.update(nodes.getIds().map(function (id) {
        var faded = lit !== null && !lit.nodes.has(id);
        var light = !faded && pale.nodes.has(id);
        return { id: id, opacity: faded ? DIM : light ? PALE : 1,
          font: merged(nodes, id, "font", faded ? FADED_FONT : light ? PALE_FONT : PLAIN_FONT) };
      }));
      edges.update(edges.getIds().map(function (id) {
        var faded = lit !== null && !lit.edges.has(id);
        var light = !faded && pale.edges.has(id);
        var source = edgeById.get(id) || {};
        var wide = onPath && lit.edges.has(id);
        return { id: id, color: merged(edges, id, "color", { opacity: faded ? DIM : light ? PALE : 1 }),
          width: wide ? PATH_WIDTH : source.width || data.options.edges.width,
          font: merged(edges, id, "font", faded ? FADED_FONT : light ? PALE_FONT : PLAIN_FONT) };
      }));
    }
    countShown(lit, pale);
    placeLabelsSoon();
  }

  function tally(map, key) { map.set(key, (map.get(key) || 0) + 1); }

  function counted(text, shown, total) {
    return text + " (" + (shown === total ? total : shown + " of " + total) + ")";
  }

  /* The legend's counts follow what is shown: hidden kinds, the period and the highlight. */
  function countShown(lit, pale) {
    if (!document.getElementById("legend-kinds")) { return; }
    var kinds = new Map();
    var groups = new Map();
    data.nodes.forEach(function (n) {
      if (!isVisible(n) || lastOut.nodes.has(n.id)) { return; }
      if (lit !== null && !lit.nodes.has(drawnAs(n.id))) { return; }
      tally(kinds, n.kind);
      if (n.community !== null) { tally(groups, n.community); }
    });
    var lines = new Map();
    var undated = 0;
    edges.get().forEach(function (e) {
      var a = nodes.get(e.from);
      var b = nodes.get(e.to);
      if (e.hidden || !a || !b || a.hidden || b.hidden) { return; }
      if (lit !== null && !lit.edges.has(e.id)) { return; }
      var source = edgeById.get(e.id);
      if (!source) { return; }
      if (pale.edges.has(e.id)) { undated += 1; }
      if (source.dashes) { tally(lines, "dashed"); }
      tally(lines, String((source.color || {}).color || data.options.edges.color.color).toUpperCase());
    });
    data.nodes.forEach(function (n) {
      if (pale.nodes.has(n.id) && isVisible(n) && !lastOut.nodes.has(n.id)) { undated += 1; }
    });
    data.kinds.forEach(function (kind) {
      setCount("#legend-kinds", kind.label, counted(kind.plural, kinds.get(kind.label) || 0, kind.count));
    });
    data.communities.forEach(function (c) {
      setCount("#legend-communities", "community-" + c.number,
        counted(c.name, groups.get(c.number) || 0, c.count));
    });
    (data.lines || []).forEach(function (line, i) {
      var span = document.querySelector('#legend-lines [data-line="' + i + '"]');
      var key = line.dashed ? "dashed" : String(line.colour).toUpperCase();
      if (span) { span.textContent = counted(line.text, lines.get(key) || 0, line.count); }
    });
    if (timeline) { timeline.undated(undated); }
  }

  function setCount(list, key, text) {
    document.querySelectorAll(list + " button").forEach(function (button) {
      if (button.dataset.key !== key) { return; }
      button.querySelector(".legend-text").textContent = text;
      button.title = text;
    });
  }

  function focusOn(id) {
    if (!nodes.get(id)) { return; }
    var near = new Set(network.getConnectedNodes(id));
    near.add(id);
    focus = { id: id, nodes: near, edges: new Set(network.getConnectedEdges(id)) };
    paint();
    writeView();
  }

  function unfocus() {
    if (focus.id === null) { return; }
    focus = { id: null, nodes: new Set(), edges: new Set() };
    paint();
    writeView();
  }

  // ---- the view in the URL -------------------------------------------------------------------
  /* Hidden kinds, the period and the focused entity live in the fragment
     (#hide=Theme,Event&from=2012&to=2016&focus=medcities), so a shared link or a bookmark opens
     the same view. The fragment never reaches a server, and the page reads it as data only. */
  function writeView() {
    if (!view.read) { return; }  // loading: the fragment is still to be read, not overwritten
    var parts = new URLSearchParams();
    if (hiddenKinds.size) { parts.set("hide", Array.from(hiddenKinds).sort().join(",")); }
    if (period.fromText) { parts.set("from", period.fromText); }
    if (period.toText) { parts.set("to", period.toText); }
    var focused = focus.id !== null ? focus.id : view.pendingFocus;
    if (focused !== null) { parts.set("focus", focused); }
    var text = parts.toString().replace(/%2C/g, ",");
    var url = location.href.split("#")[0] + (text ? "#" + text : "");
    if (url === location.href) { return; }
    try { history.replaceState(null, "", url); } catch (error) { location.replace(url); }
  }

  function readView() {
    var parts = new URLSearchParams(location.hash.replace(/^#/, ""));
    var kinds = new Set(data.kinds.map(function (k) { return k.label; }));
    (parts.get("hide") || "").split(",").forEach(function (label) {
      if (!kinds.has(label)) { return; }
      hiddenKinds.add(label);
      document.querySelectorAll("#legend-kinds button").forEach(function (b) {
        if (b.dataset.key === label) { b.setAttribute("aria-pressed", "false"); }
      });
    });
    var changed = timeline.read(parts) || hiddenKinds.size > 0;
    var wanted = parts.get("focus");
    if (wanted && (byId.has(wanted) || clusterById.has(wanted))) { view.pendingFocus = wanted; }
    if (changed) { sync(); }
    view.read = true;
    if (state.ready) { restoreFocus(); }
  }

  function restoreFocus() {
    if (!view.read || view.pendingFocus === null) { return; }
    var id = view.pendingFocus;
    view.pendingFocus = null;
    focusNode(id);
  }

  function fullName(node) {
    return node.name;
  }

  /* The order meanings come in: the model's order of relationship kinds. */
  var MEANING_ORDER = data.meaningOrder || [];

  function capital(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  /* A node's links grouped by meaning (financing, participation, location ...), each with its
     role and dates, dated ones in date order. */
  function linkGroups(id) {
    var groups = new Map();
    network.getConnectedEdges(id).forEach(function (edgeId) {
      var edge = edges.get(edgeId);
      if (!edge) { return; }
      var other = edge.from === id ? edge.to : edge.from;
      var otherNode = byId.get(other) || clusterById.get(other);
      var aggregate = edge.type === "AGGREGATE";
      var words = aggregate ? [edge.title + " with", edge.title + " with"]
        : data.relationships[edge.type] || [edge.label, edge.label];
      var meaning = aggregate ? "grouped" : (data.meanings || {})[edge.type] || "other";
      var info = edge.info || {};
      var otherInfo = (otherNode && otherNode.info) || {};
      var start = info.start_date || otherInfo.start_date;
      var end = info.start_date ? info.end_date : otherInfo.end_date;
      var key = meaning + "\u0000" + (edge.from === id ? words[0] : words[1]);
      if (!groups.has(key)) { groups.set(key, []); }
      groups.get(key).push({ words: edge.from === id ? words[0] : words[1], other: other,
        name: otherNode ? fullName(otherNode) : other, role: info.role, uncertain: info.uncertain,
        when: humanRange(start, end), key: dayKey(start, false) });
    });
    var ordered = Array.from(groups.keys()).sort(function (a, b) {
      var i = MEANING_ORDER.indexOf(a.split("\u0000")[0]);
      var j = MEANING_ORDER.indexOf(b.split("\u0000")[0]);
      return (i === -1 ? 99 : i) - (j === -1 ? 99 : j) || a.localeCompare(b);
    });
    return ordered.map(function (key) {
      var items = groups.get(key).sort(function (a, b) {
        if (a.key !== b.key) {
          if (a.key === null) { return 1; }
          if (b.key === null) { return -1; }
          return a.key - b.key;
        }
        return a.words.localeCompare(b.words) || a.name.localeCompare(b.name);
      });
      return { meaning: key.split("\u0000")[0], words: key.split("\u0000")[1], items: items };
    });
  }

  function linkSection(panel, id) {
    var groups = linkGroups(id);
    if (!groups.length) { return; }
    panel.appendChild(el("h3", "Links"));
    groups.forEach(function (group) {
      var heading = capital(group.meaning) + ": " + group.words + " (" + group.items.length + ")";
      panel.appendChild(el("h4", heading));
      var list = el("ul", null, "links");
      group.items.forEach(function (item) {
        var row = el("li");
        var go = el("button", item.name, "link");
        go.type = "button";
        go.addEventListener("click", function () { focusNode(item.other); });
        row.appendChild(go);
        var extra = [item.role, item.when, item.uncertain ? "uncertain" : ""].filter(Boolean);
        if (extra.length) { row.appendChild(el("span", " \u00b7 " + extra.join(", "), "meta")); }
        list.appendChild(row);
      });
      panel.appendChild(list);
    });
  }

  var FOLDED = ["latitude", "longitude"];

  /* A box for the neighbours an abridged map leaves out: what it stands for, and their list. */
  function showSummary(node) {
    var panel = openPanel();
    panel.appendChild(el("h2", node.name));
    panel.appendChild(el("p", "Not drawn: " + node.count.toLocaleString("en") + " entities", "meta"));
    panel.appendChild(el("p", node.about));
    if (node.href) {
      var list = el("a", "Their list");
      list.href = node.href;
      panel.appendChild(list);
    }
  }

  function showNode(id) {
    var node = byId.get(id);
    if (!node) { return; }
    if (node.summary) { showSummary(node); return; }
    paths.clear();
    var info = node.info || {};
    var panel = openPanel();
    panel.appendChild(el("h2", fullName(node)));
    var kind = kindOf(node.kind);
    panel.appendChild(el("p", (kind ? kind.label : node.kind) +
      (info.category ? " \u00b7 " + info.category : ""), "meta"));
    if (info.uncertain) {
      panel.appendChild(el("p", "Uncertain: the sources only suggest this.", "meta"));
    }
    if (info.note) { panel.appendChild(el("p", "Note: " + info.note, "note")); }
    if (info.description) { panel.appendChild(el("p", info.description)); }
    var facts = el("dl");
    addPair(facts, "Also called", info.aliases);
    addPair(facts, "When", humanRange(info.start_date, info.end_date));
    Object.keys(info).sort().forEach(function (key) {
      if (!SKIP.has(key) && FOLDED.indexOf(key) === -1) {
        addPair(facts, capital(key.replace(/_/g, " ")), info[key]);
      }
    });
    if (facts.childNodes.length) { panel.appendChild(facts); }
    paths.field(panel, id);
    linkSection(panel, id);
    panel.appendChild(el("h3", "Sources"));
    panel.appendChild(sourceList(node.sources || []));
    panel.appendChild(folded([["Id", node.id], ["Latitude", info.latitude],
      ["Longitude", info.longitude]]));
  }

  function showEdge(id) {
    var edge = edges.get(id);
    if (!edge || edge.type === "AGGREGATE") { return; }
    var panel = openPanel();
    var from = byId.get(edge.from);
    var to = byId.get(edge.to);
    panel.appendChild(el("h2", (from ? fullName(from) : edge.from) + " " + edge.label + " " +
      (to ? fullName(to) : edge.to)));
    var info = edge.info || {};
    if (info.uncertain) {
      panel.appendChild(el("p", "Uncertain: the sources only suggest this link.", "meta"));
    }
    if (info.note) { panel.appendChild(el("p", "Note: " + info.note, "note")); }
    var facts = el("dl");
    addPair(facts, "When", humanRange(info.start_date, info.end_date));
    Object.keys(info).sort().forEach(function (key) {
      if (!SKIP.has(key)) { addPair(facts, capital(key.replace(/_/g, " ")), info[key]); }
    });
    if (facts.childNodes.length) { panel.appendChild(facts); }
    panel.appendChild(el("h3", "Sources"));
    panel.appendChild(sourceList(edge.sources || []));
  }

  function showCluster(id) {
    var cluster = clusterById.get(id);
    var panel = openPanel();
    panel.appendChild(el("h2", cluster.name));
    panel.appendChild(el("p", cluster.members + " entities grouped by " + data.aggregated, "meta"));
    var open = el("button", "Open this cluster", "link");
    open.type = "button";
    open.addEventListener("click", function () { openCluster(id); closePanel(); });
    panel.appendChild(open);
    panel.appendChild(el("h3", "Most central members"));
    var list = el("ul");
    data.nodes.filter(function (n) { return n.cluster === id; }).slice(0, 15).forEach(function (n) {
      var item = el("li");
      var go = el("button", n.name, "link");
      go.type = "button";
      go.addEventListener("click", function () { focusNode(n.id); });
      item.appendChild(go);
      list.appendChild(item);
    });
    panel.appendChild(list);
  }

  network.on("doubleClick", function (params) {
    if (params.nodes.length && clusterById.has(params.nodes[0])) { openCluster(params.nodes[0]); }
    var box = params.nodes.length && byId.get(params.nodes[0]);
    if (box && box.summary && box.href) { window.location.assign(box.href); }
  });

  network.on("click", function (params) {
    if (params.nodes.length && clusterById.has(params.nodes[0])) { showCluster(params.nodes[0]); }
    else if (params.nodes.length) { state.selected = params.nodes[0]; showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
    if (params.nodes.length) { focusOn(params.nodes[0]); } else if (!params.edges.length) {
      closePanel();
    }
  });

  // ---- search --------------------------------------------------------------------------------
  function search(text) {
    var query = fold(text);
    if (!query) { return []; }
    var words = query.split(" ");
    var found = data.nodes.filter(function (n) {
      return words.every(function (w) { return n.search.indexOf(w) !== -1; });
    });
    function rank(n) {
      var keys = n.search.split(" | ");
      if (keys.indexOf(query) !== -1) { return 0; }
      if (keys.some(function (k) { return k.indexOf(query) === 0; })) { return 1; }
      return 2;
    }
    found.sort(function (a, b) { return rank(a) - rank(b) || a.name.localeCompare(b.name); });
    return found.slice(0, 15).map(function (n) { return n.id; });
  }

  function focusNode(id) {
    if (clusterById.has(id) && !openClusters.has(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: 1, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
      showCluster(id);
      focusOn(id);
      return true;
    }
    var node = byId.get(id);
    if (!node) { return false; }
    if (node.cluster && !openClusters.has(node.cluster)) { openCluster(node.cluster); }
    if (!isVisible(node)) {
      hiddenKinds.delete(node.kind);
      if (node.community !== null) { hiddenCommunities.delete(node.community); }
      document.querySelectorAll("#legend button").forEach(function (b) {
        if (b.dataset.key === node.kind || b.dataset.key === "community-" + node.community) {
          b.setAttribute("aria-pressed", "true");
        }
      });
      sync();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.4, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    state.selected = id;
    showNode(id);
    focusOn(id);
    return true;
  }

  var input = document.getElementById("search");
  var results = document.getElementById("search-results");
  function showResults() {
    results.textContent = "";
    search(input.value).forEach(function (id) {
      var node = byId.get(id);
      var item = el("li");
      item.setAttribute("role", "option");
      var button = el("button");
      button.type = "button";
      button.dataset.id = id;
      button.appendChild(el("span", node.name + " "));
      button.appendChild(el("span", node.kind, "kind"));
      button.addEventListener("click", function () {
        focusNode(id);
        results.textContent = "";
      });
      item.appendChild(button);
      results.appendChild(item);
    });
  }
  input.addEventListener("input", showResults);
  /* Arrow keys move between the matches; Escape goes back to the field, then clears the list. */
  results.addEventListener("keydown", function (event) {
    var buttons = Array.from(results.querySelectorAll("button"));
    var at = buttons.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at < buttons.length - 1) {
      buttons[at + 1].focus();
      event.preventDefault();
    } else if (event.key === "ArrowUp") {
      if (at > 0) { buttons[at - 1].focus(); } else { input.focus(); }
      event.preventDefault();
    } else if (event.key === "Escape") {
      input.focus();
      results.textContent = "";
    }
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      var first = results.querySelector("button");
      if (first) { first.focus(); event.preventDefault(); }
    } else if (event.key === "Enter") {
      var first = search(input.value)[0];
      if (first) { focusNode(first); results.textContent = ""; }
    } else if (event.key === "Escape") {
      results.textContent = "";
    }
  });

  document.addEventListener("keydown", function (event) {
    var panel = document.getElementById("panel");
    if (event.key === "Escape" && !results.contains(document.activeElement)) {
      if (!panel.hidden) { closePanel(); } else { unfocus(); }
    }
  });

  // ---- layouts -------------------------------------------------------------------------------
  var toggle = document.getElementById("toggle-layout");
  function labelToggle() {
    toggle.textContent = layout === "geographic" ? "Network layout" : "Geographic layout";
  }
  function setLayout(next) {
    layout = next;
    var moves = nodes.getIds().map(function (id) {
      var n = byId.get(id) || clusterById.get(id);
      var at = next === "geographic" ? n.geo : n.net;
      return at ? { id: id, x: at[0], y: at[1] } : { id: id };
    });
    /* Only a page whose nodes came without places settles them by physics; stored clusters
       have theirs. */
    var physics = next === "network" && !data.nodes.some(function (n) { return n.net; }) &&
      !data.clusters.some(function (c) { return c.net; });
    network.setOptions({ physics: { enabled: physics } });
    nodes.update(moves);
    if (physics) { network.stabilize(300); }
    network.fit({ animation: false });
    placeLabelsSoon();
    labelToggle();
  }
  if (data.hasGeography) {
    toggle.hidden = false;
    labelToggle();
    toggle.addEventListener("click", function () {
      setLayout(layout === "geographic" ? "network" : "geographic");
    });
  }

  // ---- exports -------------------------------------------------------------------------------
  /* What is drawn now: the nodes and links a reader sees, clusters included. */
  function visibleGraph() {
    var shown = nodes.get({ filter: function (n) { return !n.hidden; } });
    var ids = new Set(shown.map(function (n) { return n.id; }));
    var links = edges.get().filter(function (e) {
      return !e.hidden && ids.has(e.from) && ids.has(e.to);
    });
    return { nodes: shown, edges: links,
      positions: network ? network.getPositions(Array.from(ids)) : {} };
  }

  function xml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&apos;")
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
  }

  function fill(node) {
    var colour = node.color || (data.options.groups[node.kind] || {}).color;
    return colour ? colour.background : "#777777";
  }

  function rgb(hex) {
    var value = parseInt(hex.slice(1), 16);
    return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
  }

  function gexf() {
    var view = visibleGraph();
    var out = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">',
      '<meta><creator>graphsvc</creator><description>' + xml(data.title) + '</description></meta>',
      '<graph defaultedgetype="directed" mode="static">',
      '<attributes class="node"><attribute id="kind" title="kind" type="string"/></attributes>',
      '<attributes class="edge"><attribute id="type" title="type" type="string"/></attributes>',
      '<nodes>'];
    view.nodes.forEach(function (n) {
      var at = view.positions[n.id] || { x: 0, y: 0 };
      var c = rgb(fill(n));
      out.push('<node id="' + xml(n.id) + '" label="' + xml(n.name) + '">' +
        '<attvalues><attvalue for="kind" value="' + xml(n.kind) + '"/></attvalues>' +
        '<viz:color r="' + c[0] + '" g="' + c[1] + '" b="' + c[2] + '"/>' +
        '<viz:position x="' + at.x.toFixed(1) + '" y="' + (-at.y).toFixed(1) + '" z="0"/>' +
        '<viz:size value="' + n.size + '"/></node>');
    });
    out.push('</nodes><edges>');
    view.edges.forEach(function (e, i) {
      out.push('<edge id="' + i + '" source="' + xml(e.from) + '" target="' + xml(e.to) +
        '" label="' + xml(e.label) + '"><attvalues><attvalue for="type" value="' +
        xml(e.type) + '"/></attvalues></edge>');
    });
    out.push('</edges></graph></gexf>');
    return out.join("\n");
  }

  function graphml() {
    var view = visibleGraph();
    var out = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
      '<key id="label" for="node" attr.name="label" attr.type="string"/>',
      '<key id="kind" for="node" attr.name="kind" attr.type="string"/>',
      '<key id="x" for="node" attr.name="x" attr.type="double"/>',
      '<key id="y" for="node" attr.name="y" attr.type="double"/>',
      '<key id="type" for="edge" attr.name="type" attr.type="string"/>',
      '<graph id="G" edgedefault="directed">'];
    view.nodes.forEach(function (n) {
      var at = view.positions[n.id] || { x: 0, y: 0 };
      out.push('<node id="' + xml(n.id) + '"><data key="label">' + xml(n.name) +
        '</data><data key="kind">' + xml(n.kind) + '</data><data key="x">' + at.x.toFixed(1) +
        '</data><data key="y">' + at.y.toFixed(1) + '</data></node>');
    });
    view.edges.forEach(function (e, i) {
      out.push('<edge id="e' + i + '" source="' + xml(e.from) + '" target="' + xml(e.to) +
        '"><data key="type">' + xml(e.type) + '</data></edge>');
    });
    out.push('</graph></graphml>');
    return out.join("\n");
  }

  function fileName(extension) {
    return (data.view + (data.params.id ? "-" + data.params.id : "")).replace(/[^a-z0-9-]+/g, "-") +
      "." + extension;
  }

  function download(name, blob) {
    var link = document.createElement("a");
    link.download = name;
    link.href = URL.createObjectURL(blob);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  document.getElementById("export-gexf").addEventListener("click", function () {
    download(fileName("gexf"), new Blob([gexf()], { type: "application/xml" }));
  });
  document.getElementById("export-graphml").addEventListener("click", function () {
    download(fileName("graphml"), new Blob([graphml()], { type: "application/xml" }));
  });

  // ---- table view ----------------------------------------------------------------------------
  /* The text alternative to the picture: what is shown now (after the legend's and the period's
     filters), as two tables a screen reader can walk. Built with textContent only. Each cell
     carries its column's name, which a phone shows before the value (map.css stacks each row
     as a card there, so no column is off-screen). */
  function table(caption, heads, rows) {
    var element = el("table");
    element.appendChild(el("caption", caption));
    var head = el("tr");
    heads.forEach(function (text) {
      var cell = el("th", text);
      cell.scope = "col";
      head.appendChild(cell);
    });
    var thead = el("thead");
    thead.appendChild(head);
    element.appendChild(thead);
    var body = el("tbody");
    rows.forEach(function (row) {
      var line = el("tr");
      row.forEach(function (text, index) {
        var cell = el("td", text);
        cell.dataset.label = heads[index];
        line.appendChild(cell);
      });
      body.appendChild(line);
    });
    element.appendChild(body);
    return element;
  }

  function nameOf(id) {
    var n = byId.get(id) || clusterById.get(id);
    return n ? n.name : id;
  }

  function fillTable() {
    var section = document.getElementById("table-view");
    section.textContent = "";
    var shown = visibleGraph();
    var degree = new Map();
    shown.edges.forEach(function (e) {
      degree.set(e.from, (degree.get(e.from) || 0) + 1);
      degree.set(e.to, (degree.get(e.to) || 0) + 1);
    });
    var entities = shown.nodes.map(function (n) {
      var info = (byId.get(n.id) || {}).info || {};
      return [nameOf(n.id), n.kind, info.category || "", String(degree.get(n.id) || 0)];
    }).sort(function (a, b) { return a[0].localeCompare(b[0]); });
    var links = shown.edges.map(function (e) {
      return [nameOf(e.from), e.label || e.type || "", nameOf(e.to)];
    }).sort(function (a, b) { return a[0].localeCompare(b[0]) || a[2].localeCompare(b[2]); });
    section.appendChild(table("Entities (" + entities.length + ")",
      ["Name", "Kind", "Category", "Links"], entities));
    section.appendChild(table("Links (" + links.length + ")", ["From", "Link", "To"], links));
  }

  var tableButton = document.getElementById("show-table");
  tableButton.addEventListener("click", function () {
    var section = document.getElementById("table-view");
    var open = section.hidden;
    if (open) { fillTable(); }
    section.hidden = !open;
    tableButton.setAttribute("aria-expanded", open ? "true" : "false");
    tableButton.textContent = open ? "Map" : "Table";
  });

  buildLegend();
  readView();

  /* For tests and for scripting from the console: what the map shows, and its actions. */
  window.graphsvcMap = {
    state: state,
    network: network,
    counts: function () {
      var view = visibleGraph();
      return { nodes: view.nodes.length, edges: view.edges.length,
        drawnNodes: network.body.nodeIndices.filter(function (id) {
          return !network.body.nodes[id].options.hidden;
        }).length,
        drawnEdges: network.body.edgeIndices.filter(function (id) {
          var edge = network.body.edges[id];
          return edge.connected && !edge.options.hidden && !edge.from.options.hidden &&
            !edge.to.options.hidden;
        }).length };
    },
    search: search,
    focusNode: focusNode,
    selected: function () { return network.getSelectedNodes(); },
    focused: function () { return focus.id; },
    opacity: function (id) {
      var node = network.body.nodes[id];
      return node ? node.options.opacity : null;
    },
    unfocus: unfocus,
    hiddenKinds: function () { return Array.from(hiddenKinds).sort(); },
    period: function () { return { from: period.from, to: period.to }; },
    gexf: gexf,
    graphml: graphml,
    png: exporter.png,
    svg: exporter.svg,
    path: paths.show,
    pathText: function () { return paths.state.text; },
    clearPath: paths.clear,
    highlighted: function () {
      var lit = highlight();
      return lit ? { nodes: Array.from(lit.nodes).sort(), edges: Array.from(lit.edges).sort() } : null;
    },
    steps: timeline.steps,
    undated: function () {
      var pale = undatedNow();
      return { nodes: Array.from(pale.nodes).sort(), edges: Array.from(pale.edges).sort() };
    },
    layout: function () { return layout; },
    openCluster: openCluster,
    closeClusters: closeClusters,
    setLayout: setLayout,
    labelled: function () { return Array.from(shownLabels).sort(); },
    placeLabels: placeLabels
  };
}());
