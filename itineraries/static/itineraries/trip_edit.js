/* Editing a trip by hand: drag a stop to another position or day. The buttons beside each stop do the same
   without a mouse; a drop sends the new order through the same form, and the page comes back re-timed. */
(function () {
  "use strict";
  var form = document.getElementById("order-form");
  if (!form) { return; }
  var FOCUS_KEY = "planner-edit-focus";

  // A keyboard user who moved a stop with its arrow button comes back to that button, on the stop's new place.
  document.addEventListener("submit", function (e) {
    var sender = e.submitter;
    if (!sender || !e.target.classList.contains("stop-edit") || sender.name !== "op") { return; }
    try {
      sessionStorage.setItem(FOCUS_KEY, JSON.stringify({slug: e.target.elements.slug.value, op: sender.value}));
    } catch (err) { /* storage refused: the page still scrolls to the stop */ }
  });

  function restoreFocus() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(FOCUS_KEY) || "null");
      sessionStorage.removeItem(FOCUS_KEY);
    } catch (err) { return; }
    if (!saved) { return; }
    var stop = document.getElementById("stop-" + saved.slug);
    if (!stop) { return; }
    var tools = stop.querySelector("details.stop-tools");
    if (tools) { tools.open = true; }
    var other = saved.op === "up" ? "down" : "up";
    var target = stop.querySelector("button[name=op][value=" + saved.op + "]:not([disabled])") ||
      stop.querySelector("button[name=op][value=" + other + "]:not([disabled])");
    if (!target) {
      stop.setAttribute("tabindex", "-1");
      target = stop;
    }
    target.focus();
  }
  // After the browser has gone to the #stop-... fragment, which would otherwise leave focus on the page.
  window.addEventListener("load", function () { setTimeout(restoreFocus, 0); });
  var lists = Array.prototype.slice.call(document.querySelectorAll("ol.stops[data-editable]"));
  var dragged = null;

  function order() {
    return lists.map(function (list) {
      return Array.prototype.map.call(list.querySelectorAll("li.stop"), function (li) { return li.dataset.slug; });
    });
  }

  function send(day) {
    form.elements.days.value = JSON.stringify(order());
    form.elements.day.value = day;
    form.submit();
  }

  lists.forEach(function (list) {
    list.addEventListener("dragstart", function (e) {
      var li = e.target.closest && e.target.closest("li.stop");
      if (!li) { return; }
      dragged = li;
      li.classList.add("dragging");
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", li.dataset.slug);
    });
    list.addEventListener("dragend", function () {
      if (dragged) { dragged.classList.remove("dragging"); }
      lists.forEach(function (l) { l.classList.remove("drop-target"); });
    });
    list.addEventListener("dragover", function (e) {
      if (!dragged) { return; }
      e.preventDefault();
      list.classList.add("drop-target");
    });
    list.addEventListener("dragleave", function () { list.classList.remove("drop-target"); });
    list.addEventListener("drop", function (e) {
      if (!dragged) { return; }
      e.preventDefault();
      var target = e.target.closest && e.target.closest("li.stop");
      if (target === dragged) { return; }
      if (target) {
        var box = target.getBoundingClientRect();
        var after = e.clientY > box.top + box.height / 2;
        target.parentNode.insertBefore(dragged, after ? target.nextSibling : target);
      } else {
        list.insertBefore(dragged, list.querySelector("li.night"));
      }
      send(list.dataset.day);
    });
  });
})();
