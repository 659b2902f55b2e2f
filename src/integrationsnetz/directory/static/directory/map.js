// Map of the search results: an enhancement only. The result list is the primary, accessible view;
// without JavaScript (or Leaflet) the map section stays hidden. Settings come from data attributes
// because the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var current = null;

  function setUp() {
    var element = document.querySelector("[data-results-map]");
    var section = document.querySelector("[data-map-section]");
    if (current) {
      current.remove();
      current = null;
    }
    if (!element || !section || typeof window.L === "undefined") {
      return;
    }
    var L = window.L;
    section.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false }).setView([51.05, 13.35], 7);
    current = map;
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, {
        maxZoom: 18,
        attribution: element.dataset.attribution || ""
      }).addTo(map);
    }
    fetch(element.dataset.geojsonUrl, { headers: { Accept: "application/geo+json, application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : { features: [] };
      })
      .then(function (data) {
        if (current !== map) {
          return;
        }
        if (!data.features || !data.features.length) {
          section.hidden = true;
          return;
        }
        var layer = L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            return L.marker(latlng, { title: feature.properties.name, alt: feature.properties.name });
          },
          onEachFeature: function (feature, marker) {
            var popup = document.createElement("div");
            var link = document.createElement("a");
            link.href = feature.properties.url;
            link.textContent = feature.properties.name;
            popup.appendChild(link);
            var meta = document.createElement("p");
            meta.textContent = [feature.properties.kind, feature.properties.address].filter(Boolean).join(" · ");
            popup.appendChild(meta);
            marker.bindPopup(popup);
          }
        }).addTo(map);
        map.fitBounds(layer.getBounds(), { maxZoom: 13, padding: [20, 20] });
      })
      .catch(function () {
        section.hidden = true;
      });
  }

  document.addEventListener("DOMContentLoaded", setUp);
  // htmx replaces the result area after a search; draw the map for the new results.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target && event.target.id === "search-body") {
      setUp();
    }
  });
})();
