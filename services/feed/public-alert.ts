import type { CatalogueIndex } from '../core/catalogue/catalogue';
import type { Alert, AlertInfo } from '../core/model/alert';

/**
 * Facts about an Alert revision that every public format (CAP XML, NINA JSON, Atom) agrees on.
 * Pure: no I/O.
 */

/** The BBK event-code profile name of the German CAP profile. */
export const BBK_EVENT_CODE_PROFILE = 'profile:DE-BBK-EVENTCODE';

/** "de-DE" → "de"; "EN" → "en". */
export function primaryLanguage(language: string): string {
  return (language.split('-')[0] ?? language).toLowerCase();
}

/** German first (NINA shows the first info), then English, then the rest in their given order. */
export function orderedInfo(alert: Alert): AlertInfo[] {
  const rank = (info: AlertInfo) => {
    const p = primaryLanguage(info.language);
    return p === 'de' ? 0 : p === 'en' ? 1 : 2;
  };
  return alert.info.map((info, i) => ({ info, i })).sort((a, b) => rank(a.info) - rank(b.info) || a.i - b.i).map((x) => x.info);
}

export function infoIn(alert: Alert, language: string): AlertInfo | undefined {
  return alert.info.find((i) => primaryLanguage(i.language) === language);
}

/** An Entwarnung or a withdrawal: it replaces the warning on the dashboard for a while, then goes. */
export function isAllClear(alert: Alert): boolean {
  return alert.msgType === 'Cancel' || alert.state === 'cleared' || alert.state === 'cancelled' || alert.info.some((i) => i.responseType.includes('AllClear'));
}

/**
 * May this revision appear in the public feed at all? Only released, Public-scope messages of
 * a public hazard; officer-only messages (silent sensors) never leave the console.
 */
export function isPublishable(alert: Alert): boolean {
  return alert.released && alert.state !== 'pending' && alert.scope === 'Public' && alert.hazard !== 'sensor' && alert.info.length > 0;
}

/** Latest `expires` over the info blocks; null when any is open-ended or none is set. */
export function expiresOf(alert: Alert): number | null {
  let latest: number | null = null;
  for (const info of alert.info) {
    if (info.expires === null) return null;
    latest = latest === null ? info.expires : Math.max(latest, info.expires);
  }
  return latest;
}

/** Earliest onset over the info blocks, else null. */
export function onsetOf(alert: Alert): number | null {
  const onsets = alert.info.map((i) => i.onset).filter((t): t is number => t !== null);
  return onsets.length > 0 ? Math.min(...onsets) : null;
}

/** CAP `effective`: a revision takes effect when it is sent (Fruehwarn sends on release). */
export function effectiveOf(alert: Alert): number {
  return alert.sent;
}

const ARS_PATTERN = /^\d{12}$/;

/**
 * The 12-digit regional keys an alert addresses: `warnVerwaltungsbereiche` parameters, `ARS`
 * geocodes and the catalogue's ARS of its area ids. Sorted, unique.
 */
export function arsOf(alert: Alert, catalogue?: CatalogueIndex): string[] {
  const keys = new Set<string>();
  for (const info of alert.info) {
    for (const p of info.parameters) {
      if (p.valueName === 'warnVerwaltungsbereiche') for (const v of p.value.split(/[,\s]+/)) if (ARS_PATTERN.test(v)) keys.add(v);
    }
  }
  for (const area of alert.area) for (const g of area.geocodes) if (g.valueName === 'ARS' && ARS_PATTERN.test(g.value)) keys.add(g.value);
  for (const id of alert.areaIds) {
    const ars = catalogue?.area(id)?.ars;
    if (ars && ARS_PATTERN.test(ars)) keys.add(ars);
  }
  return [...keys].sort();
}

/** CAP `incidents` is a space-separated list, so an id with whitespace cannot be given. */
export function incidentsOf(alert: Alert): string | null {
  return /^\S+$/.test(alert.incidentId) ? alert.incidentId : null;
}

/**
 * CAP `code` values (special handling flags). Fruehwarn marks its own messages so receivers can
 * route them: `FRUEHWARN`, the hazard and the level (no spaces, as codes are tokens).
 */
export function codesOf(alert: Alert): string[] {
  return ['FRUEHWARN', `FRUEHWARN:hazard=${alert.hazard}`, `FRUEHWARN:level=${alert.level}`];
}

/** The info's parameters, with `warnVerwaltungsbereiche` (NINA's list of affected ARS) added when missing. */
export function parametersOf(alert: Alert, info: AlertInfo, catalogue?: CatalogueIndex): { valueName: string; value: string }[] {
  const params = info.parameters.map((p) => ({ valueName: p.valueName, value: p.value }));
  if (!params.some((p) => p.valueName === 'warnVerwaltungsbereiche')) {
    const ars = arsOf(alert, catalogue);
    if (ars.length > 0) params.unshift({ valueName: 'warnVerwaltungsbereiche', value: ars.join(',') });
  }
  return params;
}
