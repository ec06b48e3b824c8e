/* On a phone, a day's Amap link opens the Amap app's own route, which takes every stop of the day; the web
   page it links to otherwise takes only one. Desktops keep the web link. */
(function () {
  "use strict";
  var agent = navigator.userAgent || "";
  var ios = /iPhone|iPad|iPod/.test(agent) || (/Macintosh/.test(agent) && navigator.maxTouchPoints > 1);
  var android = /Android/.test(agent);
  if (!ios && !android) { return; }
  Array.prototype.forEach.call(document.querySelectorAll("a[data-android][data-ios]"), function (link) {
    link.href = ios ? link.dataset.ios : link.dataset.android;
    link.removeAttribute("target");
  });
})();
