import { FeedState } from './feed-state';
import { expectValidCap } from './cap/validate-cap';
import { sampleAlert, sampleAllClear, sampleCatalogue, SUMMER, WETTER } from './testing/sample-alerts';

const HAGEN = '059140000000';
const HOUR = 3600_000;

function newState() {
  return new FeedState({ catalogue: sampleCatalogue, allClearDisplayMs: HOUR, detailRetentionMs: 24 * HOUR });
}

describe('FeedState: what is public', () => {
  it('never lists pending or unreleased revisions, nor officer-only sensor alerts', () => {
    const state = newState();
    expect(state.apply(sampleAlert({ overrides: { state: 'pending', released: false, releasedAt: null, releasedBy: null } }))).toBe('not-public');
    expect(state.apply(sampleAlert({ incidentId: 'b', overrides: { released: false } }))).toBe('not-public');
    expect(state.apply(sampleAlert({ incidentId: 'c', overrides: { scope: 'Restricted', hazard: 'sensor' } }))).toBe('not-public');
    expect(state.dashboard(HAGEN, SUMMER)).toEqual([]);
    expect(state.mapData(SUMMER)).toEqual([]);
    expect(state.revision(sampleAlert().identifier)).toBeUndefined();
  });

  it('lists released Actual warnings on the district dashboard only', () => {
    const state = newState();
    state.apply(sampleAlert());
    state.apply(sampleAlert({ incidentId: 'wetter', area: WETTER }));
    expect(state.dashboard(HAGEN, SUMMER).map((i) => i.id)).toEqual([sampleAlert().identifier]);
    expect(state.dashboard('059140001234', SUMMER)).toHaveLength(1);
    expect(state.dashboard('059540000000', SUMMER).map((i) => i.id)).toEqual([sampleAlert({ incidentId: 'wetter', area: WETTER }).identifier]);
    expect(state.dashboard('091620000000', SUMMER)).toEqual([]);
    expect(state.mapData(SUMMER)).toHaveLength(2);
  });

  it('keeps Exercise and Test out of the actual lists and serves them only under their status', () => {
    const state = newState();
    const exercise = sampleAlert({ incidentId: 'ex', overrides: { status: 'Exercise' } });
    const test = sampleAlert({ incidentId: 'te', overrides: { status: 'Test' } });
    state.apply(exercise);
    state.apply(test);
    expect(state.dashboard(HAGEN, SUMMER)).toEqual([]);
    expect(state.mapData(SUMMER)).toEqual([]);
    expect(state.listed(SUMMER)).toEqual([]);
    expect(state.dashboard(HAGEN, SUMMER, 'Exercise').map((i) => i.id)).toEqual([exercise.identifier]);
    expect(state.mapData(SUMMER, 'Test').map((i) => i.id)).toEqual([test.identifier]);
    expect(JSON.parse(state.revision(exercise.identifier)!.detailBody).status).toBe('Exercise');
  });
});

describe('FeedState: revisions and all-clear', () => {
  it('shows the latest revision per incident and ignores a late older one', () => {
    const state = newState();
    const v1 = sampleAlert();
    const v2 = sampleAlert({ version: 2, sent: SUMMER + 60_000 });
    expect(state.apply(v2)).toBe('published');
    expect(state.apply(v1)).toBe('stale');
    expect(state.apply(v2)).toBe('stale');
    const items = state.dashboard(HAGEN, SUMMER + 60_000);
    expect(items.map((i) => [i.id, i.payload.version])).toEqual([[v2.identifier, 2]]);
    expect(state.revision(v1.identifier)).toBeDefined();
  });

  it('keeps the last released revision when a later one is unreleased', () => {
    const state = newState();
    state.apply(sampleAlert());
    state.apply(sampleAlert({ version: 2, overrides: { released: false, state: 'pending' } }));
    expect(state.dashboard(HAGEN, SUMMER).map((i) => i.payload.version)).toEqual([1]);
  });

  it('replaces the warning with its all-clear for one hour, then removes it; details keep resolving', () => {
    const state = newState();
    const warning = sampleAlert();
    const clearAt = SUMMER + 2 * HOUR;
    const allClear = sampleAllClear(warning, clearAt);
    state.apply(warning);
    state.apply(allClear);
    const during = state.dashboard(HAGEN, clearAt + HOUR - 1);
    expect(during.map((i) => i.id)).toEqual([allClear.identifier]);
    expect(during[0]!.payload.data.msgType).toBe('Cancel');
    expect(during[0]!.payload.type).toBe('ALERT');
    expect(state.dashboard(HAGEN, clearAt + HOUR)).toEqual([]);
    expect(state.mapData(clearAt + HOUR)).toEqual([]);
    expect(state.revision(warning.identifier)).toBeDefined();
    expect(state.revision(allClear.identifier)).toBeDefined();
  });

  it('drops expired warnings from the lists', () => {
    const state = newState();
    state.apply(sampleAlert({ info: () => ({ expires: SUMMER + HOUR }) }));
    expect(state.mapData(SUMMER + HOUR - 1)).toHaveLength(1);
    expect(state.mapData(SUMMER + HOUR)).toHaveLength(0);
  });

  it('every identifier listed resolves, its hash is the sha256 of the served detail, and its CAP is valid', async () => {
    const state = newState();
    state.apply(sampleAlert());
    state.apply(sampleAlert({ incidentId: 'two', version: 4, sent: SUMMER + 1000 }));
    for (const item of state.dashboard(HAGEN, SUMMER + 1000)) {
      const rev = state.revision(item.id)!;
      expect(rev).toBeDefined();
      expect(item.payload.hash).toBe(rev.hash);
      await expectValidCap(rev.cap(), `${item.id}.xml`);
    }
  });
});

describe('FeedState: versions, Last-Modified, pruning', () => {
  it('advances data version and Last-Modified when revisions arrive and when an incident leaves', () => {
    const state = newState();
    const v0 = state.dataVersion(SUMMER);
    state.apply(sampleAlert());
    const v1 = state.dataVersion(SUMMER);
    expect(v1.version).toBe(v0.version + 1);
    expect(v1.hash).not.toBe(v0.hash);
    expect(v1.entries.map((e) => e.name)).toEqual(['labels', 'mapData']);
    expect(state.lastModified(SUMMER + 10)).toBe(SUMMER);
    const clearAt = SUMMER + HOUR;
    state.apply(sampleAllClear(sampleAlert(), clearAt));
    expect(state.lastModified(clearAt + 10)).toBe(clearAt);
    const gone = clearAt + HOUR;
    expect(state.lastModified(gone + 5)).toBe(gone);
    expect(state.dataVersion(gone).version).toBe(state.dataVersion(gone - 1).version + 1);
  });

  it('forgets an incident after the retention, keeping Last-Modified monotonic', () => {
    const state = newState();
    const warning = sampleAlert();
    state.apply(warning);
    state.apply(sampleAllClear(warning, SUMMER + HOUR));
    const end = SUMMER + 2 * HOUR;
    expect(state.prune(end + 24 * HOUR - 1)).toBe(0);
    const before = state.lastModified(end + 24 * HOUR);
    const versionBefore = state.dataVersion(end + 24 * HOUR).version;
    expect(state.prune(end + 24 * HOUR)).toBe(1);
    expect(state.revision(warning.identifier)).toBeUndefined();
    expect(state.lastModified(end + 24 * HOUR)).toBe(before);
    expect(state.dataVersion(end + 24 * HOUR).version).toBe(versionBefore);
  });
});
