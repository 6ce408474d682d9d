import * as fs from 'node:fs';
import { parse } from 'yaml';
import type { CatalogueIndex, Station } from '../../core/catalogue/catalogue';
import { ConfigError } from '../../core/config/env';
import { QUANTITIES, type Quantity } from '../../core/model/reading';
import { acceptedUnits } from '../validation/units';

/** Which quantity a decoded payload field carries, and in which unit. */
export interface FieldMapping {
  quantity: Quantity;
  unit: string;
}

/**
 * Built-in payload field names, as common LoRaWAN decoders (ChirpStack codecs, TTS payload
 * formatters) name them. A field maps only for stations that measure its quantity, so a smoke
 * detector that also reports its temperature does not produce readings the catalogue does not
 * expect. Extend or override with INGEST_DEVICE_MAP (YAML, same shape as DeviceMapFile).
 */
export const BUILT_IN_FIELDS: Record<string, FieldMapping> = {
  waterLevel: { quantity: 'water_level', unit: 'cm' },
  water_level: { quantity: 'water_level', unit: 'cm' },
  water_level_cm: { quantity: 'water_level', unit: 'cm' },
  water_level_m: { quantity: 'water_level', unit: 'm' },
  water_level_mm: { quantity: 'water_level', unit: 'mm' },
  discharge: { quantity: 'discharge', unit: 'm3/s' },
  temperature: { quantity: 'temperature', unit: 'degC' },
  temperature_c: { quantity: 'temperature', unit: 'degC' },
  temperature_f: { quantity: 'temperature', unit: 'degF' },
  airTemperature: { quantity: 'temperature', unit: 'degC' },
  humidity: { quantity: 'humidity', unit: '%' },
  relative_humidity: { quantity: 'humidity', unit: '%' },
  relativeHumidity: { quantity: 'humidity', unit: '%' },
  rain_mm: { quantity: 'rain', unit: 'mm' },
  rainfall: { quantity: 'rain', unit: 'mm' },
  precipitation: { quantity: 'rain', unit: 'mm' },
  wind_speed: { quantity: 'wind_speed', unit: 'm/s' },
  windSpeed: { quantity: 'wind_speed', unit: 'm/s' },
  wind_speed_ms: { quantity: 'wind_speed', unit: 'm/s' },
  wind_speed_kmh: { quantity: 'wind_speed', unit: 'km/h' },
  soil_moisture: { quantity: 'soil_moisture', unit: '%' },
  soilMoisture: { quantity: 'soil_moisture', unit: '%' },
  smoke: { quantity: 'smoke', unit: 'alarm' },
  smoke_alarm: { quantity: 'smoke', unit: 'alarm' },
  smokeAlarm: { quantity: 'smoke', unit: 'alarm' },
};

/** INGEST_DEVICE_MAP file: extra field names, and devices (by DevEUI) not in the catalogue or with their own fields. */
export interface DeviceMapFile {
  fields?: Record<string, FieldMapping>;
  devices?: Record<string, { stationId: string; fields?: Record<string, FieldMapping> }>;
}

export interface ResolvedDevice {
  station: Station;
  /** Field name → mapping, only for quantities the station measures. */
  fields: Map<string, FieldMapping>;
}

const DEV_EUI = /^[0-9a-f]{16}$/;

function checkFields(file: string, where: string, fields: unknown): Record<string, FieldMapping> {
  if (fields === undefined) return {};
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw new ConfigError(`${file}: ${where} must map field names to { quantity, unit }.`);
  for (const [name, m] of Object.entries(fields as Record<string, unknown>)) {
    const mapping = m as Partial<FieldMapping> | null;
    if (!mapping || !(QUANTITIES as readonly unknown[]).includes(mapping.quantity)) throw new ConfigError(`${file}: ${where}.${name}.quantity must be one of ${QUANTITIES.join(', ')}.`);
    if (typeof mapping.unit !== 'string' || !acceptedUnits(mapping.quantity as Quantity).includes(mapping.unit.toLowerCase())) {
      throw new ConfigError(`${file}: ${where}.${name}.unit must be one of ${acceptedUnits(mapping.quantity as Quantity).join(', ')}.`);
    }
  }
  return fields as Record<string, FieldMapping>;
}

/** Maps LoRaWAN DevEUIs to catalogue stations (their `devEui`) and payload fields to quantities. */
export class DeviceRegistry {
  private readonly devices = new Map<string, ResolvedDevice>();

  constructor(catalogue: CatalogueIndex, file: DeviceMapFile = {}, fileName = 'device map') {
    const fields = { ...BUILT_IN_FIELDS, ...checkFields(fileName, 'fields', file.fields) };
    const forStation = (station: Station, own: Record<string, FieldMapping>) =>
      new Map(Object.entries({ ...fields, ...own }).filter(([, m]) => station.quantities.includes(m.quantity)));
    for (const [eui, station] of catalogue.stationsByDevEui) this.devices.set(eui, { station, fields: forStation(station, {}) });
    for (const [euiRaw, d] of Object.entries(file.devices ?? {})) {
      const eui = euiRaw.toLowerCase();
      if (!DEV_EUI.test(eui)) throw new ConfigError(`${fileName}: devices."${euiRaw}" is not a DevEUI; expected 16 hex digits.`);
      const station = catalogue.station(d?.stationId ?? '');
      if (!station) throw new ConfigError(`${fileName}: devices."${euiRaw}".stationId "${d?.stationId}" is not a station of the catalogue.`);
      this.devices.set(eui, { station, fields: forStation(station, checkFields(fileName, `devices."${euiRaw}".fields`, d.fields)) });
    }
  }

  static fromFile(catalogue: CatalogueIndex, file: string | null): DeviceRegistry {
    if (!file) return new DeviceRegistry(catalogue);
    let doc: unknown;
    try {
      doc = parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ConfigError(`INGEST_DEVICE_MAP names "${file}", which cannot be read as YAML (${(err as Error).message.split('\n')[0]}).`);
    }
    return new DeviceRegistry(catalogue, (doc ?? {}) as DeviceMapFile, file);
  }

  resolve(devEui: string): ResolvedDevice | undefined {
    return this.devices.get(devEui.toLowerCase());
  }
}
