/**
 * CAP 1.2 polygons (section 3.3.2.2 of the standard): whitespace-separated "lat,lon" pairs
 * (WGS 84), at least four pairs, the first equal to the last. The schema types <polygon> as a
 * plain string, so xmllint cannot catch a bad one: this module is that check.
 */
export type LonLat = [lon: number, lat: number];

export interface PolygonCheck {
  ok: boolean;
  /** Why the polygon is not valid CAP (empty when ok). */
  problems: string[];
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

export function checkCapPolygon(polygon: string): PolygonCheck {
  const problems: string[] = [];
  const pairs = polygon.trim().split(/\s+/).filter((p) => p.length > 0);
  if (pairs.length < 4) problems.push(`needs at least 4 coordinate pairs, has ${pairs.length}`);
  pairs.forEach((pair, i) => {
    const parts = pair.split(',');
    if (parts.length !== 2 || !NUMBER.test(parts[0]!) || !NUMBER.test(parts[1]!)) {
      problems.push(`pair ${i + 1} "${pair}" is not "lat,lon"`);
      return;
    }
    const lat = Number(parts[0]);
    const lon = Number(parts[1]);
    if (lat < -90 || lat > 90) problems.push(`pair ${i + 1}: latitude ${lat} out of range -90..90`);
    if (lon < -180 || lon > 180) problems.push(`pair ${i + 1}: longitude ${lon} out of range -180..180`);
  });
  if (pairs.length >= 2) {
    const [first, last] = [parsePair(pairs[0]!), parsePair(pairs[pairs.length - 1]!)];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) problems.push('ring is not closed (first pair differs from last)');
  }
  return { ok: problems.length === 0, problems };
}

function parsePair(pair: string): [number, number] | null {
  const parts = pair.split(',');
  if (parts.length !== 2) return null;
  const a = Number(parts[0]);
  const b = Number(parts[1]);
  return Number.isFinite(a) && Number.isFinite(b) ? [a, b] : null;
}

/** A valid CAP polygon as a GeoJSON ring ([lon, lat], closed). Throws on an invalid one. */
export function capPolygonToRing(polygon: string): LonLat[] {
  const check = checkCapPolygon(polygon);
  if (!check.ok) throw new Error(`invalid CAP polygon: ${check.problems.join('; ')}`);
  return polygon
    .trim()
    .split(/\s+/)
    .map((pair) => {
      const [lat, lon] = parsePair(pair)!;
      return [lon, lat];
    });
}

export interface SanitizedPolygons {
  valid: string[];
  rejected: { polygon: string; problems: string[] }[];
}

/**
 * Keeps the valid polygons, closing a ring whose only fault is that it is open. A public feed
 * must not break on one bad shape: the area still carries its description and geocodes.
 */
export function sanitizePolygons(polygons: string[]): SanitizedPolygons {
  const out: SanitizedPolygons = { valid: [], rejected: [] };
  for (const raw of polygons) {
    const polygon = raw.trim().split(/\s+/).join(' ');
    let check = checkCapPolygon(polygon);
    let candidate = polygon;
    if (!check.ok && check.problems.every((p) => p.startsWith('ring is not closed') || p.startsWith('needs at least'))) {
      const first = polygon.split(' ')[0]!;
      candidate = `${polygon} ${first}`;
      check = checkCapPolygon(candidate);
    }
    if (check.ok) out.valid.push(candidate);
    else out.rejected.push({ polygon: raw, problems: check.problems });
  }
  return out;
}
