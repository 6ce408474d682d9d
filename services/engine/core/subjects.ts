import type { CatalogueIndex, Station } from '../../core/catalogue/catalogue';
import type { Condition, Rule } from '../rules/rule';

/** What one rule fires for: a station, an area, or the rule's whole station group. */
export interface Subject {
  /** `${ruleId}|${subject}`: the key of the subject's state. */
  key: string;
  rule: Rule;
  subject: string;
  areaId: string;
  stations: Station[];
}

/** Stations a rule applies to: every criterion given must match (intersection). */
export function stationsOf(rule: Rule, catalogue: CatalogueIndex): Station[] {
  const { stations, areas, selector } = rule.appliesTo;
  return catalogue.catalogue.stations
    .filter((s) => !stations || stations.includes(s.id))
    .filter((s) => !areas || areas.includes(s.areaId))
    .filter((s) => !selector?.kind || s.kind === selector.kind)
    .filter((s) => !selector?.river || (s.river ?? '').toLowerCase() === selector.river.toLowerCase())
    .filter((s) => !selector?.quantity || s.quantities.includes(selector.quantity))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function subjectsOf(rule: Rule, catalogue: CatalogueIndex): Subject[] {
  const stations = stationsOf(rule, catalogue);
  const make = (subject: string, areaId: string, st: Station[]): Subject => ({
    key: `${rule.id}|${subject}`,
    rule,
    subject,
    areaId,
    stations: st,
  });
  switch (rule.groupBy) {
    case 'station':
      return stations.map((s) => make(s.id, s.areaId, [s]));
    case 'area': {
      const areaIds = rule.appliesTo.areas
        ? [...rule.appliesTo.areas]
        : usesOnlyScores(rule)
          ? [...catalogue.areas.keys()]
          : [...new Set(stations.map((s) => s.areaId))];
      return areaIds.sort().map((a) => make(a, a, stations.filter((s) => s.areaId === a)));
    }
    case 'all': {
      const areaId = rule.area ?? stations[0]?.areaId ?? rule.appliesTo.areas?.[0];
      if (!areaId) return [];
      return [make(rule.id, areaId, stations)];
    }
  }
}

export function usesScore(rule: Rule): boolean {
  return rule.levels.some((l) => hasType(l.condition, 'score') || (l.clear.condition !== null && hasType(l.clear.condition, 'score')));
}

function usesOnlyScores(rule: Rule): boolean {
  return rule.levels.every((l) => !hasType(l.condition, 'metric') && !hasType(l.condition, 'silent'));
}

export function hasType(c: Condition, type: Condition['type']): boolean {
  if (c.type === type) return true;
  return (c.type === 'all' || c.type === 'any') && c.of.some((x) => hasType(x, type));
}

/** Every metric condition of a rule (raise and clear), for window bookkeeping. */
export function metricsOf(rule: Rule): Array<Extract<Condition, { type: 'metric' }>> {
  const out: Array<Extract<Condition, { type: 'metric' }>> = [];
  const walk = (c: Condition) => {
    if (c.type === 'metric') out.push(c);
    else if (c.type === 'all' || c.type === 'any') c.of.forEach(walk);
  };
  for (const l of rule.levels) {
    walk(l.condition);
    if (l.clear.condition) walk(l.clear.condition);
  }
  return out;
}
