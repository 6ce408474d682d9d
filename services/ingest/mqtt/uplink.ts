import type { IntakeItem } from '../intake/reading-intake';
import { parseTimestamp } from '../validation/parse-timestamp';
import { rejection, type Rejection } from '../validation/rejection';
import type { DeviceRegistry } from './device-map';

/**
 * LoRaWAN uplinks as network servers publish them over MQTT:
 *  - ChirpStack v4: topic `[prefix/]application/<app id>/device/<dev eui>/event/up`, JSON with
 *    `deviceInfo.devEui`, `time` (when known) and the codec's decoded `object`;
 *  - The Things Stack v3: topic `[prefix/]v3/<app id>[@tenant]/devices/<device id>/up`, JSON with
 *    `end_device_ids.dev_eui`, `received_at` and `uplink_message.decoded_payload`
 *    (`uplink_message.received_at` preferred as the event time).
 * One uplink becomes one reading per mapped field, all with the uplink's time.
 */
export type Network = 'chirpstack' | 'tts';

const CHIRPSTACK_TOPIC = /(?:^|\/)application\/[^/]+\/device\/([^/]+)\/event\/up$/;
const TTS_TOPIC = /(?:^|\/)v3\/[^/]+\/devices\/[^/]+\/up$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const MAX_PAYLOAD_BYTES = 64 * 1024;
const MAX_FIELDS = 64;

export function networkOf(topic: string): Network | null {
  if (CHIRPSTACK_TOPIC.test(topic)) return 'chirpstack';
  if (TTS_TOPIC.test(topic)) return 'tts';
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function get(obj: unknown, ...path: (string | number)[]): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (typeof p === 'number' ? !Array.isArray(cur) : !isRecord(cur)) return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

export type UplinkResult = { ok: true; network: Network; items: IntakeItem[] } | { ok: false; network: Network | null; rejection: Rejection };

export function uplinkToItems(topic: string, payload: Buffer, registry: DeviceRegistry, receivedAt: number): UplinkResult {
  const network = networkOf(topic);
  const fail = (r: Rejection): UplinkResult => ({ ok: false, network, rejection: r });
  if (!network) return fail(rejection('unsupported-message', `Topic "${topic.slice(0, 200)}" is not a ChirpStack or The Things Stack uplink topic.`));
  if (payload.length > MAX_PAYLOAD_BYTES) return fail(rejection('too-large', `The uplink has ${payload.length} bytes; at most ${MAX_PAYLOAD_BYTES} are accepted.`, ''));
  let text: string;
  try {
    text = utf8.decode(payload);
  } catch {
    return fail(rejection('invalid-utf8', 'The uplink is not valid UTF-8.', ''));
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return fail(rejection('invalid-json', 'The uplink is not valid JSON.', ''));
  }
  if (!isRecord(doc)) return fail(rejection('not-an-object', 'The uplink must be a JSON object.', ''));

  const euiField = network === 'chirpstack' ? '/deviceInfo/devEui' : '/end_device_ids/dev_eui';
  const devEui = network === 'chirpstack' ? (get(doc, 'deviceInfo', 'devEui') ?? CHIRPSTACK_TOPIC.exec(topic)?.[1]) : get(doc, 'end_device_ids', 'dev_eui');
  if (typeof devEui !== 'string' || devEui.length > 32) return fail(rejection('missing-field', 'The uplink names no device EUI.', euiField));
  const device = registry.resolve(devEui);
  if (!device) return fail(rejection('unknown-device', `No station has the device EUI ${devEui}.`, euiField));
  const stationId = device.station.id;

  const objectPath = network === 'chirpstack' ? ['object'] : ['uplink_message', 'decoded_payload'];
  const decoded = get(doc, ...objectPath);
  const pointer = '/' + objectPath.join('/');
  if (!isRecord(decoded)) return fail(rejection('unmapped-payload', `The uplink has no decoded payload at ${pointer} (is a codec or payload formatter configured?).`, pointer, stationId));

  const timeCandidates = network === 'chirpstack' ? [get(doc, 'time'), get(doc, 'rxInfo', 0, 'nsTime'), get(doc, 'rxInfo', 0, 'gwTime')] : [get(doc, 'uplink_message', 'received_at'), get(doc, 'received_at')];
  const given = timeCandidates.find((t) => t !== undefined);
  // No time in the message at all: the moment we received it is the best we have.
  const observedAt = given === undefined ? receivedAt : parseTimestamp(given);
  if (observedAt === null) return fail(rejection('invalid-timestamp', 'The uplink time is not ISO 8601 with a time zone.', network === 'chirpstack' ? '/time' : '/uplink_message/received_at', stationId));

  const items: IntakeItem[] = [];
  for (const [name, mapping] of device.fields) {
    if (!(name in decoded)) continue;
    items.push({ raw: payload, pointer: `${pointer}/${name}`, parsed: { stationId, quantity: mapping.quantity, value: decoded[name], unit: mapping.unit, observedAt } });
    if (items.length >= MAX_FIELDS) break;
  }
  if (items.length === 0) return fail(rejection('unmapped-payload', `No field of the decoded payload maps to a quantity of ${stationId} (known: ${[...device.fields.keys()].join(', ')}).`, pointer, stationId));
  return { ok: true, network, items };
}
