/* graphsvc map page, the period: two sliders over the data's own months (or its years, when no
 * date says a month), a Play button that walks the period's end forward, and the from/to fields
 * the sliders keep in step with ("2016" or "2016-03", which is also how the URL fragment says it).
 *
 * Loaded before map.js, which calls graphsvcParts.period(shared) with what the parts share.
 * Text is set with textContent only.
 */
(function () {
  "use strict";
  var parts = window.graphsvcParts = window.graphsvcParts || {};

  parts.period = function (map) {
    var data = map.data;
    var period = map.period;
    var steps = [];  // {text, first, last, label}: one month or one year each
    var ui = null;
    var timer = null;
    var TEXT = /^(\d{4})(?:-(\d{2}))?$/;

    function pad(number) { return (number < 10 ? "0" : "") + number; }

    function monthStep(index) {
      var year = Math.floor(index / 12);
      var month = index % 12 + 1;
      var key = year * 10000 + month * 100;
      return { text: year + "-" + pad(month), first: key + 1, last: key + 31,
        label: map.months[month - 1] + " " + year };
    }

    function yearStep(year) {
      return { text: String(year), first: year * 10000 + 101, last: year * 10000 + 1231,
        label: String(year) };
    }

    /* From the earliest to the latest date in the data, by month when any date gives one. */
    function collect() {
      var low = null;
      var high = null;
      var monthly = false;
      data.nodes.concat(data.edges).forEach(function (item) {
        var info = item.info || {};
        [info.start_date, info.end_date].forEach(function (text) {
          var match = /^(\d{4})(?:-(\d{2}))?/.exec(String(text || ""));
          if (!match) { return; }
          var year = Number(match[1]) * 12;
          var first = match[2] ? year + Number(match[2]) - 1 : year;
          var last = match[2] ? first : year + 11;
          monthly = monthly || Boolean(match[2]);
          low = low === null ? first : Math.min(low, first);
          high = high === null ? last : Math.max(high, last);
        });
      });
      if (low === null) { return; }
      for (var i = low; i <= high; i += 1) {
        if (monthly) { steps.push(monthStep(i)); } else if (i % 12 === 0) { steps.push(yearStep(i / 12)); }
      }
    }

    /* "2016" or "2016-03" as a step-like {text, first, last, label}; null for anything else. */
    function parse(text) {
      var match = TEXT.exec(String(text || "").trim());
      if (!match) { return null; }
      if (!match[2]) { return yearStep(Number(match[1])); }
      var month = Number(match[2]);
      if (month < 1 || month > 12) { return null; }
      return monthStep(Number(match[1]) * 12 + month - 1);
    }

    function indexOf(key, fallback) {
      var at = steps.findIndex(function (s) { return s.first <= key && key <= s.last; });
      if (at !== -1) { return at; }
      return key < steps[0].first ? 0 : key > steps[steps.length - 1].last ? steps.length - 1 : fallback;
    }

    /* The period from two texts ("" for open), the controls brought in line, then the map. */
    function set(fromText, toText, redraw) {
      var a = parse(fromText);
      var b = parse(toText);
      period.from = a ? a.first : null;
      period.to = b ? b.last : null;
      period.fromText = a ? a.text : "";
      period.toText = b ? b.text : "";
      if (ui) {
        ui.fromSlider.value = String(a ? indexOf(a.first, 0) : 0);
        ui.toSlider.value = String(b ? indexOf(b.last, steps.length - 1) : steps.length - 1);
        if (document.activeElement !== ui.from) { ui.from.value = period.fromText; }
        if (document.activeElement !== ui.to) { ui.to.value = period.toText; }
        ui.readout.textContent = (a ? a.label : "the start") + " to " + (b ? b.label : "now");
      }
      if (redraw === false) { return; }
      map.sync();
      var shown = map.visibleGraph();
      map.setStatus(a === null && b === null ? "" : "As of " + (a ? a.label : "the start") +
        " to " + (b ? b.label : "now") + ": " + shown.nodes.length + " entities, " +
        shown.edges.length + " links");
    }

    /* Slider positions as a period: both ends at the data's ends is all time. */
    function fromSliders(moved) {
      var i = Number(ui.fromSlider.value);
      var j = Number(ui.toSlider.value);
      if (i > j) {
        if (moved === ui.fromSlider) { j = i; } else { i = j; }
      }
      set(i === 0 ? "" : steps[i].text, j === steps.length - 1 ? "" : steps[j].text);
    }

    function stop() {
      if (timer !== null) { clearInterval(timer); }
      timer = null;
      if (ui) {
        ui.play.textContent = "\u25b6 Play";
        ui.play.setAttribute("aria-pressed", "false");
      }
    }

    /* Play grows the period: its end steps forward from its start to the data's last date. */
    function play() {
      if (timer !== null) { stop(); return; }
      var i = Number(ui.fromSlider.value);
      var j = Number(ui.toSlider.value);
      if (j >= steps.length - 1) { j = i; }
      function show(at) {
        set(i === 0 ? "" : steps[i].text, at === steps.length - 1 ? "" : steps[at].text);
      }
      show(j);
      ui.play.textContent = "\u275a\u275a Pause";
      ui.play.setAttribute("aria-pressed", "true");
      var pace = Math.max(150, Math.min(900, Math.round(15000 / steps.length)));
      timer = setInterval(function () {
        j += 1;
        if (j >= steps.length) { stop(); return; }
        show(j);
        if (j === steps.length - 1) { stop(); }
      }, pace);
    }

    function slider(id, text) {
      var label = map.el("label", text + " ", "slider");
      var input = map.el("input");
      input.type = "range";
      input.id = id;
      input.min = "0";
      input.max = String(steps.length - 1);
      input.step = "1";
      input.setAttribute("aria-label", text + " (" + (steps.length > 1 && steps[0].text.length > 4 ?
        "by month" : "by year") + ")");
      label.appendChild(input);
      return { label: label, input: input };
    }

    function field(row, id, text, hint) {
      var label = map.el("label", text + " ");
      var input = map.el("input");
      input.type = "text";
      input.id = id;
      input.inputMode = "numeric";
      input.placeholder = hint;
      input.setAttribute("pattern", "\\d{4}(-\\d{2})?");
      input.title = "A year (2016) or a month (2016-03)";
      label.appendChild(input);
      row.appendChild(label);
      return input;
    }

    function build(legend) {
      collect();
      if (!steps.length) { return; }
      legend.appendChild(map.el("h3", "Period"));
      legend.appendChild(map.el("p", "Dated programmes, events and funding outside it are hidden, " +
        "with the parties linked only through them.", "note"));
      var row = map.el("div", null, "period");
      var from = field(row, "period-from", "from", steps[0].text);
      var to = field(row, "period-to", "to", steps[steps.length - 1].text);
      var all = map.el("button", "All time");
      all.type = "button";
      all.id = "period-clear";
      row.appendChild(all);
      legend.appendChild(row);
      var start = slider("period-from-slider", "From");
      var end = slider("period-to-slider", "To");
      var sliders = map.el("div", null, "period-sliders");
      sliders.appendChild(start.label);
      sliders.appendChild(end.label);
      legend.appendChild(sliders);
      var playing = map.el("div", null, "period-play");
      var button = map.el("button", "\u25b6 Play");
      button.type = "button";
      button.id = "period-play";
      button.setAttribute("aria-pressed", "false");
      button.title = "Show the network growing " + (steps[0].text.length > 4 ? "month" : "year") +
        " by " + (steps[0].text.length > 4 ? "month" : "year");
      playing.appendChild(button);
      var readout = map.el("span", "", "readout");
      readout.id = "period-readout";
      playing.appendChild(readout);
      legend.appendChild(playing);
      var pale = map.el("p", null, "note undated-entry");
      pale.id = "period-undated";
      pale.hidden = true;
      pale.appendChild(map.el("span", null, "swatch pale"));
      pale.appendChild(map.el("span", ""));
      legend.appendChild(pale);
      ui = { from: from, to: to, fromSlider: start.input, toSlider: end.input, play: button,
        readout: readout, pale: pale };
      set(period.fromText, period.toText, false);
      function typed() { stop(); set(from.value, to.value); }
      from.addEventListener("input", typed);
      to.addEventListener("input", typed);
      start.input.addEventListener("input", function () { stop(); fromSliders(start.input); });
      end.input.addEventListener("input", function () { stop(); fromSliders(end.input); });
      all.addEventListener("click", function () { stop(); set("", ""); });
      button.addEventListener("click", play);
    }

    /* How many undated items the period draws pale (map.js counts them). */
    function undated(count) {
      if (!ui) { return; }
      ui.pale.hidden = count === 0;
      ui.pale.lastChild.textContent = count + " undated (year not known): kept, drawn pale";
    }

    /* The period from the URL fragment (#from=2016-03&to=2017); true when it set one. */
    function read(fragment) {
      var a = fragment.get("from");
      var b = fragment.get("to");
      if (!parse(a) && !parse(b)) { return false; }
      set(parse(a) ? a : "", parse(b) ? b : "");
      return true;
    }

    return { build: build, read: read, undated: undated, play: play, stop: stop,
      steps: function () { return steps.map(function (s) { return s.text; }); } };
  };
}());
