/* The report form, enhanced: a Leaflet pin, a local draft that survives a lost connection, and the list of
   similar open reports nearby. Without JavaScript the form works as a plain HTML form. No inline code (CSP). */
(function () {
  "use strict";

  var DRAFT_KEY = "congdanso.feedback.draft";
  var DRAFT_FIELDS = ["category", "title", "description", "commune", "address", "latitude", "longitude",
    "idempotency_key"];
  var DRAFT_CHECKS = ["is_public", "is_anonymous"];
  var DEFAULT_CENTER = [21.8537, 106.7615]; // Lạng Sơn
  var DEFAULT_ZOOM = 12;

  function storage() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  function clearDraft() {
    var store = storage();
    if (store) { store.removeItem(DRAFT_KEY); }
  }

  if (document.querySelector("[data-clear-draft]")) {
    clearDraft();
    return;
  }

  var form = document.getElementById("report-form");
  if (!form) { return; }
  var field = function (name) { return form.elements.namedItem(name); };

  /* ---- Local draft ---- */
  function saveDraft() {
    var store = storage();
    if (!store) { return; }
    var draft = {};
    DRAFT_FIELDS.forEach(function (name) { if (field(name)) { draft[name] = field(name).value; } });
    DRAFT_CHECKS.forEach(function (name) { if (field(name)) { draft[name] = field(name).checked; } });
    try { store.setItem(DRAFT_KEY, JSON.stringify(draft)); } catch (error) { /* storage full: no draft */ }
  }

  function restoreDraft() {
    var store = storage();
    var raw = store && store.getItem(DRAFT_KEY);
    if (!raw) { return false; }
    var draft;
    try { draft = JSON.parse(raw); } catch (error) { return false; }
    if (!draft || (!draft.title && !draft.description)) { return false; }
    if (field("title").value || field("description").value) { return false; } // the server re-rendered input
    DRAFT_FIELDS.forEach(function (name) {
      if (field(name) && typeof draft[name] === "string") { field(name).value = draft[name]; }
    });
    DRAFT_CHECKS.forEach(function (name) {
      if (field(name) && typeof draft[name] === "boolean") { field(name).checked = draft[name]; }
    });
    return true;
  }

  var restored = restoreDraft();
  form.addEventListener("input", saveDraft);
  form.addEventListener("change", saveDraft);
  if (restored) {
    var note = document.createElement("p");
    note.className = "message success";
    note.setAttribute("role", "status");
    note.setAttribute("data-draft-restored", "");
    note.textContent = gettext("Đã khôi phục bản nháp chưa gửi của bạn.");
    form.insertBefore(note, form.firstChild.nextSibling);
  }

  /* ---- Map pin ---- */
  var block = form.querySelector("[data-map-block]");
  var mapElement = document.getElementById("report-map");
  var pinStatus = form.querySelector("[data-pin-status]");
  var map = null;
  var pin = null;

  function describePin() {
    if (!pinStatus) { return; }
    var lat = field("latitude").value;
    var lon = field("longitude").value;
    pinStatus.textContent = lat && lon
      ? interpolate(gettext("Đã đặt ghim tại %s, %s."), [Number(lat).toFixed(5), Number(lon).toFixed(5)])
      : gettext("Chưa đặt ghim.");
  }

  function setPin(lat, lon) {
    field("latitude").value = lat.toFixed(6);
    field("longitude").value = lon.toFixed(6);
    if (map) {
      if (pin) { pin.setLatLng([lat, lon]); } else {
        pin = window.L.circleMarker([lat, lon], { radius: 10, color: "#a4161a", weight: 3, fillOpacity: 0.6 })
          .addTo(map);
      }
    }
    describePin();
    saveDraft();
    loadSimilar();
  }

  function clearPin() {
    field("latitude").value = "";
    field("longitude").value = "";
    if (pin && map) { map.removeLayer(pin); }
    pin = null;
    describePin();
    saveDraft();
  }

  if (block && mapElement && window.L) {
    block.hidden = false;
    map = window.L.map(mapElement, { keyboard: true }).setView(DEFAULT_CENTER, DEFAULT_ZOOM);
    var tiles = mapElement.getAttribute("data-tile-url");
    if (tiles) { window.L.tileLayer(tiles, { maxZoom: 19 }).addTo(map); }
    map.on("click", function (event) { setPin(event.latlng.lat, event.latlng.lng); });
    form.querySelector("[data-pin-center]").addEventListener("click", function () {
      var center = map.getCenter();
      setPin(center.lat, center.lng);
    });
    form.querySelector("[data-pin-clear]").addEventListener("click", clearPin);
    var locate = form.querySelector("[data-pin-locate]");
    if (navigator.geolocation) {
      locate.addEventListener("click", function () {
        navigator.geolocation.getCurrentPosition(function (position) {
          setPin(position.coords.latitude, position.coords.longitude);
          map.setView([position.coords.latitude, position.coords.longitude], 16);
        }, function () { pinStatus.textContent = gettext("Không lấy được vị trí của bạn. Hãy chạm vào bản đồ."); });
      });
    } else {
      locate.hidden = true;
    }
    var lat = parseFloat(field("latitude").value);
    var lon = parseFloat(field("longitude").value);
    if (!isNaN(lat) && !isNaN(lon)) {
      map.setView([lat, lon], 16);
      pin = window.L.circleMarker([lat, lon], { radius: 10, color: "#a4161a", weight: 3, fillOpacity: 0.6 })
        .addTo(map);
    }
    describePin();
  }

  /* ---- Similar reports nearby ---- */
  var similar = form.querySelector("[data-similar]");
  var similarList = form.querySelector("[data-similar-list]");

  function templateUrl(attribute, code) {
    return form.getAttribute(attribute).replace("CODE", encodeURIComponent(code));
  }

  function renderSimilar(items) {
    while (similarList.firstChild) { similarList.removeChild(similarList.firstChild); }
    similar.hidden = false;
    var intro = document.createElement("p");
    if (!items.length) {
      intro.textContent = gettext("Chưa có phản ánh tương tự đang được xử lý gần vị trí này.");
      similarList.appendChild(intro);
      return;
    }
    intro.textContent = gettext("Nếu sự việc đã được phản ánh, bạn có thể theo dõi phản ánh đó thay vì gửi trùng.");
    similarList.appendChild(intro);
    var list = document.createElement("ul");
    list.className = "report-list";
    items.forEach(function (item) {
      var entry = document.createElement("li");
      entry.className = "report-card";
      var heading = document.createElement("h3");
      heading.className = "report-card-title";
      var link = document.createElement("a");
      link.href = templateUrl("data-detail-url-template", item.code);
      link.textContent = item.title;
      heading.appendChild(link);
      var meta = document.createElement("p");
      meta.className = "report-meta";
      var parts = [item.code, item.status_label || "",
        typeof item.distance_m === "number" ? interpolate(gettext("cách %s m"), [Math.round(item.distance_m)]) : ""];
      meta.textContent = parts.filter(Boolean).join(" · ");
      var button = document.createElement("button");
      button.type = "submit";
      button.className = "button-secondary";
      button.setAttribute("formaction", templateUrl("data-follow-url-template", item.code));
      button.setAttribute("formnovalidate", "");
      button.textContent = gettext("Theo dõi phản ánh này");
      entry.appendChild(heading);
      entry.appendChild(meta);
      entry.appendChild(button);
      list.appendChild(entry);
    });
    similarList.appendChild(list);
  }

  function loadSimilar() {
    var category = field("category").value;
    var lat = field("latitude").value;
    var lon = field("longitude").value;
    if (!category || !lat || !lon || !similar) { return; }
    var url = form.getAttribute("data-nearby-url") + "?" + new URLSearchParams({
      category: category, lat: lat, long: lon
    }).toString();
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        renderSimilar(Array.isArray(data) ? data : []);
      })
      .catch(function () { /* offline: the citizen can still submit */ });
  }

  field("category").addEventListener("change", loadSimilar);
  loadSimilar();
})();
