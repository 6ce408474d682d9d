/**
 * German labels for the codes Fruehwarn sends (served as /api/appdata/gsb/labels/de_labels.json,
 * a flat code → text object that NINA clients load before the dashboard). Event codes and names
 * of the BBK CAP profile as listed in /work/shared/NINA.md.
 */
export const DE_LABELS: Readonly<Record<string, string>> = Object.freeze({
  'BBK-EVC-010': 'Brandgase',
  'BBK-EVC-011': 'Brandgefahr',
  'BBK-EVC-015': 'Dammbruch',
  'BBK-EVC-016': 'Deichbruch',
  'BBK-EVC-034': 'Großbrand',
  'BBK-EVC-038': 'Hochwasser',
  'BBK-EVC-050': 'Probewarnung',
  'BBK-EVC-062': 'Starkregen',
  'BBK-EVC-066': 'Sturzflut',
  'BBK-EVC-071': 'Überschwemmung',
  'BBK-EVC-077': 'Waldbrand',
  'BBK-EVC-083': 'Extrem ergiebiger Dauerregen',
});
