/* Filter the must-see list as the tourist types, in English, Chinese or pinyin. */
(function () {
  "use strict";
  document.querySelectorAll("input.filter").forEach(function (input) {
    var select = document.getElementById(input.dataset.filter);
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(select.options, function (option) {
        option.hidden = needle !== "" && option.text.toLowerCase().indexOf(needle) === -1 &&
                        option.value.indexOf(needle) === -1;
      });
    });
  });
})();
