import type { Alert } from '../../core/model/alert';
import type { AlertEvent } from '../../core/model/alert-event';
import type { OfficerCommand } from '../../core/model/officer-command';
import { book, command, composer, event, gauge, MIN, T0 } from '../testing/fixtures';
import type { AuditEntry } from '../../core/model/audit-entry';
import { IncidentBook } from './incident-book';

const de = (a: Alert) => a.info.find((i) => i.language === 'de-DE')!;

function raiseAndRelease(b: IncidentBook, level = 2): Alert {
  b.applyEvent(event({ level, at: T0 }));
  const id = b.incidents()[0]!.id;
  const out = b.applyCommand(command('release', id, T0 + MIN));
  expect(out.alerts).toHaveLength(1);
  return out.alerts[0]!;
}

describe('IncidentBook: raise and release', () => {
  it('raises a pending incident with a Restricted draft; release sends the first public Alert', () => {
    const b = book();
    const raised = b.applyEvent(event({ level: 2 }));
    expect(raised.alerts).toHaveLength(1);
    const draft = raised.alerts[0]!;
    expect(draft).toMatchObject({ msgType: 'Alert', scope: 'Restricted', state: 'pending', released: false, level: 2, version: 1, references: [] });
    expect(b.incidents()[0]!.state).toBe('pending');

    const released = b.applyCommand(command('release', draft.incidentId, T0 + MIN));
    const pub = released.alerts[0]!;
    expect(pub).toMatchObject({ msgType: 'Alert', scope: 'Public', state: 'released', released: true, releasedBy: 'officer.mueller', version: 2, references: [] });
    expect(pub.identifier).not.toBe(draft.identifier);
    expect(released.audit.map((a) => a.action)).toEqual(['incident.released', 'revision.published']);
  });

  it('auto-releases when the rule allows it, by system:auto-release', () => {
    const b = book();
    const out = b.applyEvent(event({ autoRelease: true }));
    expect(out.alerts).toHaveLength(1);
    expect(out.alerts[0]).toMatchObject({ scope: 'Public', msgType: 'Alert', released: true, releasedBy: 'system:auto-release' });
  });

  it('refuses a second release and a release of an unknown incident, and says so in the audit', () => {
    const b = book();
    const pub = raiseAndRelease(b);
    const again = b.applyCommand(command('release', pub.incidentId, T0 + 2 * MIN));
    expect(again.alerts).toHaveLength(0);
    expect(again.audit[0]).toMatchObject({ action: 'command.rejected', subject: pub.incidentId });
    expect(JSON.parse(again.audit[0]!.detail).why).toBe('already released');
    const unknown = b.applyCommand(command('release', 'nope', T0 + 3 * MIN));
    expect(unknown.audit[0]!.action).toBe('command.rejected');
  });

  it('groups firings of one area and hazard into one incident whose level is the max of the active firings', () => {
    const b = book();
    b.applyEvent(event({ ruleId: 'gauge-level', level: 1 }));
    b.applyEvent(event({ ruleId: 'rain-6h', subject: 'kuhlerkamp', level: 3, at: T0 + MIN }));
    b.applyEvent(event({ areaId: 'hagen-nord', level: 1, at: T0 + MIN }));
    const incidents = b.incidents();
    expect(incidents).toHaveLength(2);
    const mitte = incidents.find((i) => i.areaId === 'hagen-mitte')!;
    expect(Object.keys(mitte.firings).sort()).toEqual(['gauge-level:eckesey', 'rain-6h:kuhlerkamp']);
    expect(mitte.level).toBe(3);
  });
});

describe('IncidentBook: escalation and de-escalation', () => {
  it('sends Updates referencing the earlier public revisions', () => {
    const b = book();
    const first = raiseAndRelease(b, 2);
    const up = b.applyEvent(event({ kind: 'escalated', level: 3, at: T0 + 10 * MIN, evidence: gauge(355, 30) })).alerts[0]!;
    expect(up).toMatchObject({ msgType: 'Update', scope: 'Public', level: 3, version: 3 });
    expect(up.references).toEqual([`fruehwarn@hagen.example,${first.identifier},2024-07-14T16:01:00+02:00`]);
    expect(de(up).severity).toBe('Severe');
    expect(de(up).description).toContain('Pegel Hagen-Eckesey 355 cm, steigt 30 cm/h');

    const down = b.applyEvent(event({ kind: 'deescalated', level: 1, at: T0 + 20 * MIN })).alerts[0]!;
    expect(down).toMatchObject({ msgType: 'Update', level: 1, version: 4 });
    expect(down.references).toHaveLength(2);
    expect(b.incidents()[0]!.peakLevel).toBe(3);
  });

  it('does not revise when another firing changes below the current max', () => {
    const b = book();
    raiseAndRelease(b, 3);
    const out = b.applyEvent(event({ ruleId: 'rain-6h', subject: 'kuhlerkamp', level: 1, at: T0 + 5 * MIN }));
    expect(out.alerts).toHaveLength(0);
    expect(out.audit.map((a) => a.action)).toEqual(['firing.raised']);
  });
});

describe('IncidentBook: all-clear with hold time', () => {
  it('sends the Entwarnung (Cancel, AllClear) only after every firing stayed clear for the hold', () => {
    const b = book();
    const first = raiseAndRelease(b);
    expect(b.applyEvent(event({ kind: 'cleared', level: 0, at: T0 + 10 * MIN })).alerts).toHaveLength(0);
    expect(b.advanceTo(T0 + 39 * MIN).alerts).toHaveLength(0);
    expect(b.incident(first.incidentId)!.allClearDueAt).toBe(T0 + 40 * MIN);
    const out = b.advanceTo(T0 + 45 * MIN);
    expect(out.alerts).toHaveLength(1);
    const clear = out.alerts[0]!;
    expect(clear).toMatchObject({ msgType: 'Cancel', scope: 'Public', state: 'cleared', sent: T0 + 40 * MIN });
    expect(clear.references).toEqual([expect.stringContaining(first.identifier)]);
    expect(de(clear).headline).toMatch(/^Entwarnung: Hochwasser in Hagen-Mitte/);
    expect(de(clear).responseType).toEqual(['AllClear']);
    expect(b.incident(first.incidentId)!.state).toBe('cleared');
  });

  it('a new firing within the hold continues the same incident; after it a new incident opens', () => {
    const b = book();
    const first = raiseAndRelease(b, 2);
    b.applyEvent(event({ kind: 'cleared', level: 0, at: T0 + 10 * MIN }));
    const again = b.applyEvent(event({ level: 3, at: T0 + 30 * MIN }));
    expect(again.alerts[0]).toMatchObject({ incidentId: first.incidentId, msgType: 'Update', level: 3 });
    expect(b.advanceTo(T0 + 200 * MIN).alerts).toHaveLength(0);

    b.applyEvent(event({ kind: 'cleared', level: 0, at: T0 + 201 * MIN }));
    const later = b.applyEvent(event({ level: 2, at: T0 + 300 * MIN }));
    // The hold (30 min) ran out at +231: the all-clear comes first, then a new pending incident.
    expect(later.alerts.map((a) => [a.msgType, a.scope, a.incidentId === first.incidentId])).toEqual([
      ['Cancel', 'Public', true],
      ['Alert', 'Restricted', false],
    ]);
  });

  it('a pending incident that was never released closes without a public message', () => {
    const b = book();
    b.applyEvent(event());
    b.applyEvent(event({ kind: 'cleared', level: 0, at: T0 + MIN }));
    const out = b.advanceTo(T0 + 60 * MIN);
    expect(out.alerts.every((a) => a.scope === 'Restricted')).toBe(true);
    expect(out.audit.map((a) => a.action)).toContain('incident.closed');
    expect(b.incidents()[0]!.state).toBe('cleared');
  });
});

describe('IncidentBook: officer commands', () => {
  it('cancel withdraws a released warning with a public Cancel', () => {
    const b = book();
    const pub = raiseAndRelease(b);
    const out = b.applyCommand(command('cancel', pub.incidentId, T0 + 5 * MIN, { reason: 'Fehlalarm' }));
    expect(out.alerts[0]).toMatchObject({ msgType: 'Cancel', scope: 'Public', state: 'cancelled' });
    expect(de(out.alerts[0]!).headline).toMatch(/^Warnung aufgehoben/);
    expect(b.incident(pub.incidentId)!.closedBy).toBe('officer.mueller');
    // A later clear of the old firing does nothing.
    expect(b.applyEvent(event({ kind: 'cleared', level: 0, at: T0 + 6 * MIN })).alerts).toHaveLength(0);
  });

  it('edit before release changes the draft and the later release; after release it makes an Update', () => {
    const b = book();
    b.applyEvent(event());
    const id = b.incidents()[0]!.id;
    const edits = [{ language: 'de-DE', headline: 'Volme tritt über die Ufer', description: null, instruction: null }];
    const draft = b.applyCommand(command('edit', id, T0 + MIN, { edits })).alerts[0]!;
    expect(draft.scope).toBe('Restricted');
    expect(de(draft).headline).toBe('Volme tritt über die Ufer');
    const pub = b.applyCommand(command('release', id, T0 + 2 * MIN)).alerts[0]!;
    expect(de(pub).headline).toBe('Volme tritt über die Ufer');
    expect(de(pub).instruction.length).toBeGreaterThan(10);
    expect(pub.info[1]!.headline).toBe('Flood warning for Hagen-Mitte');

    const upd = b.applyCommand(command('edit', id, T0 + 3 * MIN, { edits: [{ language: 'de', headline: null, description: null, instruction: 'Keller räumen!' }] })).alerts[0]!;
    expect(upd).toMatchObject({ msgType: 'Update', scope: 'Public' });
    expect(de(upd).headline).toBe('Volme tritt über die Ufer');
    expect(de(upd).instruction).toBe('Keller räumen!');
  });

  it('acknowledge is recorded without a new revision', () => {
    const b = book();
    const pub = raiseAndRelease(b);
    const out = b.applyCommand(command('acknowledge', pub.incidentId, T0 + 2 * MIN));
    expect(out.alerts).toHaveLength(0);
    expect(out.audit[0]).toMatchObject({ action: 'incident.acknowledged', actor: 'officer.mueller' });
    expect(b.incident(pub.incidentId)!.acknowledgements).toEqual([{ by: 'officer.mueller', at: T0 + 2 * MIN }]);
  });
});

describe('IncidentBook: silences', () => {
  it('a silenced firing raises no alert (officers see it as silenced); when the silence ends it counts again', () => {
    const b = book();
    b.applyCommand(command('silence', 'maint-1', T0, { areaId: 'hagen-mitte', until: T0 + 60 * MIN, reason: 'Wartung Pegel' }));
    const out = b.applyEvent(event({ level: 2, at: T0 + MIN, autoRelease: true }));
    expect(out.alerts).toHaveLength(0);
    expect(out.audit.find((a) => a.action === 'firing.raised')!.detail).toContain('"silenced":true');
    const view = b.incidents()[0]!;
    expect(view.silenced).toBe(true);
    expect(view.silencedFirings).toEqual(['gauge-level:eckesey']);
    // Release is refused while everything is silenced.
    expect(b.applyCommand(command('release', view.id, T0 + 2 * MIN)).audit[0]!.action).toBe('command.rejected');

    // Another area is not affected.
    expect(b.applyEvent(event({ areaId: 'hagen-nord', at: T0 + 3 * MIN })).alerts).toHaveLength(1);

    const after = b.advanceTo(T0 + 61 * MIN);
    expect(after.audit.map((a) => a.action)).toContain('silence.expired');
    expect(after.alerts).toHaveLength(1);
    expect(after.alerts[0]).toMatchObject({ incidentId: view.id, scope: 'Public', releasedBy: 'system:auto-release', sent: T0 + 60 * MIN });
  });

  it('a rule silence matches only that rule; unsilence lifts it at once', () => {
    const b = book();
    b.applyCommand(command('silence', 's-rain', T0, { ruleId: 'rain-6h', until: T0 + 120 * MIN }));
    expect(b.applyEvent(event({ ruleId: 'rain-6h', subject: 'kuhlerkamp', level: 3, at: T0 + MIN })).alerts).toHaveLength(0);
    expect(b.applyEvent(event({ ruleId: 'gauge-level', level: 1, at: T0 + 2 * MIN })).alerts[0]!.level).toBe(1);
    const lifted = b.applyCommand(command('unsilence', 's-rain', T0 + 3 * MIN));
    expect(lifted.alerts[0]).toMatchObject({ msgType: 'Update', level: 3 });
    expect(b.silences()).toEqual([]);
  });

  it('silence without until in the future is rejected', () => {
    const b = book();
    const out = b.applyCommand(command('silence', 's', T0, { areaId: 'hagen-mitte', until: T0 }));
    expect(out.audit[0]!.action).toBe('command.rejected');
    expect(b.silences()).toHaveLength(0);
  });
});

describe('IncidentBook: audiences and status', () => {
  it('officers-only incidents (silent sensor) are Restricted, never public and cannot be released', () => {
    const b = book();
    const out = b.applyEvent(
      event({ hazard: 'sensor', ruleId: 'silent', audience: 'officers', autoRelease: true, level: 2, evidence: [{ name: 'silent', stationId: 'eckesey', value: 45, unit: 'min', text: 'silent 45 min' }] }),
    );
    const a = out.alerts[0]!;
    expect(a).toMatchObject({ scope: 'Restricted', released: false, hazard: 'sensor' });
    expect(de(a).description).toContain('Hagen-Eckesey: keine Messwerte seit 45 min');
    const rel = b.applyCommand(command('release', a.incidentId, T0 + MIN));
    expect(rel.alerts).toHaveLength(0);
    expect(JSON.parse(rel.audit[0]!.detail).why).toMatch(/officers only/);
    b.applyEvent(event({ hazard: 'sensor', ruleId: 'silent', audience: 'officers', kind: 'cleared', level: 0, at: T0 + 2 * MIN }));
    const end = b.advanceTo(T0 + 40 * MIN).alerts;
    expect(end.map((x) => [x.msgType, x.scope])).toEqual([['Cancel', 'Restricted']]);
  });

  it('carries Exercise and Test status through, apart from Actual incidents of the same area', () => {
    const b = book();
    const ex = b.applyEvent(event({ status: 'Exercise', autoRelease: true })).alerts[0]!;
    const act = b.applyEvent(event({ status: 'Actual', level: 1, autoRelease: true, at: T0 + MIN })).alerts[0]!;
    expect(ex.status).toBe('Exercise');
    expect(act.status).toBe('Actual');
    expect(ex.incidentId).not.toBe(act.incidentId);
    expect(de(ex).headline).toContain('(Übung)');
    const test = b.applyEvent(event({ status: 'Test', areaId: 'hagen-nord', autoRelease: true })).alerts[0]!;
    expect(test.status).toBe('Test');
    expect(de(test).eventCode).toBe('BBK-EVC-050');
  });
});

describe('IncidentBook: deduplication and determinism', () => {
  let audit: AuditEntry[] = [];
  let duplicates = 0;
  function run(b: IncidentBook, inputs: (AlertEvent | OfficerCommand | number)[]): Alert[] {
    const alerts: Alert[] = [];
    audit = [];
    duplicates = 0;
    for (const x of inputs) {
      const out = typeof x === 'number' ? b.advanceTo(x) : 'kind' in x ? b.applyEvent(x) : b.applyCommand(x);
      alerts.push(...out.alerts);
      audit.push(...out.audit);
      duplicates += out.duplicates;
    }
    return alerts;
  }

  function fullSequence(): (AlertEvent | OfficerCommand | number)[] {
    const incidentId = 'hagen-mitte.flood.20240714T140000Z';
    return [
      event({ level: 1 }),
      event({ ruleId: 'rain-6h', subject: 'kuhlerkamp', level: 2, at: T0 + 5 * MIN }),
      { ...command('release', incidentId, T0 + 6 * MIN), id: 'c-release' },
      event({ kind: 'escalated', level: 3, at: T0 + 20 * MIN, evidence: gauge(360, 40) }),
      { ...command('acknowledge', incidentId, T0 + 21 * MIN), id: 'c-ack' },
      event({ kind: 'cleared', level: 0, at: T0 + 40 * MIN }),
      event({ ruleId: 'rain-6h', subject: 'kuhlerkamp', kind: 'cleared', level: 0, at: T0 + 41 * MIN }),
      T0 + 80 * MIN,
    ];
  }

  it('replaying the same inputs twice yields no extra revision', () => {
    const b = book();
    const inputs = fullSequence();
    const once = run(b, inputs);
    // drafts 1 → 2, release at 2, escalation to 3, gauge clears (rain still at 2) → 2, all-clear
    expect(once.map((a) => [a.msgType, a.scope, a.level])).toEqual([
      ['Alert', 'Restricted', 1],
      ['Update', 'Restricted', 2],
      ['Alert', 'Public', 2],
      ['Update', 'Public', 3],
      ['Update', 'Public', 2],
      ['Cancel', 'Public', 2],
    ]);
    const twice = run(b, inputs);
    expect(twice).toEqual([]);
    // Dropped by id, not merely absorbed by the state: not even an audit line.
    expect(audit).toEqual([]);
    expect(duplicates).toBe(inputs.filter((x) => typeof x !== 'number').length);
  });

  it('two books fed the same inputs produce identical revisions and identifiers', () => {
    const a = run(book(), fullSequence());
    const auditA = audit;
    const b = run(book(), fullSequence());
    expect(b).toEqual(a);
    expect(audit).toEqual(auditA);
    expect(a[0]!.identifier).toMatch(/^fw\.059140000000\.[0-9a-f]{12}\.1$/);
  });

  it('restoring a snapshot mid-sequence gives the same result as running uninterrupted', () => {
    const inputs = fullSequence();
    const straight = run(book(), inputs);
    for (let cut = 1; cut < inputs.length; cut++) {
      const first = book();
      const before = run(first, inputs.slice(0, cut));
      const restored = new IncidentBook({ composer: composer(), holdMs: 30 * MIN }, JSON.parse(JSON.stringify(first.snapshot())));
      // Redelivery after a restart: the input at the cut is applied again, with the rest.
      const after = run(restored, inputs.slice(cut - 1));
      expect([...before, ...after]).toEqual(straight);
    }
  });

  it('ignores a stale event older than the firing it would change', () => {
    const b = book({ dedupCapacity: 1 });
    b.applyEvent(event({ level: 3, at: T0 + 10 * MIN }));
    const stale = b.applyEvent(event({ level: 1, at: T0 + 5 * MIN }));
    expect(stale.alerts).toHaveLength(0);
    expect(stale.audit.map((a) => a.action)).toEqual(['event.stale']);
  });
});
