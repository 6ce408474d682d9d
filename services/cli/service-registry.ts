import type { ServiceDefinition, ServiceName } from '../core/service/service';
import { alertsService } from '../alerts/service';
import { consoleService } from '../console/service';
import { engineService } from '../engine/service';
import { feedService } from '../feed/service';
import { ingestService } from '../ingest/service';
import { notifyService } from '../notify/service';

/** Every service this binary can run. */
const DEFINITIONS: Partial<Record<ServiceName, ServiceDefinition>> = {
  alerts: alertsService,
  console: consoleService,
  engine: engineService,
  feed: feedService,
  ingest: ingestService,
  notify: notifyService,
};

/**
 * Start order: consumers of a topic before its producers is not required (topics exist up
 * front and groups start from their committed offsets), but starting ingest last means the
 * first readings find every downstream service ready.
 */
const START_ORDER: ServiceName[] = ['feed', 'alerts', 'notify', 'engine', 'console', 'ingest'];

export function serviceDefinitions(names: ServiceName[]): ServiceDefinition[] {
  return START_ORDER.filter((n) => names.includes(n) && DEFINITIONS[n]).map((n) => DEFINITIONS[n]!);
}
