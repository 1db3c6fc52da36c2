// Name suggestions for every <input data-suggest="/maps/suggest?kinds=...">.
//
// Progressive: without this script the field is a plain text box whose name the server
// resolves. With it, typing asks the server for the closest names (the API's own search) and
// shows them as a listbox under the field: ArrowDown/ArrowUp move, Enter picks (the field gets
// the entity's id, the chosen name is shown under it), Escape closes, and focus stays in the
// field throughout. Every text is set with textContent, never as HTML.
(function () {
  "use strict";
  var counter = 0;

  function attach(input) {
    var id = "suggest-" + (++counter);
    var list = document.createElement("ul");
    list.id = id;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    var picked = document.createElement("span");
    picked.className = "picked";
    picked.setAttribute("aria-live", "polite");
    input.parentNode.appendChild(list);
    input.parentNode.parentNode.appendChild(picked);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    var items = [];
    var active = -1;
    var asked = 0;
    var timer = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.children;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function pick(index) {
      var item = items[index];
      input.value = item.id;
      picked.textContent = item.name + " · " + item.kind + (item.country ? " · " + item.country : "");
      close();
      input.focus();
    }

    function show(found) {
      items = found;
      list.textContent = "";
      found.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.id = item.id;
        var name = document.createElement("span");
        name.className = "name";
        name.textContent = item.name;
        var where = document.createElement("span");
        where.className = "where";
        where.textContent = item.kind + (item.country ? " · " + item.country : "");
        option.appendChild(name);
        option.appendChild(where);
        if (item.alias) {
          var alias = document.createElement("span");
          alias.className = "alias";
          alias.textContent = "also called " + item.alias;
          option.appendChild(alias);
        }
        // mousedown, not click: picking must not take the focus from the field first.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          pick(index);
        });
        list.appendChild(option);
      });
      active = -1;
      list.hidden = found.length === 0;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
    }

    function ask() {
      var text = input.value.trim();
      var mine = ++asked;
      if (!text || text.length > 200) {
        show([]);
        return;
      }
      var url = input.dataset.suggest;
      url += (url.indexOf("?") < 0 ? "?" : "&") + "text=" + encodeURIComponent(text);
      fetch(url, {headers: {accept: "application/json"}, credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
        .then(function (body) { if (mine === asked) { show(body.suggestions || []); } })
        .catch(function () { if (mine === asked) { show([]); } });
    }

    input.addEventListener("input", function () {
      picked.textContent = "";
      clearTimeout(timer);
      timer = setTimeout(ask, 120);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && items.length > 0;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!open) {
          if (items.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
          else { ask(); }
          event.preventDefault();
          return;
        }
        var next = active + (event.key === "ArrowDown" ? 1 : -1);
        // Past either end the highlight leaves the list, back to what was typed.
        highlight(next >= items.length ? -1 : next < -1 ? items.length - 1 : next);
        event.preventDefault();
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        pick(active);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();
