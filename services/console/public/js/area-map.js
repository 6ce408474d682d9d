import * as L from '/console/vendor/leaflet/leaflet-src.esm.js';
import { t } from './i18n.js';

export const LEVEL_COLOURS = ['#e8ecef', '#fff3b0', '#ffcf7a', '#f28c6b', '#b3261e'];

/**
 * A Leaflet map of the area outlines. Tiles only when the installation configures a tile URL;
 * without one the outlines stand on a plain background (and a note says so).
 */
export function createAreaMap(element, config, areas) {
  const map = L.map(element, { zoomSnap: 0.25, attributionControl: Boolean(config.tileUrl) });
  if (config.tileUrl) L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 18 }).addTo(map);
  else element.setAttribute('data-notiles', 'true');
  const layer = L.geoJSON(areas, { style: () => ({ color: '#14263a', weight: 2, fillColor: LEVEL_COLOURS[0], fillOpacity: 0.6 }) }).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [10, 10] });
  element.querySelector('.leaflet-container')?.setAttribute('role', 'region');
  return { map, layer, L };
}

/** Colours each area by its level of one hazard; the tooltip names area, hazard and level in words. */
export function colourAreas(view, levels, hazard, names) {
  const byId = new Map(levels.map((l) => [l.areaId, l]));
  view.layer.eachLayer((shape) => {
    const id = shape.feature.properties.id;
    const lvl = byId.get(id)?.[hazard] ?? 0;
    shape.setStyle({ fillColor: LEVEL_COLOURS[lvl] ?? LEVEL_COLOURS[0], fillOpacity: lvl > 0 ? 0.75 : 0.35 });
    const text = `${names.get(id) ?? id}: ${t(`map.${hazard}`)} ${t('level')} ${lvl}`;
    shape.unbindTooltip();
    shape.bindTooltip(text, { sticky: true });
    // An SVG path has no role that may carry a label; as an image it names its area and level.
    const el = shape.getElement?.();
    el?.setAttribute('role', 'img');
    el?.setAttribute('aria-label', text);
  });
}
