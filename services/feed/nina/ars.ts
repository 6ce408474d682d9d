/**
 * Amtlicher Regionalschlüssel (ARS), 12 digits: Land (2), Regierungsbezirk (1), Kreis (2),
 * Gemeindeverband (4), Gemeinde (3). NINA answers dashboards per district only: the first
 * five digits with seven zeros (Hagen, a kreisfreie Stadt: 059140000000).
 */
export const ARS_PATTERN = /^\d{12}$/;

export function isArs(key: string): boolean {
  return ARS_PATTERN.test(key);
}

/** The district-level key of any 12-digit ARS. */
export function districtKey(ars: string): string {
  if (!isArs(ars)) throw new RangeError(`not a 12-digit ARS: ${ars}`);
  return ars.slice(0, 5) + '0000000';
}
