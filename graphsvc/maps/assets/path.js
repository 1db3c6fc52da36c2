/* graphsvc map page, "Path to ...": from the details panel, the shortest path between the entity
 * shown and another one the reader names, found breadth-first over what the map shows now
 * (hidden kinds and the period cut it), drawn with everything else dimmed and written out as text.
 *
 * Loaded before map.js, which calls graphsvcParts.path(shared). Text is set with textContent only.
 */
(function () {
  "use strict";
  var parts = window.graphsvcParts = window.graphsvcParts || {};

  parts.path = function (map) {
    var state = { active: false, nodes: new Set(), edges: new Set(), text: "" };
    var output = null;  // the panel's paragraph for the result, while the panel shows a node

    /* Undirected breadth-first search over the drawn, unhidden nodes and links: the fewest links,
       ties broken by the data's order, so the same view gives the same path. */
    function shortest(start, goal) {
      var shown = map.visibleGraph();
      var around = new Map();
      shown.nodes.forEach(function (n) { around.set(n.id, []); });
      shown.edges.forEach(function (e) {
        around.get(e.from).push({ to: e.to, edge: e.id });
        around.get(e.to).push({ to: e.from, edge: e.id });
      });
      if (!around.has(start) || !around.has(goal)) { return null; }
      var came = new Map([[start, null]]);
      var queue = [start];
      for (var at = 0; at < queue.length && !came.has(goal); at += 1) {
        var here = queue[at];
        around.get(here).forEach(function (step) {
          if (!came.has(step.to)) {
            came.set(step.to, { from: here, edge: step.edge });
            queue.push(step.to);
          }
        });
      }
      if (!came.has(goal)) { return null; }
      var route = [{ node: goal, edge: null }];
      for (var back = came.get(goal); back !== null; back = came.get(back.from)) {
        route[0].edge = back.edge;
        route.unshift({ node: back.from, edge: null });
      }
      return route;  // [{node, edge: the link that led here}], start first
    }

    /* "A — funds → B — part of → C", each link in the words of its direction along the path. */
    function describe(route) {
      var text = map.nameOf(route[0].node);
      for (var i = 1; i < route.length; i += 1) {
        var link = map.edges.get(route[i].edge);
        var words = map.data.relationships[link.type];
        var forward = link.from === route[i - 1].node;
        var said = link.type === "AGGREGATE" ? "linked to" : words ? words[forward ? 0 : 1] : link.label;
        text += " \u2014 " + said + " \u2192 " + map.nameOf(route[i].node);
      }
      return text;
    }

    function say(text, className) {
      if (!output) { return; }
      output.textContent = "";
      output.appendChild(map.el("span", text, className));
      output.hidden = false;
    }

    /* Where a node is drawn: opened out of its cluster when it is in one. */
    function reveal(id) {
      var node = map.byId.get(id);
      if (node && node.cluster) { map.openCluster(node.cluster); }
    }

    function show(start, goal) {
      reveal(start);
      reveal(goal);
      var route = shortest(start, goal);
      var names = map.nameOf(start) + " and " + map.nameOf(goal);
      if (!route) {
        clear();
        state.text = "No path between " + names + " in this view: no chain of the links shown " +
          "joins them (a hidden kind or the period may cut it).";
        say(state.text, "no-path");
        addClear();
        return false;
      }
      state.active = true;
      state.nodes = new Set(route.map(function (step) { return step.node; }));
      state.edges = new Set(route.slice(1).map(function (step) { return step.edge; }));
      state.text = describe(route);
      map.paint();
      say(state.text, "path-text");
      if (output) {
        output.insertBefore(map.el("strong", (route.length - 1) + (route.length === 2 ? " link: " :
          " links: ")), output.firstChild);
      }
      addClear();
      frame(Array.from(state.nodes));
      return true;
    }

    /* The path's nodes fitted into the part of the map the panel leaves in sight: beside it on
       a wide screen, above it when it is a bottom sheet. */
    function frame(ids) {
      var network = map.network;
      var box = map.container.getBoundingClientRect();
      var panel = document.getElementById("panel").getBoundingClientRect();
      var width = box.width;
      var height = box.height;
      if (panel.width && panel.width < box.width * 0.8) { width = Math.max(120, panel.left - box.left); }
      else if (panel.height) { height = Math.max(120, panel.top - box.top); }
      var at = network.getPositions(ids);
      var xs = ids.map(function (id) { return at[id].x; });
      var ys = ids.map(function (id) { return at[id].y; });
      var low = { x: Math.min.apply(null, xs), y: Math.min.apply(null, ys) };
      var high = { x: Math.max.apply(null, xs), y: Math.max.apply(null, ys) };
      var margin = 80;
      var scale = Math.min(1.5, (width - margin * 2) / Math.max(1, high.x - low.x),
        (height - margin * 2) / Math.max(1, high.y - low.y));
      scale = Math.max(0.05, scale);
      var centre = { x: (low.x + high.x) / 2 + (box.width - width) / 2 / scale,
        y: (low.y + high.y) / 2 + (box.height - height) / 2 / scale };
      network.moveTo({ position: centre, scale: scale,
        animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    }

    function addClear() {
      if (!output) { return; }
      var button = map.el("button", "Clear path", "link");
      button.type = "button";
      button.id = "path-clear";
      button.addEventListener("click", function () { clear(); });
      output.appendChild(map.el("span", " "));
      output.appendChild(button);
    }

    function clear() {
      var was = state.active;
      state.active = false;
      state.nodes = new Set();
      state.edges = new Set();
      state.text = "";
      if (output) { output.textContent = ""; output.hidden = true; }
      if (was) { map.paint(); }
    }

    /* The panel's field: a name typed (accents optional), suggestions from the page's own data,
       arrow keys through them, Enter or a click to pick. */
    function field(panel, start) {
      var box = map.el("div", null, "path-to");
      var label = map.el("label", "Path to ");
      label.htmlFor = "path-to";
      var input = map.el("input");
      input.id = "path-to";
      input.type = "search";
      input.autocomplete = "off";
      input.spellcheck = false;
      input.placeholder = "another entity's name";
      input.setAttribute("aria-controls", "path-results");
      var list = map.el("ul");
      list.id = "path-results";
      list.setAttribute("role", "listbox");
      list.setAttribute("aria-label", "Entities to find a path to");
      output = map.el("div", null, "path-result");
      output.id = "path-result";
      output.setAttribute("aria-live", "polite");
      output.hidden = true;
      box.appendChild(label);
      box.appendChild(input);
      box.appendChild(list);
      panel.appendChild(box);
      panel.appendChild(output);

      function matches() {
        return map.search(input.value).filter(function (id) { return id !== start; }).slice(0, 8);
      }
      function pick(id) {
        input.value = map.nameOf(id);
        list.textContent = "";
        show(start, id);
        input.focus();
      }
      input.addEventListener("input", function () {
        list.textContent = "";
        matches().forEach(function (id) {
          var item = map.el("li");
          item.setAttribute("role", "option");
          var button = map.el("button");
          button.type = "button";
          button.dataset.id = id;
          button.appendChild(map.el("span", map.nameOf(id) + " "));
          button.appendChild(map.el("span", map.byId.get(id).kind, "kind"));
          button.addEventListener("click", function () { pick(id); });
          item.appendChild(button);
          list.appendChild(item);
        });
      });
      input.addEventListener("keydown", function (event) {
        if (event.key === "ArrowDown") {
          var first = list.querySelector("button");
          if (first) { first.focus(); event.preventDefault(); }
        } else if (event.key === "Enter") {
          var found = matches()[0];
          if (found) { pick(found); event.preventDefault(); }
        } else if (event.key === "Escape" && list.childNodes.length) {
          list.textContent = "";
          event.stopPropagation();
        }
      });
      list.addEventListener("keydown", function (event) {
        var buttons = Array.from(list.querySelectorAll("button"));
        var at = buttons.indexOf(document.activeElement);
        if (event.key === "ArrowDown" && at < buttons.length - 1) {
          buttons[at + 1].focus();
          event.preventDefault();
        } else if (event.key === "ArrowUp") {
          if (at > 0) { buttons[at - 1].focus(); } else { input.focus(); }
          event.preventDefault();
        } else if (event.key === "Escape") {
          input.focus();
          list.textContent = "";
          event.stopPropagation();
        }
      });
    }

    return { state: state, show: show, clear: clear, field: field };
  };
}());
