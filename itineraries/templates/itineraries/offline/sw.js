{% load static %}/* The planner's service worker: a trip opened once still opens without a signal (the Taihang ridges).
   Pages (trips, places) are fetched from the network first and kept; without a network the kept copy is
   served. A trip page asks for its GeoJSON, the place pages it links to and its stops' thumbnails (about 30 KB
   each) to be kept as well. */
"use strict";
var PAGES = "planner-pages-v1";
var ASSETS = "planner-assets-v1";
var SHELL = [
  "{% static 'leaflet/leaflet.css' %}",
  "{% static 'leaflet/leaflet.js' %}",
  "{% static 'itineraries/site.css' %}",
  "{% static 'itineraries/map.js' %}",
  "{% static 'itineraries/app_links.js' %}",
  "{% static 'itineraries/trip_edit.js' %}",
  "{% static 'itineraries/offline.js' %}",
  "{% static 'itineraries/favicon.svg' %}",
  "/api/v1/highways/"
];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(ASSETS).then(function (cache) { return cache.addAll(SHELL); }));
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n !== PAGES && n !== ASSETS; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

function kept(url) {
  var path = new URL(url, self.location.origin).pathname;
  return /^\/trips\/[0-9a-f-]{36}\/(trip\.geojson)?$/.test(path) || /^\/places\/[\w-]+\/$/.test(path) ||
    /^\/media\/photos\/[\w\/-]+\.(jpg|webp)$/.test(path);
}

// Always the network's answer when there is one (so a new version of the app is never hidden behind a kept
// copy); the kept copy only without a network.
function patiently(promise, ms) {
  // A signal that comes and goes on a ridge can leave a request hanging: after a while the kept copy is better.
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error("no answer")); }, ms);
    promise.then(function (r) { clearTimeout(timer); resolve(r); }, function (e) { clearTimeout(timer); reject(e); });
  });
}

function networkFirst(request, store) {
  return patiently(fetch(request), 8000).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(store).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(request, {ignoreVary: true}).then(function (hit) {
      return hit || caches.match(new URL(request.url).pathname, {ignoreSearch: true, ignoreVary: true});
    }).then(function (hit) {
      return hit || new Response("Offline, and this page was not saved on this device.",
        {status: 503, headers: {"Content-Type": "text/plain; charset=utf-8"}});
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) { return; }
  var path = new URL(request.url).pathname;
  if (kept(request.url)) {
    event.respondWith(networkFirst(request, PAGES));
  } else if (path.indexOf("{% get_static_prefix %}") === 0 || path === "/api/v1/highways/") {
    event.respondWith(networkFirst(request, ASSETS));
  }
});

// A trip page sends the addresses it links to; they are kept, and the page is told when they are.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "forget") {
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (data.type !== "keep" || !event.ports[0]) { return; }
  var urls = (data.urls || []).filter(kept);
  event.waitUntil(caches.open(PAGES).then(function (cache) {
    return Promise.all(urls.map(function (url) {
      return fetch(url, {credentials: "same-origin"}).then(function (response) {
        if (response.ok) { return cache.put(url, response); }
      }).catch(function () { /* kept next time */ });
    }));
  }).then(function () { event.ports[0].postMessage({kept: urls.length}); }));
});
