/* Maps of the planner: places and highways on the home page, a trip's days on the trip page. */
(function () {
  "use strict";
  var COLOURS = ["#d7263d", "#1b998b", "#2e86ab", "#f46036", "#7b2d8e", "#c5a900", "#3d5a80"];
  var KIND_STYLE = {
    tourist_highway: {color: "#b5651d", weight: 4}, branch: {color: "#b5651d", weight: 2, dashArray: "4 4"},
    ring: {color: "#8e44ad", weight: 4}, connector: {color: "#7f8c8d", weight: 2},
    expressway: {color: "#34495e", weight: 2}, national_road: {color: "#95a5a6", weight: 2}
  };

  function data(id) { return JSON.parse(document.getElementById(id).textContent); }

  function baseMap(id) {
    var settings = data("map-settings");
    var map = L.map(id, {zoomSnap: 0.25});
    if (settings.tiles) {
      L.tileLayer(settings.tiles, {maxZoom: 18, attribution: settings.attribution}).addTo(map);
    }
    return map;
  }

  function escape(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function highways(map, faint) {
    if (faint && !map.getPane("roads")) {
      map.createPane("roads").style.zIndex = 350;  // under the day routes and markers
    }
    return fetch("/api/v1/highways/").then(function (r) { return r.json(); }).then(function (geo) {
      L.geoJSON(geo, {
        style: function (f) {
          var style = Object.assign({}, KIND_STYLE[f.properties.kind] || {});
          if (faint) { style.opacity = 0.35; style.weight = 2; }
          return style;
        },
        interactive: !faint,
        pane: faint ? "roads" : "overlayPane",
        onEachFeature: function (f, layer) {
          layer.bindPopup(escape(f.properties.name_en + " · " + f.properties.name_zh + " · " + f.properties.length_km + " km"));
        }
      }).addTo(map);
    });
  }

  function home(id) {
    var map = baseMap(id);
    var points = data("points");
    var bounds = [];
    points.forEach(function (p) {
      L.circleMarker([p.lat, p.lon], {radius: 5, color: "#d7263d", fillOpacity: 0.8})
        .bindPopup(escape(p.name)).addTo(map);
      bounds.push([p.lat, p.lon]);
    });
    map.fitBounds(bounds, {padding: [20, 20]});
    highways(map, false);
  }

  function trip(id) {
    var map = baseMap(id);
    var result = data("trip-result");
    var bounds = [];
    highways(map, true);  // the road network, faint, for orientation when no tiles load
    result.days.forEach(function (day, i) {
      var colour = COLOURS[i % COLOURS.length];
      day.legs.forEach(function (leg) {
        if (leg.path.length > 1) {
          L.polyline(leg.path, {color: colour, weight: 5, opacity: 0.85, className: "day-route day-" + (i + 1)}).addTo(map);
          leg.path.forEach(function (p) { bounds.push(p); });
        }
      });
      day.stops.forEach(function (stop, k) {
        var icon = L.divIcon({className: "stop-icon", html: '<span style="background:' + colour + '">' + (k + 1) + "</span>",
                              iconSize: [24, 24]});
        L.marker([stop.lat, stop.lon], {icon: icon, keyboard: true, title: stop.name_en})
          .bindPopup("<strong>" + escape(stop.name_zh + " " + stop.name_en) + "</strong><br>" +
                     escape(stop.arrive.slice(11, 16) + "–" + stop.depart.slice(11, 16)))
          .addTo(map);
        bounds.push([stop.lat, stop.lon]);
      });
      if (day.lodging) {
        L.circleMarker([day.lodging.lat, day.lodging.lon], {radius: 7, color: "#222", fillColor: colour, fillOpacity: 1})
          .bindPopup(escape(day.lodging.name_zh + " " + day.lodging.name_en)).addTo(map);
      }
    });
    if (bounds.length) { map.fitBounds(bounds, {padding: [20, 20]}); } else { map.setView([36.5, 112.5], 7); }
  }

  function poll(itineraryId) {
    var bar = document.getElementById("progress");
    function tick() {
      fetch("/api/v1/itineraries/" + itineraryId + "/", {headers: {Accept: "application/json"}})
        .then(function (r) { return r.json(); })
        .then(function (body) {
          bar.value = body.progress;
          bar.textContent = body.progress + "%";
          if (body.status === "done" || body.status === "failed") { window.location.reload(); }
          else { setTimeout(tick, 400); }
        })
        .catch(function () { setTimeout(tick, 1500); });
    }
    tick();
  }

  // Page controls without inline handlers (the Content-Security-Policy allows no inline script).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-action=print]")) window.print();
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.matches("[data-select-on-focus]")) event.target.select();
  });

  window.PlannerMap = {home: home, trip: trip, poll: poll};
})();
