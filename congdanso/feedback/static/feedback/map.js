/* The public map of reports: clustering is done by the server (bbox + zoom); this draws circles with counts.
   Without JavaScript the page shows the filtered list only. No inline code (CSP). */
(function () {
  "use strict";

  var element = document.getElementById("public-map");
  if (!element || !window.L) { return; }
  var L = window.L;
  var block = document.querySelector("[data-map-block]");
  var status = document.querySelector("[data-map-status]");
  if (block) { block.hidden = false; }

  var map = L.map(element, { keyboard: true }).setView([21.8537, 106.7615], 10);
  var tiles = element.getAttribute("data-tile-url");
  if (tiles) { L.tileLayer(tiles, { maxZoom: 19 }).addTo(map); }
  var layer = L.layerGroup().addTo(map);
  // The map API filters by category and status (the list below also filters by commune and dates).
  var query = new URLSearchParams(window.location.search);
  var filters = new URLSearchParams();
  ["category", "status"].forEach(function (name) { if (query.get(name)) { filters.set(name, query.get(name)); } });
  var pending = null;

  function detailUrl(code) {
    return element.getAttribute("data-detail-url-template").replace("CODE", encodeURIComponent(code));
  }

  function draw(points) {
    layer.clearLayers();
    var total = 0;
    points.forEach(function (point) {
      var count = point.count || 1;
      total += count;
      var latlng = [point.latitude, point.longitude];
      var marker = L.circleMarker(latlng, {
        radius: Math.min(10 + Math.sqrt(count) * 2, 30), color: "#0b4f8a", weight: 2, fillOpacity: 0.7
      }).addTo(layer);
      if (count > 1) {
        marker.bindTooltip(String(count), { permanent: true, direction: "center", className: "cluster-label" });
        marker.on("click", function () { map.setView(latlng, Math.min(map.getZoom() + 2, 18)); });
      } else if (point.code) {
        var link = document.createElement("a");
        link.href = detailUrl(point.code);
        link.textContent = point.title || point.code;
        marker.bindPopup(link);
      }
    });
    if (status) { status.textContent = interpolate(gettext("Bản đồ đang hiển thị %s phản ánh."), [total]); }
  }

  function load() {
    var bounds = map.getBounds();
    var params = new URLSearchParams(filters.toString());
    params.set("bbox", [bounds.getSouth(), bounds.getWest(), bounds.getNorth(), bounds.getEast()]
      .map(function (value) { return value.toFixed(6); }).join(","));
    params.set("zoom", String(map.getZoom()));
    if (pending) { pending.abort(); }
    pending = new AbortController();
    fetch(element.getAttribute("data-points-url") + "?" + params.toString(), {
      credentials: "same-origin", headers: { Accept: "application/json" }, signal: pending.signal
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        draw(Array.isArray(data) ? data : []);
      })
      .catch(function () { /* aborted or offline: keep what is drawn */ });
  }

  map.on("moveend", load);
  load();
})();
