/* Maps of the planner: places and highways on the home page, a trip's days on the trip page. */
(function () {
  "use strict";
  var KIND_STYLE = {
    tourist_highway: {color: "#b5651d", weight: 4}, branch: {color: "#b5651d", weight: 2, dashArray: "4 4"},
    ring: {color: "#8e44ad", weight: 4}, connector: {color: "#7f8c8d", weight: 2},
    expressway: {color: "#34495e", weight: 2}, national_road: {color: "#95a5a6", weight: 2}
  };

  function data(id) { return JSON.parse(document.getElementById(id).textContent); }

  function dayColour(i) {  /* the server's day colours (catalogue/display.py), as on the timeline */
    var colours = data("map-settings").day_colours;
    return colours[i % colours.length];
  }

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
    if (!map.getPane("roads")) {
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
        pane: "roads",
        onEachFeature: function (f, layer) {
          layer.bindPopup(escape(f.properties.name_en + " · " + f.properties.name_zh + " · " + f.properties.length_km + " km"));
        }
      }).addTo(map);
    });
  }

  function placeLink(slug, name) {
    return '<a href="/places/' + encodeURIComponent(slug) + '/">' + escape(name) + "</a>";
  }

  function home(id) {
    var map = baseMap(id);
    var points = data("points");
    var bounds = [];
    points.forEach(function (p) {
      L.circleMarker([p.lat, p.lon], {radius: 6, color: "#d7263d", fillOpacity: 0.8, className: "place-dot"})
        .bindPopup(placeLink(p.slug, p.name)).addTo(map);
      bounds.push([p.lat, p.lon]);
    });
    map.fitBounds(bounds, {padding: [20, 20]});
    highways(map, false);
  }

  // Markers that would cover each other at the map's zoom sit side by side instead, whatever their day.
  function spread(map, items) {
    var points = items.map(function (item) { return map.latLngToLayerPoint([item.lat, item.lon]); });
    var group = items.map(function (_, i) { return i; });
    function root(i) { while (group[i] !== i) { i = group[i]; } return i; }
    for (var i = 0; i < items.length; i++) {
      for (var j = i + 1; j < items.length; j++) {
        if (points[i].distanceTo(points[j]) < 24) { group[root(j)] = root(i); }
      }
    }
    var members = {};
    items.forEach(function (item, i) { (members[root(i)] = members[root(i)] || []).push(item); });
    // A cluster is laid out in a row about its centre, so places a few metres apart (the sights of one walled
    // town) end up side by side as surely as places on one point.
    Object.keys(members).forEach(function (key) {
      var cluster = members[key];
      if (cluster.length < 2) { return; }
      var at = cluster.map(function (item) { return points[items.indexOf(item)]; });
      var cx = at.reduce(function (s, p) { return s + p.x; }, 0) / at.length;
      var cy = at.reduce(function (s, p) { return s + p.y; }, 0) / at.length;
      var order = cluster.map(function (_, k) { return k; }).sort(function (a, b) { return at[a].x - at[b].x; });
      order.forEach(function (k, slot) {
        cluster[k].shift = cx + (slot - (cluster.length - 1) / 2) * 26 - at[k].x;
        cluster[k].lift = cy - at[k].y;
      });
    });
  }

  function badge(html, colour, shift, extraClass, lift) {
    var dy = lift || 0;
    return L.divIcon({className: "stop-icon " + (extraClass || ""), iconSize: [24, 24],
                      iconAnchor: [12 - (shift || 0), 12 - dy], popupAnchor: [shift || 0, -12 + dy],
                      html: '<span style="background:' + colour + '">' + html + "</span>"});
  }

  function trip(id, resultId) {
    var map = baseMap(id);
    var result = data(resultId || "trip-result");
    var bounds = [];
    var last = result.days.length;
    highways(map, true);  // the road network, faint, for orientation when no tiles load
    result.days.forEach(function (day, i) {
      var colour = dayColour(i);
      // Earlier days are drawn wider, later ones narrower on top: where days share a road, both colours show.
      var weight = 4 + 3 * (last - 1 - i);
      day.legs.forEach(function (leg) {
        if (leg.path.length > 1 && leg.km > 0) {
          L.polyline(leg.path, {color: colour, weight: weight, opacity: 0.9, lineCap: "butt",
                                className: "day-route day-" + (i + 1)}).addTo(map);
          leg.path.forEach(function (p) { bounds.push(p); });
        }
      });
    });
    var markers = [];
    result.days.forEach(function (day, i) {
      var colour = dayColour(i);
      day.stops.forEach(function (stop, k) {
        markers.push({lat: stop.lat, lon: stop.lon, colour: colour, label: String(k + 1), slug: stop.slug,
                      title: stop.name_zh + " " + stop.name_en, day: i + 1,
                      text: escape(stop.arrive.slice(11, 16) + "–" + stop.depart.slice(11, 16))});
      });
      if (day.lodging) {
        markers.push({lat: day.lodging.lat, lon: day.lodging.lon, colour: colour, label: "☾", night: true,
                      title: day.lodging.name_zh + " " + day.lodging.name_en, day: i + 1, text: ""});
      }
    });
    var first = result.days[0].start, end = result.days[last - 1].end;
    var sameEnd = first.lat === end.lat && first.lon === end.lon;
    markers.push({lat: first.lat, lon: first.lon, colour: "#222", label: sameEnd ? "S/E" : "S", terminal: true,
                  title: first.name_zh + " " + first.name_en, text: ""});
    if (!sameEnd) {
      markers.push({lat: end.lat, lon: end.lon, colour: "#222", label: "E", terminal: true,
                    title: end.name_zh + " " + end.name_en, text: ""});
    }
    markers.forEach(function (m) { bounds.push([m.lat, m.lon]); });
    if (bounds.length) { map.fitBounds(bounds, {padding: [24, 24]}); } else { map.setView([36.5, 112.5], 7); }
    spread(map, markers);
    markers.forEach(function (m) {
      var cls = m.terminal ? "terminal" : (m.night ? "night" : "");
      var popup = "<strong>" + (m.slug ? placeLink(m.slug, m.title) : escape(m.title)) + "</strong>" +
                  (m.day ? "<br>" + escape((data("map-settings").day || "Day #").replace("#", m.day)) : "") + (m.text ? " · " + m.text : "");
      L.marker([m.lat, m.lon], {icon: badge(m.label, m.colour, m.shift, cls, m.lift), keyboard: true, title: m.title,
                                alt: m.title, zIndexOffset: m.terminal ? 1000 : 0})
        .bindPopup(popup).addTo(map);
    });
    refitOnPrint(map, bounds);
  }

  // The printed map is smaller than the screen's: fit the trip again for paper, and back afterwards.
  function refitOnPrint(map, bounds) {
    function refit() {
      map.invalidateSize({animate: false});
      if (bounds.length) { map.fitBounds(bounds, {padding: [16, 16], animate: false}); }
    }
    window.addEventListener("beforeprint", refit);
    window.addEventListener("afterprint", refit);
    window.matchMedia("print").addEventListener("change", refit);
  }

  function place(id) {
    var map = baseMap(id);
    var found = data("place-data");
    var bounds = [[found.place.lat, found.place.lon]];
    highways(map, true);
    found.near.forEach(function (p) {
      L.circleMarker([p.lat, p.lon], {radius: p.lodging ? 6 : 5, color: p.lodging ? "#3b2f2a" : "#1b998b",
                                      fillOpacity: 0.9})
        .bindPopup(p.lodging ? escape(p.name) : placeLink(p.slug, p.name)).addTo(map);
      bounds.push([p.lat, p.lon]);
    });
    L.marker([found.place.lat, found.place.lon], {icon: badge("★", "#d7263d", 0, "terminal"), title: found.place.name,
                                                  alt: found.place.name, zIndexOffset: 1000}).addTo(map);
    map.fitBounds(bounds, {padding: [24, 24], maxZoom: 12});
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

  window.PlannerMap = {home: home, trip: trip, place: place, poll: poll};
})();
