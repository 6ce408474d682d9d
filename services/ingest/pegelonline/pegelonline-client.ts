/**
 * PEGELONLINE REST API v2 (the federal waterways' gauges, no authentication):
 * `GET {base}/stations/{uuid|number|name}/W/measurements.json?start={ISO 8601 time or duration}`
 * answers `[{ "timestamp": "2024-03-10T12:00:00+01:00", "value": 254.0 }, ...]`, oldest first;
 * W is the water level in cm above the gauge datum.
 */
export interface GaugeMeasurement {
  timestamp: string;
  value: number;
}

export class PegelonlineError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'PegelonlineError';
  }
}

export interface MeasurementsPage {
  /** Each element as received (shape checked by validation, not here). */
  items: unknown[];
  /** The exact body, for dead letters. */
  body: Buffer;
}

export async function fetchWaterLevels(baseUrl: string, gauge: string, start: Date, timeoutMs = 15_000): Promise<MeasurementsPage> {
  const url = `${baseUrl}/stations/${encodeURIComponent(gauge)}/W/measurements.json?start=${encodeURIComponent(start.toISOString())}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new PegelonlineError(`PEGELONLINE did not answer for ${gauge}: ${(err as Error).message}`, null);
  }
  const body = Buffer.from(await res.arrayBuffer());
  if (!res.ok) throw new PegelonlineError(`PEGELONLINE answered ${res.status} for ${gauge}.`, res.status);
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch {
    throw new PegelonlineError(`PEGELONLINE sent a body that is not JSON for ${gauge}.`, res.status);
  }
  if (!Array.isArray(doc)) throw new PegelonlineError(`PEGELONLINE sent ${typeof doc} instead of a list of measurements for ${gauge}.`, res.status);
  return { items: doc, body };
}
