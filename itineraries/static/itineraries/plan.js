/* The plan form's place lists: filter as the tourist types (English, Chinese, pinyin) and count the ticks. */
(function () {
  "use strict";
  document.querySelectorAll("input.filter").forEach(function (input) {
    var list = document.getElementById(input.dataset.filter);
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      list.querySelectorAll("li").forEach(function (item) {
        var box = item.querySelector("input");
        var text = (item.textContent + " " + box.value).toLowerCase();
        item.hidden = needle !== "" && text.indexOf(needle) === -1;
      });
    });
  });
  document.querySelectorAll("[data-checklist]").forEach(function (list) {
    var counter = list.querySelector(".chosen-count");
    var template = counter.dataset.template;
    list.addEventListener("change", function () {
      var n = list.querySelectorAll("input:checked").length;
      counter.textContent = template ? template.replace("#", n) : n;
    });
  });
})();
