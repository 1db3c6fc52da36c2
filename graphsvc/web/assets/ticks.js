/* The curator's ticks on a proposal's page, kept in this tab (sessionStorage) until the proposal
   is decided: a refused accept, an edit, a reload or a new sign-in shows them as they were left.
   Only the boxes the curator changed are kept; the others follow what the page proposes. */
(function () {
  "use strict";
  var list = document.querySelector("ol.facts[data-proposal]");
  if (!list || !window.sessionStorage) return;
  var key = "graphsvc:ticks:" + list.getAttribute("data-proposal");
  if (list.getAttribute("data-status") !== "pending") {
    try { sessionStorage.removeItem(key); } catch (ignored) { /* storage refused: nothing kept */ }
    return;
  }
  var kept = {};
  try { kept = JSON.parse(sessionStorage.getItem(key) || "{}") || {}; } catch (ignored) { kept = {}; }
  var boxes = document.querySelectorAll("input[type=checkbox][name=facts][form=accept-form]");
  Array.prototype.forEach.call(boxes, function (box) {
    if (Object.prototype.hasOwnProperty.call(kept, box.value)) box.checked = kept[box.value] === true;
    box.addEventListener("change", function () {
      kept[box.value] = box.checked;
      try { sessionStorage.setItem(key, JSON.stringify(kept)); } catch (ignored) { /* as above */ }
    });
  });
})();
