import type { Quantity } from '../model/reading';

/**
 * Stations and areas of one installation (rules/catalogue.yaml). Shared by ingest (which
 * stations exist, device mapping), engine (rule selectors, warning levels), alerts and feed
 * (area names, ARS, polygons) and notify (who lives inside an alert's area).
 */
export type Position = [lon: number, lat: number];

export type AreaGeometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface Area {
  id: string;
  name: string;
  /** 12-digit Amtlicher Regionalschlüssel of the municipality (Hagen: 059140000000). */
  ars: string;
  /** GeoJSON geometry, coordinates [lon, lat], rings closed. */
  geometry: AreaGeometry;
}

export type StationKind = 'river_gauge' | 'rain_gauge' | 'soil_moisture' | 'weather' | 'smoke_detector';

/** NRW flood information levels (Informationsstufen 1-3) of a gauge, water level in cm. */
export interface GaugeWarningLevels {
  level1: number;
  level2: number;
  level3: number;
}

export interface Station {
  id: string;
  name: string;
  kind: StationKind;
  areaId: string;
  location: { lon: number; lat: number };
  quantities: Quantity[];
  /** Seconds between readings in normal operation (silent-sensor detection). */
  expectedIntervalS: number;
  river?: string;
  warningLevels?: GaugeWarningLevels;
  /** PEGELONLINE station UUID, for gauges polled from the federal API. */
  pegelonlineUuid?: string;
  /** LoRaWAN device EUI (16 hex digits), for devices reaching us through a network server. */
  devEui?: string;
  /** Forest weather station: the area's wildfire index is computed from it. */
  fireWeather?: boolean;
}

export interface Catalogue {
  areas: Area[];
  stations: Station[];
}

/** Fast lookups over a catalogue. */
export class CatalogueIndex {
  readonly areas = new Map<string, Area>();
  readonly stations = new Map<string, Station>();
  readonly stationsByArea = new Map<string, Station[]>();
  readonly stationsByDevEui = new Map<string, Station>();

  constructor(readonly catalogue: Catalogue) {
    for (const a of catalogue.areas) this.areas.set(a.id, a);
    for (const s of catalogue.stations) {
      this.stations.set(s.id, s);
      const list = this.stationsByArea.get(s.areaId) ?? [];
      list.push(s);
      this.stationsByArea.set(s.areaId, list);
      if (s.devEui) this.stationsByDevEui.set(s.devEui.toLowerCase(), s);
    }
  }

  area(id: string): Area | undefined {
    return this.areas.get(id);
  }

  station(id: string): Station | undefined {
    return this.stations.get(id);
  }
}
