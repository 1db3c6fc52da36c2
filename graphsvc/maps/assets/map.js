/* graphsvc map page. Reads the view from the JSON block #map-data and draws it with vis-network.
 *
 * Safety rule for this file: text from the graph is only ever set with textContent, attribute
 * setters or as vis-network's plain-string titles; never innerHTML, never a string of markup.
 * Styles are set through the CSSOM (element.style), which the page's CSP allows.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("map-data").textContent);
  var byId = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  var hiddenKinds = new Set();
  var hiddenCommunities = new Set();
  var layout = data.layout;
  var state = { ready: false, firstDraw: null, selected: null };

  var container = document.getElementById("graph");
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  network.once("afterDrawing", function () { state.firstDraw = performance.now(); });
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      state.ready = true;
      setStatus("");
    });
    setStatus("Arranging " + data.nodes.length + " nodes ...");
  } else {
    network.once("afterDrawing", function () { state.ready = true; });
  }

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

  function refreshVisibility() {
    var changes = [];
    data.nodes.forEach(function (n) {
      var hidden = !isVisible(n);
      var current = nodes.get(n.id);
      if (current && Boolean(current.hidden) !== hidden) {
        changes.push({ id: n.id, hidden: hidden });
      }
    });
    nodes.update(changes);
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
    button.appendChild(el("span", text));
    button.addEventListener("click", function () {
      var shown = button.getAttribute("aria-pressed") === "true";
      button.setAttribute("aria-pressed", shown ? "false" : "true");
      onToggle(!shown);
    });
    var item = el("li");
    item.appendChild(button);
    return item;
  }

  function buildLegend() {
    var legend = document.getElementById("legend");
    legend.appendChild(el("h2", "Legend"));
    legend.appendChild(el("p", "Size: " + data.size, "note"));
    legend.appendChild(el("p", "Click a kind to hide or show it.", "note"));
    legend.appendChild(el("h3", "Kinds"));
    var list = el("ul");
    list.id = "legend-kinds";
    data.kinds.forEach(function (kind) {
      var colour = data.colour === "community" ? "#9a9a9a" : kind.colour;
      list.appendChild(legendButton(colour, kind.shape, kind.plural + " (" + kind.count + ")",
        kind.label, function (show) {
          if (show) { hiddenKinds.delete(kind.label); } else { hiddenKinds.add(kind.label); }
          refreshVisibility();
        }));
    });
    legend.appendChild(list);
    if (data.communities.length) {
      legend.appendChild(el("h3", "Communities (Louvain)"));
      var groups = el("ul");
      groups.id = "legend-communities";
      data.communities.forEach(function (c) {
        groups.appendChild(legendButton(c.colour, "dot", c.name + " (" + c.count + ")",
          "community-" + c.number, function (show) {
            if (show) { hiddenCommunities.delete(c.number); } else { hiddenCommunities.add(c.number); }
            refreshVisibility();
          }));
      });
      legend.appendChild(groups);
    }
  }

  // ---- side panel ----------------------------------------------------------------------------
  var SKIP = new Set(["name", "description", "aliases", "category", "start_date", "end_date",
    "uncertain", "note"]);

  function addPair(list, term, value) {
    if (value === undefined || value === null || value === "") { return; }
    list.appendChild(el("dt", term));
    list.appendChild(el("dd", Array.isArray(value) ? value.join(", ") : value));
  }

  function sourceList(ids) {
    var list = el("ul");
    ids.forEach(function (id) {
      var doc = data.sources[id];
      var text = doc ? doc.name + (doc.file ? " (" + doc.file + ")" : "") : id;
      list.appendChild(el("li", text));
    });
    return list;
  }

  function openPanel() {
    var panel = document.getElementById("panel");
    panel.textContent = "";
    var close = el("button", "\u00d7", "close");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", function () { panel.hidden = true; });
    panel.appendChild(close);
    panel.hidden = false;
    return panel;
  }

  function fullName(node) {
    return node.name;
  }

  function showNode(id) {
    var node = byId.get(id);
    if (!node) { return; }
    var info = node.info || {};
    var panel = openPanel();
    panel.appendChild(el("h2", fullName(node)));
    var kind = kindOf(node.kind);
    panel.appendChild(el("p", (kind ? kind.label : node.kind) +
      (info.category ? " \u00b7 " + info.category : ""), "meta"));
    if (info.uncertain) {
      panel.appendChild(el("p", "Uncertain: " + (info.note || "the sources only suggest this."), "meta"));
    }
    if (info.description) { panel.appendChild(el("p", info.description)); }
    var facts = el("dl");
    addPair(facts, "Also called", info.aliases);
    addPair(facts, "From", info.start_date);
    addPair(facts, "To", info.end_date);
    Object.keys(info).sort().forEach(function (key) {
      if (!SKIP.has(key)) { addPair(facts, key.replace(/_/g, " "), info[key]); }
    });
    addPair(facts, "Id", node.id);
    panel.appendChild(facts);
    var links = el("ul");
    network.getConnectedEdges(id).forEach(function (edgeId) {
      var edge = edges.get(edgeId);
      if (!edge) { return; }
      var other = edge.from === id ? edge.to : edge.from;
      var otherNode = byId.get(other);
      var item = el("li");
      var words = data.relationships[edge.type] || [edge.label, edge.label];
      item.appendChild(el("span", (edge.from === id ? words[0] : words[1]) + ": "));
      var go = el("button", otherNode ? fullName(otherNode) : other, "link");
      go.type = "button";
      go.addEventListener("click", function () { focusNode(other); });
      item.appendChild(go);
      links.appendChild(item);
    });
    if (links.childNodes.length) {
      panel.appendChild(el("h3", "Links"));
      panel.appendChild(links);
    }
    panel.appendChild(el("h3", "Sources"));
    panel.appendChild(sourceList(node.sources || []));
  }

  function showEdge(id) {
    var edge = edges.get(id);
    if (!edge) { return; }
    var panel = openPanel();
    var from = byId.get(edge.from);
    var to = byId.get(edge.to);
    panel.appendChild(el("h2", (from ? fullName(from) : edge.from) + " " + edge.label + " " +
      (to ? fullName(to) : edge.to)));
    var facts = el("dl");
    var info = edge.info || {};
    Object.keys(info).sort().forEach(function (key) { addPair(facts, key.replace(/_/g, " "), info[key]); });
    panel.appendChild(facts);
    panel.appendChild(el("h3", "Sources"));
    panel.appendChild(sourceList(edge.sources || []));
  }

  network.on("click", function (params) {
    if (params.nodes.length) { state.selected = params.nodes[0]; showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
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
    var node = byId.get(id);
    if (!node) { return false; }
    if (!isVisible(node)) {
      hiddenKinds.delete(node.kind);
      if (node.community !== null) { hiddenCommunities.delete(node.community); }
      document.querySelectorAll("#legend button").forEach(function (b) {
        if (b.dataset.key === node.kind || b.dataset.key === "community-" + node.community) {
          b.setAttribute("aria-pressed", "true");
        }
      });
      refreshVisibility();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.4, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    state.selected = id;
    showNode(id);
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
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var first = search(input.value)[0];
      if (first) { focusNode(first); results.textContent = ""; }
    } else if (event.key === "Escape") {
      results.textContent = "";
    }
  });

  // ---- layouts -------------------------------------------------------------------------------
  var toggle = document.getElementById("toggle-layout");
  function labelToggle() {
    toggle.textContent = layout === "geographic" ? "Network layout" : "Geographic layout";
  }
  function setLayout(next) {
    layout = next;
    var moves = data.nodes.map(function (n) {
      var at = next === "geographic" ? n.geo : n.net;
      return at ? { id: n.id, x: at[0], y: at[1] } : { id: n.id };
    });
    var physics = next === "network" && !data.nodes.some(function (n) { return n.net; });
    network.setOptions({ physics: { enabled: physics } });
    nodes.update(moves);
    if (physics) { network.stabilize(300); }
    network.fit({ animation: false });
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
  function visibleGraph() {
    var shown = data.nodes.filter(isVisible);
    var ids = new Set(shown.map(function (n) { return n.id; }));
    var links = edges.get().filter(function (e) { return ids.has(e.from) && ids.has(e.to); });
    return { nodes: shown, edges: links, positions: network.getPositions(Array.from(ids)) };
  }

  function xml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&apos;")
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
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
      var c = rgb(n.color.background);
      out.push('<node id="' + xml(n.id) + '" label="' + xml(n.label) + '">' +
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
      out.push('<node id="' + xml(n.id) + '"><data key="label">' + xml(n.label) +
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

  function legendEntries() {
    if (data.communities.length) {
      return data.communities.filter(function (c) { return !hiddenCommunities.has(c.number); })
        .map(function (c) { return { colour: c.colour, text: c.name + " (" + c.count + ")" }; });
    }
    return data.kinds.filter(function (k) { return !hiddenKinds.has(k.label); })
      .map(function (k) { return { colour: k.colour, text: k.plural + " (" + k.count + ")" }; });
  }

  /* The map's canvas with the legend drawn beside it, as a PNG data URL. */
  function png() {
    var source = container.querySelector("canvas");
    var ratio = window.devicePixelRatio || 1;
    var entries = legendEntries();
    var legendWidth = 280 * ratio;
    var out = document.createElement("canvas");
    out.width = source.width + legendWidth;
    out.height = Math.max(source.height, (70 + 22 * entries.length) * ratio);
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(source, 0, 0);
    var x = source.width + 16 * ratio;
    ctx.fillStyle = "#111111";
    ctx.font = "bold " + 15 * ratio + "px sans-serif";
    ctx.fillText(data.title.slice(0, 40), x, 24 * ratio);
    ctx.font = 12 * ratio + "px sans-serif";
    ctx.fillText("Size: " + data.size, x, 44 * ratio);
    entries.forEach(function (entry, i) {
      var y = (66 + 22 * i) * ratio;
      ctx.fillStyle = entry.colour;
      ctx.fillRect(x, y - 11 * ratio, 14 * ratio, 14 * ratio);
      ctx.fillStyle = "#111111";
      ctx.fillText(entry.text, x + 22 * ratio, y);
    });
    return out.toDataURL("image/png");
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

  document.getElementById("export-png").addEventListener("click", function () {
    fetchless(png(), function (blob) { download(fileName("png"), blob); });
  });
  document.getElementById("export-gexf").addEventListener("click", function () {
    download(fileName("gexf"), new Blob([gexf()], { type: "application/xml" }));
  });
  document.getElementById("export-graphml").addEventListener("click", function () {
    download(fileName("graphml"), new Blob([graphml()], { type: "application/xml" }));
  });

  /* A data URL to a Blob without fetch(), which the page's CSP (connect-src none) forbids. */
  function fetchless(dataUrl, done) {
    var bytes = atob(dataUrl.split(",")[1]);
    var array = new Uint8Array(bytes.length);
    for (var i = 0; i < bytes.length; i += 1) { array[i] = bytes.charCodeAt(i); }
    done(new Blob([array], { type: "image/png" }));
  }

  buildLegend();

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
    gexf: gexf,
    graphml: graphml,
    png: png,
    layout: function () { return layout; },
    setLayout: setLayout
  };
}());
