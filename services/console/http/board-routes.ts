import { sendJson } from '../../core/http/body';
import { HttpError, problem } from '../../core/http/problem';
import type { Router } from '../../core/http/router';
import type { CatalogueIndex } from '../../core/catalogue/catalogue';
import { QUANTITIES, type Quantity } from '../../core/model/reading';
import type { ConsoleAuth } from '../auth/console-auth';
import type { EventHub } from '../live/event-hub';
import type { LiveView } from '../live/live-view';

/** The catalogue's areas as GeoJSON features (public: outlines are no secret). */
export function areaFeatures(catalogue: CatalogueIndex) {
  return {
    type: 'FeatureCollection' as const,
    features: catalogue.catalogue.areas.map((a) => ({ type: 'Feature' as const, id: a.id, properties: { id: a.id, name: a.name, ars: a.ars }, geometry: a.geometry })),
  };
}

/**
 * The officers' board (all need a session with board.read):
 *   GET /console/api/stream     server-sent events: incident, areas, readings, audit, resync
 *   GET /console/api/overview   areas with levels, stations with warning levels, sensor health, incidents
 *   GET /console/api/stations/:id/series?quantity=water_level   recent readings for a chart
 */
export function mountBoardRoutes(router: Router, d: { auth: ConsoleAuth; hub: EventHub; live: LiveView; catalogue: CatalogueIndex; chartHorizonMs: number }): void {
  router.get('/console/api/stream', async (req, res) => {
    await d.auth.require(req, 'board.read');
    d.hub.attach(req, res);
  });

  router.get('/console/api/overview', async (req, res) => {
    await d.auth.require(req, 'board.read');
    const now = Date.now();
    sendJson(
      res,
      200,
      {
        areas: areaFeatures(d.catalogue),
        levels: d.live.areaLevels(),
        stations: d.catalogue.catalogue.stations.map((s) => ({ id: s.id, name: s.name, kind: s.kind, areaId: s.areaId, location: s.location, quantities: s.quantities, river: s.river ?? null, warningLevels: s.warningLevels ?? null })),
        health: d.live.health.view(now),
        incidents: d.live.incidentSignals(),
        chartHorizonMs: d.chartHorizonMs,
        now,
      },
      { 'cache-control': 'no-store' },
    );
  });

  router.get('/console/api/stations/:id/series', async (req, res, params, url) => {
    await d.auth.require(req, 'board.read');
    const station = d.catalogue.station(params.id!);
    if (!station) throw new HttpError(problem(404, 'not-found', 'No such station', `There is no station ${params.id}.`));
    const q = url.searchParams.get('quantity') ?? station.quantities[0]!;
    if (!(QUANTITIES as readonly string[]).includes(q) || !station.quantities.includes(q as Quantity)) throw new HttpError(problem(400, 'invalid-quantity', 'Invalid quantity', `${station.id} measures ${station.quantities.join(', ')}.`));
    sendJson(res, 200, { stationId: station.id, quantity: q, warningLevels: q === 'water_level' ? (station.warningLevels ?? null) : null, points: d.live.readings.get(station.id, q as Quantity) }, { 'cache-control': 'no-store' });
  });
}
