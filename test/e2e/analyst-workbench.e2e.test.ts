import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Topics } from '../../services/core/bus/topics';
import type { AuditEntry } from '../../services/core/model/audit-entry';
import { gaugeReadings, login, newPage, publishReadings, SCREENSHOTS, startApp, type App } from './support/console-app';

jest.setTimeout(120_000);

describe('analyst workbench in a real browser', () => {
  let app: App;

  beforeAll(async () => {
    app = await startApp();
    // The recording the backtest replays: readings.v1 on the bus. Eckesey (level 1 = 250 cm)
    // crosses its level; Haspe (level 1 = 150 cm) stays 5 cm below it.
    const start = Date.now() - 3 * 3_600_000;
    await publishReadings(app, gaugeReadings('volme-eckesey', [232, 236, 240, 245, 255, 258, 262, 266, 270, 273, 275], start));
    await publishReadings(app, gaugeReadings('ennepe-haspe', [138, 140, 142, 143, 144, 145, 145, 145, 145, 145, 145], start));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('validates an edited threshold live, shows the backtest difference on a timeline, and saves with an audit entry', async () => {
    const { page, errors } = await newPage(app);
    await login(page, 'analyst', '/console/analyst');
    await page.locator('#file').selectOption('flood-gauges.yaml');
    await page.waitForFunction(() => (document.getElementById('text') as HTMLTextAreaElement).value.includes('gauge-information-level'));
    const original = await page.locator('#text').inputValue();

    // A typo is reported live with its line and field.
    const typo = original.replace('condition: { op: ">=", threshold: level1 }', 'condition: { op: ">=", threshold: levelX }');
    await page.locator('#text').fill(typo);
    await page.locator('#errors li').first().waitFor();
    const typoLine = typo.split('\n').findIndex((l) => l.includes('levelX')) + 1;
    expect(await page.locator('#errors').textContent()).toContain(`flood-gauges.yaml:${typoLine}:`);
    expect(await page.locator('#text').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#save').isDisabled()).toBe(true);

    // The threshold edit: information level 1 is reached 20 cm below the gauge's level.
    const edited = original.replace('condition: { op: ">=", threshold: level1 }', 'condition: { op: ">=", threshold: level1, offset: -20 }');
    expect(edited).not.toBe(original);
    await page.locator('#text').fill(edited);
    await page.waitForFunction(() => document.getElementById('validity')?.textContent?.startsWith('Gültig'));
    expect(await page.locator('#text').getAttribute('aria-invalid')).toBe('false');

    await page.getByRole('button', { name: /Backtest/ }).click();
    await page.waitForFunction(() => document.getElementById('bt-summary')?.dataset.gained !== undefined, undefined, { timeout: 30_000 });
    const summary = await page.locator('#bt-summary').evaluate((e) => ({ ...(e as HTMLElement).dataset }));
    // Haspe now reaches level 1 (gained); Eckesey reaches it earlier (shifted, with lead time).
    expect(Number(summary.gained)).toBeGreaterThanOrEqual(1);
    expect(Number(summary.shifted)).toBeGreaterThanOrEqual(1);
    const details = await page.locator('#bt-details').textContent();
    expect(details).toMatch(/neu.*gauge-information-level · ennepe-haspe/);
    expect(details).toMatch(/verschoben.*gauge-information-level · volme-eckesey.*−\d+ min/);
    expect(details).toMatch(/Vorwarnzeit.*hagen-(mitte|haspe):flood/);
    expect(await page.locator('#bt-timeline svg circle').count()).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: join(SCREENSHOTS, 'analyst-workbench.png'), fullPage: true });

    // Save, confirmed: the file in the rules folder changes and the change is on the audit topic.
    await page.getByLabel('Änderungsgrund').fill('Vorwarnung 20 cm früher (E2E)');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Bestätigen' }).click();
    await page.getByText('Gespeichert.').waitFor();
    expect(readFileSync(join(app.rulesDir, 'flood-gauges.yaml'), 'utf8')).toBe(edited);
    await page.locator('#history tr').first().waitFor();
    expect(await page.locator('#history').textContent()).toMatch(/analyst.*flood-gauges\.yaml.*Vorwarnung 20 cm früher/);

    const entries: AuditEntry[] = [];
    for (const m of await app.context.bus.read(Topics.audit, 0, 0, 1000)) entries.push(await app.context.codec.decode<AuditEntry>('AuditEntry', m.value));
    const change = entries.find((e) => e.action === 'rule.changed')!;
    expect(change).toMatchObject({ actor: 'analyst', subject: 'flood-gauges.yaml', source: 'console' });
    expect(JSON.parse(change.detail).diff).toContain('+        condition: { op: ">=", threshold: level1, offset: -20 }');
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });

  it('refuses a save made from an outdated version and a save without the CSRF token', async () => {
    const login = await fetch(`${app.url}/console/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'analyst', password: 'analyst-pass-1' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrf } = (await login.json()) as { csrf: string };
    const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
    const stale = await fetch(`${app.url}/console/api/rules/files/flood-gauges.yaml`, { method: 'PUT', headers, body: JSON.stringify({ text: 'rules: []\n', baseVersion: '0'.repeat(64) }) });
    expect(stale.status).toBe(409);
    const noCsrf = await fetch(`${app.url}/console/api/rules/files/flood-gauges.yaml`, { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ text: 'rules: []\n', baseVersion: null }) });
    expect(noCsrf.status).toBe(403);
  });
});
