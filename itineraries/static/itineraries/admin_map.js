/* Admin maps: click to place a destination; preview a road's polyline. Leaflet comes from django-leaflet. */
(function () {
  "use strict";
  function base(el) {
    var map = L.map(el);
    L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {maxZoom: 18}).addTo(map);
    return map;
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".admin-point-map").forEach(function (el) {
      var lat = document.getElementById(el.dataset.latInput);
      var lon = document.getElementById(el.dataset.latInput.replace(/lat$/, "lon"));
      var map = base(el);
      var start = [parseFloat(lat.value) || 36.5, parseFloat(lon && lon.value) || 112.5];
      map.setView(start, lat.value ? 11 : 7);
      var marker = L.marker(start, {draggable: true}).addTo(map);
      function set(p) {
        lat.value = p.lat.toFixed(4);
        if (lon) { lon.value = p.lng.toFixed(4); }
        marker.setLatLng(p);
      }
      map.on("click", function (e) { set(e.latlng); });
      marker.on("dragend", function () { set(marker.getLatLng()); });
    });
    document.querySelectorAll(".road-preview").forEach(function (el) {
      var points = JSON.parse(el.dataset.points || "[]");
      if (points.length < 2) { return; }
      var map = base(el);
      var line = L.polyline(points, {color: "#b5651d", weight: 4}).addTo(map);
      map.fitBounds(line.getBounds());
    });
  });
})();
