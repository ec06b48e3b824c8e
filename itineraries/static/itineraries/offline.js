/* Keeps the trip on this device (service worker at /sw.js) and says when the page is the kept copy. */
(function () {
  "use strict";
  var badge = document.getElementById("offline-badge");
  function show() { if (badge) { badge.hidden = navigator.onLine; } }
  window.addEventListener("online", show);
  window.addEventListener("offline", show);
  show();
  if (!("serviceWorker" in navigator)) { return; }
  // Signing out forgets the kept pages: a private trip does not stay readable on a shared device.
  document.querySelectorAll("form.signout").forEach(function (form) {
    form.addEventListener("submit", function () {
      if (navigator.serviceWorker.controller) { navigator.serviceWorker.controller.postMessage({type: "forget"}); }
    });
  });
  navigator.serviceWorker.register("/sw.js").then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    if (!navigator.onLine || !document.querySelector("[data-keep-offline]")) { return; }
    var urls = [location.pathname];
    document.querySelectorAll("[data-keep-offline] a.place-link, a[data-keep]").forEach(function (a) {
      urls.push(new URL(a.href, location.href).pathname);
    });
    document.querySelectorAll("[data-keep-offline] .stop-photo img").forEach(function (img) {
      urls.push(new URL(img.getAttribute("src"), location.href).pathname);  // lazy: maybe not loaded yet
    });
    var channel = new MessageChannel();
    channel.port1.onmessage = function () { document.documentElement.dataset.offlineReady = "1"; };
    registration.active.postMessage({type: "keep", urls: urls}, [channel.port2]);
  }).catch(function () { /* no offline copy: the page works as before online */ });
})();
