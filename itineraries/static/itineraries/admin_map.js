/* Editors' maps: place a destination, draw a road; the catalogue's roads and places show even without tiles.
   Opening hours: add a season row. Leaflet and Leaflet.draw come from django-leaflet. */
(function () {
  "use strict";
  var ROAD_COLOURS = {tourist_highway: "#b5651d", ring: "#8e44ad", branch: "#b5651d"};

  function settingsFor(el) {
    var script = el.parentNode.querySelector('script[type="application/json"]');  // Django's json_script
    return JSON.parse(script.textContent);
  }

  function baseMap(el, settings) {
    var map = L.map(el, {zoomSnap: 0.5});
    if (settings.tiles) {
      L.tileLayer(settings.tiles, {maxZoom: 18, attribution: settings.attribution}).addTo(map);
    }
    settings.roads.forEach(function (road) {
      L.polyline(road.points, {color: ROAD_COLOURS[road.kind] || "#7f8c8d", weight: 2, opacity: 0.6,
                               interactive: false}).addTo(map);
    });
    settings.places.forEach(function (place) {
      var label = document.createElement("span");
      label.textContent = place.name;  // a name is text: Leaflet would read a string as HTML
      L.circleMarker(place.point, {radius: 4, color: "#34495e", weight: 1, fillOpacity: 0.6})
        .bindTooltip(label).addTo(map);
    });
    return map;
  }

  function pointMap(el) {
    var settings = settingsFor(el);
    var lat = document.getElementById(el.dataset.latInput);
    var lon = document.getElementById(el.dataset.latInput.replace(/lat$/, "lon"));
    var gcj = document.getElementById("id_gcj02");
    var gcjMap = settings.datum === "gcj02";
    if (gcjMap) { el.parentNode.querySelector(".admin-map-datum").hidden = false; }
    var map = baseMap(el, settings);
    var typed = [parseFloat(lat.value), parseFloat(lon && lon.value)];
    var known = !isNaN(typed[0]) && !isNaN(typed[1]);
    // The stored point is WGS-84; on GCJ-02 tiles the page shows it where the tiles draw it.
    var shown = known ? (el.dataset.display ? JSON.parse(el.dataset.display) : typed) : [37.0, 112.4];
    map.setView(shown, known ? 11 : 7);
    var marker = L.marker(shown, {draggable: true, title: lat.value + ", " + (lon ? lon.value : "")}).addTo(map);
    function set(p) {
      lat.value = p.lat.toFixed(4);
      if (lon) { lon.value = p.lng.toFixed(4); }
      if (gcj) { gcj.checked = gcjMap; }
      marker.setLatLng(p);
    }
    map.on("click", function (e) { set(e.latlng); });
    marker.on("dragend", function () { set(marker.getLatLng()); });
    [lat, lon].forEach(function (input) {
      if (!input) { return; }
      input.addEventListener("change", function () {
        var p = [parseFloat(lat.value), parseFloat(lon.value)];
        if (!isNaN(p[0]) && !isNaN(p[1])) { marker.setLatLng(p); map.panTo(p); }
      });
    });
  }

  function roadMap(el) {
    var settings = settingsFor(el);
    var input = document.getElementById(el.dataset.input);
    var datum = document.getElementById("id_geojson_datum");
    var map = baseMap(el, settings);
    // The stored line, drawn in the tiles' datum; once edited, the text holds map positions in that datum.
    var points = JSON.parse(el.dataset.display || "[]");
    var line = L.polyline(points, {color: "#d7263d", weight: 4}).addTo(map);
    if (points.length > 1) { map.fitBounds(line.getBounds(), {padding: [20, 20]}); } else { map.setView([37.0, 112.4], 7); }
    function write() {
      var coords = line.getLatLngs().map(function (p) { return [+p.lng.toFixed(5), +p.lat.toFixed(5)]; });
      input.value = JSON.stringify({type: "LineString", coordinates: coords});
      if (datum) { datum.value = settings.datum; }
    }
    function editable() {
      if (line.editing) { line.editing.disable(); line.editing.enable(); }
    }
    editable();
    line.on("edit", write);
    map.on("click", function (e) { line.addLatLng(e.latlng); editable(); write(); });
    var undo = el.parentNode.querySelector(".admin-road-undo");
    if (undo) {
      undo.addEventListener("click", function () {
        var latlngs = line.getLatLngs();
        if (latlngs.length) { latlngs.pop(); line.setLatLngs(latlngs); editable(); write(); }
      });
    }
  }

  function hoursTable(wrap) {
    var count = wrap.querySelector(".hours-count");
    wrap.querySelector(".hours-add").addEventListener("click", function () {
      var rows = wrap.querySelectorAll("tr.hours-row");
      var last = rows[rows.length - 1];
      var copy = last.cloneNode(true);
      var index = parseInt(count.value, 10);
      copy.querySelector("th").textContent = String(index + 1);
      copy.querySelectorAll("input").forEach(function (inputEl) {
        inputEl.name = inputEl.name.replace(/-\d+-/, "-" + index + "-");
        if (inputEl.type === "text") { inputEl.value = ""; }
      });
      last.parentNode.appendChild(copy);
      count.value = String(index + 1);
      copy.querySelector("input").focus();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".admin-point-map").forEach(pointMap);
    document.querySelectorAll(".admin-road-map").forEach(roadMap);
    document.querySelectorAll(".hours-table-wrap").forEach(hoursTable);
  });
})();
