import * as fs from 'node:fs';
import { parse } from 'yaml';
import { ConfigError } from '../config/env';
import { QUANTITIES } from '../model/reading';
import type { Area, AreaGeometry, Catalogue, Position, Station, StationKind } from './catalogue';

const KINDS: StationKind[] = ['river_gauge', 'rain_gauge', 'soil_moisture', 'weather', 'smoke_detector'];

class CatalogueError extends ConfigError {}

function fail(file: string, field: string, expected: string): never {
  throw new CatalogueError(`${file}: ${field} is invalid; expected ${expected}.`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkRing(file: string, field: string, ring: unknown): Position[] {
  if (!Array.isArray(ring) || ring.length < 4) fail(file, field, 'a closed ring of at least 4 [lon, lat] positions');
  for (const [i, p] of ring.entries()) {
    if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number' || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) fail(file, `${field}[${i}]`, '[lon, lat] with lon in -180..180 and lat in -90..90');
  }
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) fail(file, field, 'a closed ring (last position equal to the first)');
  return ring as Position[];
}

function checkGeometry(file: string, field: string, g: unknown): AreaGeometry {
  if (!isObject(g)) fail(file, field, 'a GeoJSON Polygon or MultiPolygon');
  if (g.type === 'Polygon' && Array.isArray(g.coordinates) && g.coordinates.length > 0) {
    return { type: 'Polygon', coordinates: g.coordinates.map((r, i) => checkRing(file, `${field}.coordinates[${i}]`, r)) };
  }
  if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates) && g.coordinates.length > 0) {
    return {
      type: 'MultiPolygon',
      coordinates: g.coordinates.map((poly, j) => {
        if (!Array.isArray(poly) || poly.length === 0) fail(file, `${field}.coordinates[${j}]`, 'a list of rings');
        return poly.map((r, i) => checkRing(file, `${field}.coordinates[${j}][${i}]`, r));
      }),
    };
  }
  return fail(file, field, 'a GeoJSON Polygon or MultiPolygon with coordinates');
}

/** Parses and validates a catalogue; every mistake names the file and the field. */
export function parseCatalogue(text: string, file = 'catalogue'): Catalogue {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new CatalogueError(`${file}: not valid YAML (${(err as Error).message.split('\n')[0]}).`);
  }
  if (!isObject(doc) || !Array.isArray(doc.areas) || !Array.isArray(doc.stations)) fail(file, 'the document', 'a mapping with `areas` and `stations` lists');
  const areas: Area[] = [];
  const areaIds = new Set<string>();
  for (const [i, a] of doc.areas.entries()) {
    const f = `areas[${i}]`;
    if (!isObject(a) || typeof a.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(a.id)) fail(file, `${f}.id`, 'a lower-case id of letters, digits and dashes');
    if (areaIds.has(a.id)) fail(file, `${f}.id`, `a unique id ("${a.id}" is used twice)`);
    if (typeof a.name !== 'string' || !a.name) fail(file, `${f}.name`, 'a name');
    if (typeof a.ars !== 'string' || !/^\d{12}$/.test(a.ars)) fail(file, `${f}.ars`, 'the 12-digit Amtlicher Regionalschlüssel as a quoted string');
    areaIds.add(a.id);
    areas.push({ id: a.id, name: a.name, ars: a.ars, geometry: checkGeometry(file, `${f}.geometry`, a.geometry) });
  }
  const stations: Station[] = [];
  const stationIds = new Set<string>();
  for (const [i, s] of doc.stations.entries()) {
    const f = `stations[${i}]`;
    if (!isObject(s) || typeof s.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(s.id)) fail(file, `${f}.id`, 'a lower-case id of letters, digits and dashes');
    if (stationIds.has(s.id)) fail(file, `${f}.id`, `a unique id ("${s.id}" is used twice)`);
    stationIds.add(s.id);
    if (typeof s.name !== 'string' || !s.name) fail(file, `${f}.name`, 'a name');
    if (!KINDS.includes(s.kind as StationKind)) fail(file, `${f}.kind`, `one of ${KINDS.join(', ')}`);
    if (typeof s.areaId !== 'string' || !areaIds.has(s.areaId)) fail(file, `${f}.areaId`, 'the id of an area in this file');
    const loc = s.location;
    if (!isObject(loc) || typeof loc.lon !== 'number' || typeof loc.lat !== 'number' || Math.abs(loc.lon) > 180 || Math.abs(loc.lat) > 90) fail(file, `${f}.location`, '{ lon, lat } in range');
    if (!Array.isArray(s.quantities) || s.quantities.length === 0 || !s.quantities.every((q) => (QUANTITIES as readonly unknown[]).includes(q))) fail(file, `${f}.quantities`, `a list of ${QUANTITIES.join(', ')}`);
    if (typeof s.expectedIntervalS !== 'number' || !(s.expectedIntervalS > 0)) fail(file, `${f}.expectedIntervalS`, 'seconds between readings, > 0');
    const station: Station = { id: s.id, name: s.name, kind: s.kind as StationKind, areaId: s.areaId, location: { lon: loc.lon, lat: loc.lat }, quantities: s.quantities as Station['quantities'], expectedIntervalS: s.expectedIntervalS };
    if (s.river !== undefined) {
      if (typeof s.river !== 'string') fail(file, `${f}.river`, 'a river name');
      station.river = s.river;
    }
    if (s.warningLevels !== undefined) {
      const w = s.warningLevels;
      if (!isObject(w) || typeof w.level1 !== 'number' || typeof w.level2 !== 'number' || typeof w.level3 !== 'number' || !(w.level1 < w.level2 && w.level2 < w.level3)) fail(file, `${f}.warningLevels`, 'level1 < level2 < level3 in cm');
      station.warningLevels = { level1: w.level1, level2: w.level2, level3: w.level3 };
    }
    if (station.kind === 'river_gauge' && !station.warningLevels) fail(file, `${f}.warningLevels`, 'warning levels for a river gauge');
    if (s.pegelonlineUuid !== undefined) {
      if (typeof s.pegelonlineUuid !== 'string' || !/^[0-9a-f-]{36}$/i.test(s.pegelonlineUuid)) fail(file, `${f}.pegelonlineUuid`, 'a PEGELONLINE station UUID');
      station.pegelonlineUuid = s.pegelonlineUuid;
    }
    if (s.devEui !== undefined) {
      if (typeof s.devEui !== 'string' || !/^[0-9a-f]{16}$/i.test(s.devEui)) fail(file, `${f}.devEui`, 'a LoRaWAN DevEUI of 16 hex digits, quoted');
      station.devEui = s.devEui.toLowerCase();
    }
    if (s.fireWeather !== undefined) station.fireWeather = s.fireWeather === true;
    stations.push(station);
  }
  return { areas, stations };
}

export function loadCatalogue(file: string): Catalogue {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`The catalogue file ${file} cannot be read; expected a YAML file of stations and areas (FRUEHWARN_CATALOGUE).`);
  }
  return parseCatalogue(text, file);
}
