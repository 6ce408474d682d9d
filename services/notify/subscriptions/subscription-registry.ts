import { randomBytes } from 'node:crypto';
import type { AreaGeometry } from '../../core/catalogue/catalogue';
import type { Channel } from '../../core/model/delivery';
import type { Store } from '../../core/store/store';
import { boundingBox, containsPoint, coveringBoxQuery } from '../routing/area-geometry';
import type { RecipientAddress } from '../notifier';
import { recipientRef } from '../recipient-ref';

/** Where a subscriber wants warnings for: a point (home, workplace) or a whole area. */
export type Place = { lon: number; lat: number } | { areaId: string };

export interface Subscription {
  /** Secret, unguessable id: whoever holds it may unsubscribe and erase (no account needed). */
  id: string;
  channel: Channel;
  /** Push endpoint, E.164 number or e-mail address. Stays in the store; never logged or published. */
  address: string;
  ref: string;
  keys?: { p256dh: string; auth: string };
  place: Place;
  language: 'de' | 'en';
  /** Also receive Exercise and Test messages. */
  exercises: boolean;
  createdAt: number;
}

const K = {
  sub: (id: string) => `notify:sub:${id}`,
  geo: 'notify:subs:geo',
  area: (areaId: string) => `notify:subs:area:${areaId}`,
  byRef: (ref: string) => `notify:subs:ref:${ref}`,
};

/**
 * Citizens' subscriptions in the store: one record per subscription, a geo index of point
 * subscriptions (GEOSEARCH narrows to the polygon's bounding box, the exact point-in-polygon test
 * decides) and a set per area for area subscriptions. Subscribing again with the same address
 * replaces the old subscription, so a browser that re-subscribes is not warned twice.
 */
export class SubscriptionRegistry {
  constructor(
    private readonly store: Store,
    private readonly refSecret: string,
  ) {}

  async subscribe(input: Omit<Subscription, 'id' | 'ref' | 'createdAt'>, now = Date.now()): Promise<Subscription> {
    const ref = recipientRef(this.refSecret, input.channel, input.address);
    const previous = await this.store.get(K.byRef(ref));
    if (previous) await this.erase(previous);
    const sub: Subscription = { ...input, id: randomBytes(16).toString('base64url'), ref, createdAt: now };
    await this.store.set(K.sub(sub.id), JSON.stringify(sub));
    await this.store.set(K.byRef(ref), sub.id);
    if ('areaId' in sub.place) await this.store.zadd(K.area(sub.place.areaId), [{ member: sub.id, score: now }]);
    else await this.store.geoAdd(K.geo, [{ member: sub.id, lon: sub.place.lon, lat: sub.place.lat }]);
    return sub;
  }

  async get(id: string): Promise<Subscription | null> {
    const raw = await this.store.get(K.sub(id));
    return raw ? (JSON.parse(raw) as Subscription) : null;
  }

  /** Unsubscribe and erase everything stored about this subscriber (DSGVO Art. 17). */
  async erase(id: string): Promise<boolean> {
    const sub = await this.get(id);
    if (!sub) return false;
    if ('areaId' in sub.place) await this.store.zrem(K.area(sub.place.areaId), id);
    else await this.store.geoRemove(K.geo, id);
    const owner = await this.store.get(K.byRef(sub.ref));
    await this.store.del(K.sub(id), ...(owner === id ? [K.byRef(sub.ref)] : []));
    return true;
  }

  /** Subscriptions whose point lies inside any of the areas, plus those subscribed to the areas themselves. */
  async findInAreas(areas: { id: string; geometry: AreaGeometry }[]): Promise<Subscription[]> {
    const ids = new Set<string>();
    for (const area of areas) {
      const hits = await this.store.geoSearch(K.geo, coveringBoxQuery(boundingBox(area.geometry)));
      for (const h of hits) if (containsPoint(area.geometry, h.lon, h.lat)) ids.add(h.member);
      for (const m of await this.store.zrangeByScore(K.area(area.id), -Infinity, Infinity)) ids.add(m.member);
    }
    const list = [...ids];
    const out: Subscription[] = [];
    for (let i = 0; i < list.length; i += 1000) {
      const raws = await this.store.mget(list.slice(i, i + 1000).map(K.sub));
      for (const raw of raws) if (raw) out.push(JSON.parse(raw) as Subscription);
    }
    return out;
  }

  /** Subscriptions covering one point (the citizens' page asks "what applies here?"). */
  async countNear(lon: number, lat: number, radiusM: number): Promise<number> {
    return (await this.store.geoSearch(K.geo, { lon, lat, radiusM })).length;
  }
}

export function recipientOf(sub: Subscription): RecipientAddress {
  return {
    ref: sub.ref,
    channel: sub.channel,
    address: sub.address,
    language: sub.language,
    extra: { ...(sub.keys ? { p256dh: sub.keys.p256dh, auth: sub.keys.auth } : {}), exercises: String(sub.exercises) },
  };
}
