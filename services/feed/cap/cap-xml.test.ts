import { renderCapXml } from './cap-xml';
import { validateCap, expectValidCap } from './validate-cap';
import { sampleAlert, sampleAllClear, sampleCatalogue, SUMMER, WINTER, HOHENLIMBURG } from '../testing/sample-alerts';

function tagOrder(xml: string, parent: string): string[] {
  const body = xml.slice(xml.indexOf(`<${parent}`), xml.indexOf(`</${parent}>`));
  // direct children only: count depth by indentation of the first child line
  const lines = body.split('\n').slice(1);
  const indent = lines[0]!.match(/^ */)![0].length;
  return lines.filter((l) => l.match(/^ */)![0].length === indent && /^\s*<[a-zA-Z]/.test(l)).map((l) => l.trim().match(/^<([a-zA-Z]+)/)![1]!);
}

describe('renderCapXml', () => {
  it('produces a schema-valid CAP 1.2 document for a summer warning', async () => {
    const xml = renderCapXml(sampleAlert(), { catalogue: sampleCatalogue });
    await expectValidCap(xml, 'summer.xml');
    expect(xml).toContain('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">');
    expect(xml).toContain('<sent>2024-07-14T16:35:21+02:00</sent>');
    expect(xml).not.toMatch(/\d\dZ</);
  });

  it('uses +01:00 in winter for sent, effective, onset and expires', async () => {
    const alert = sampleAlert({ sent: WINTER, info: () => ({ onset: WINTER - 3600_000, expires: WINTER + 6 * 3600_000 }) });
    const xml = renderCapXml(alert);
    await expectValidCap(xml, 'winter.xml');
    expect(xml).toContain('<sent>2024-01-15T13:00:00+01:00</sent>');
    expect(xml).toContain('<effective>2024-01-15T13:00:00+01:00</effective>');
    expect(xml).toContain('<onset>2024-01-15T12:00:00+01:00</onset>');
    expect(xml).toContain('<expires>2024-01-15T19:00:00+01:00</expires>');
  });

  it('keeps the element order of the schema at alert, info and area level', () => {
    const xml = renderCapXml(sampleAlert({ info: () => ({ contact: '02331 123', expires: SUMMER + 1000 }) }));
    expect(tagOrder(xml, 'alert')).toEqual(['identifier', 'sender', 'sent', 'status', 'msgType', 'scope', 'code', 'code', 'code', 'incidents', 'info', 'info']);
    expect(tagOrder(xml, 'info')).toEqual([
      'language', 'category', 'event', 'responseType', 'urgency', 'severity', 'certainty', 'eventCode', 'effective', 'onset', 'expires',
      'senderName', 'headline', 'description', 'instruction', 'web', 'contact', 'parameter', 'parameter', 'area',
    ]);
    expect(tagOrder(xml, 'area')).toEqual(['areaDesc', 'polygon', 'geocode', 'geocode']);
  });

  it('puts the German info first even when English came first, and names the BBK profile', () => {
    const xml = renderCapXml(sampleAlert({ englishFirst: true }));
    const langs = [...xml.matchAll(/<language>([^<]+)<\/language>/g)].map((m) => m[1]);
    expect(langs).toEqual(['de-DE', 'en-GB']);
    expect(xml).toMatch(/<eventCode>\s*<valueName>profile:DE-BBK-EVENTCODE<\/valueName>\s*<value>BBK-EVC-038<\/value>\s*<\/eventCode>/);
  });

  it('escapes markup and quotes in free text and strips characters XML cannot carry', async () => {
    const alert = sampleAlert({ info: () => ({ headline: 'A < B & "C" \u0007', description: 'Zeile 1<br/>Zeile 2' }) });
    const xml = renderCapXml(alert);
    await expectValidCap(xml, 'escape.xml');
    expect(xml).toContain('<headline>A &lt; B &amp; &quot;C&quot; </headline>');
    expect(xml).toContain('<description>Zeile 1&lt;br/&gt;Zeile 2</description>');
  });

  it('writes references space-separated as sender,identifier,sent for an all-clear', async () => {
    const original = sampleAlert();
    const update = { ...sampleAlert({ version: 2 }), references: [`${original.sender},${original.identifier},2024-07-14T16:35:21+02:00`] };
    const cancel = sampleAllClear(update, SUMMER + 3600_000);
    cancel.references = [...update.references, `${update.sender},${update.identifier},2024-07-14T16:35:21+02:00`];
    const xml = renderCapXml(cancel);
    await expectValidCap(xml, 'cancel.xml');
    expect(xml).toContain(
      `<references>fruehwarn@hagen.example,${original.identifier},2024-07-14T16:35:21+02:00 fruehwarn@hagen.example,${update.identifier},2024-07-14T16:35:21+02:00</references>`,
    );
    expect(xml).toContain('<msgType>Cancel</msgType>');
    expect(xml).toContain('<responseType>AllClear</responseType>');
  });

  it('adds warnVerwaltungsbereiche when the revision lacks it, closes open rings and drops broken polygons', async () => {
    const rejected: string[] = [];
    const alert = sampleAlert({ area: HOHENLIMBURG, info: () => ({}) });
    alert.info = alert.info.map((i) => ({ ...i, parameters: [] }));
    alert.area = [{ areaDesc: 'Hohenlimburg', polygons: ['51.34,7.55 51.34,7.6 51.36,7.6', 'not a polygon'], geocodes: [] }];
    const xml = renderCapXml(alert, { catalogue: sampleCatalogue, onRejectedPolygon: (p) => rejected.push(p) });
    await expectValidCap(xml, 'sanitised.xml');
    expect(xml).toContain('<polygon>51.34,7.55 51.34,7.6 51.36,7.6 51.34,7.55</polygon>');
    expect(rejected).toEqual(['not a polygon', 'not a polygon']);
    expect(xml).toMatch(/<valueName>warnVerwaltungsbereiche<\/valueName>\s*<value>059140000000<\/value>/);
  });

  it('marks exercises with a note and restricted messages with a restriction; both stay valid', async () => {
    const exercise = renderCapXml(sampleAlert({ overrides: { status: 'Exercise' } }));
    await expectValidCap(exercise, 'exercise.xml');
    expect(exercise).toContain('<status>Exercise</status>');
    expect(exercise).toContain('<note>');
    const restricted = renderCapXml(sampleAlert({ overrides: { scope: 'Restricted', hazard: 'sensor' } }));
    await expectValidCap(restricted, 'restricted.xml');
    expect(restricted).toContain('<restriction>');
  });
});

describe('validateCap (the helper itself)', () => {
  it('rejects a document whose elements are out of schema order', async () => {
    const xml = renderCapXml(sampleAlert()).replace(/<sender>([^<]*)<\/sender>\n(\s*)<sent>([^<]*)<\/sent>/, '<sent>$3</sent>\n$2<sender>$1</sender>');
    const v = await validateCap(xml);
    expect(v.valid).toBe(false);
    expect(v.errors.join('\n')).toMatch(/sent|sender/);
  });

  it('rejects a Z timestamp and a broken polygon', async () => {
    const z = renderCapXml(sampleAlert()).replace('2024-07-14T16:35:21+02:00</sent>', '2024-07-14T14:35:21Z</sent>');
    expect((await validateCap(z)).valid).toBe(false);
    const poly = renderCapXml(sampleAlert()).replace(/<polygon>[^<]*<\/polygon>/, '<polygon>51,7 52,7 52,8</polygon>');
    const v = await validateCap(poly);
    expect(v.valid).toBe(false);
    expect(v.errors.join()).toMatch(/polygon/);
  });
});
