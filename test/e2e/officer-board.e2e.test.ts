import { join } from 'node:path';
import { gaugeReadings, login, newPage, publishReadings, SCREENSHOTS, startApp, type App } from './support/console-app';

jest.setTimeout(120_000);

describe('officer board in a real browser', () => {
  let app: App;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows an incident live, the officer releases it with edited text, and the warning appears in the public feed', async () => {
    const { page, errors } = await newPage(app);
    await login(page, 'officer');
    await expectVisibleText(page, '#incidents', /Keine offenen Ereignisse/);
    // Marks this page load: if the board reloaded instead of updating live, the mark is gone.
    await page.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 42));

    // Eckesey gauge (Informationsstufe 1 at 250 cm) above the level for 25 minutes of event time.
    const start = Date.now() - 30 * 60_000;
    await publishReadings(app, gaugeReadings('volme-eckesey', [240, 255, 258, 262, 266, 270, 273], start));

    // Silent-sensor incidents (officers only) may appear too: the other stations send nothing.
    const card = page.locator('article.incident[data-state="pending"][data-incident-id^="hagen-mitte.flood"]');
    await card.waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark)).toBe(42);
    await expect(card.textContent()).resolves.toMatch(/Hochwasser – Hagen-Mitte/);
    await expect(card.textContent()).resolves.toMatch(/volme-eckesey|Eckesey/); // the driver that caused it
    expect(await page.locator('#banner').isVisible()).toBe(true);
    expect(await page.locator('#banner-text').textContent()).toMatch(/Neues Ereignis: (Hochwasser|Sensor) /);
    expect(await card.getAttribute('class')).toContain('new');
    const incidentId = (await card.getAttribute('data-incident-id'))!;

    // The chart of the gauge has the readings and the warning levels drawn in.
    await page.locator('#chart-station').selectOption('volme-eckesey|water_level');
    await page.locator('#chart svg path').waitFor();
    expect(await page.locator('#chart svg').textContent()).toContain('MS 1: 250');
    // The map colours Hagen-Mitte at flood level 1 (area table is the text equivalent).
    // The map colours Hagen-Mitte by its flood level (the area table is the text equivalent); the
    // level is the higher of the incident and the flood score, so at least the incident's 1.
    await expectVisibleText(page, '#area-table', /Hagen-MitteHochwasser Stufe [1-4]/);
    const fill = await page.evaluate(() => Array.from(document.querySelectorAll('#map path.leaflet-interactive')).map((p) => p.getAttribute('fill')));
    expect(fill.filter((f) => f !== '#e8ecef').length).toBeGreaterThanOrEqual(1);

    await page.screenshot({ path: join(SCREENSHOTS, 'officer-board.png'), fullPage: true });

    // Release with an edited German headline, confirmed in the dialog.
    await card.getByRole('button', { name: 'Freigeben' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const headline = dialog.getByLabel('Überschrift (de-DE)');
    expect(await headline.inputValue()).not.toBe('');
    await headline.fill('Hochwasser an der Volme in Hagen-Mitte – E2E');
    await dialog.getByLabel('Begründung').fill('Pegel vor Ort bestätigt');
    await dialog.getByRole('button', { name: 'Bestätigen' }).click();

    const released = page.locator(`article.incident[data-incident-id="${incidentId}"][data-state="released"]`);
    await released.waitFor({ timeout: 20_000 });
    expect(await released.textContent()).toContain('freigegeben: officer');

    // The public feed (NINA dashboard on the board, Atom and NINA over HTTP) carries the released text.
    await expectVisibleText(page, '#feed', /Hochwasser an der Volme in Hagen-Mitte – E2E/, 20_000);
    const atom = await (await fetch(`${app.url}/cap/feed.atom`)).text();
    expect(atom).toContain('Hochwasser an der Volme in Hagen-Mitte – E2E');

    // The audit trail names the logged-in officer and the reason.
    await released.getByRole('button', { name: 'Protokoll' }).click();
    const audit = page.locator('#audit-rows');
    await expectVisibleText(page, '#audit-rows', /incident\.released/);
    expect(await audit.textContent()).toMatch(/officer.*incident\.edited/s);
    expect(await audit.textContent()).toContain('Pegel vor Ort bestätigt');
    // The only console error allowed: the 401 of /console/api/me before the login redirect.
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });

  it('lets the officer silence a district for a while and end the silence again', async () => {
    const { page, errors } = await newPage(app);
    await login(page, 'officer');
    await expectVisibleText(page, '#silences', /Keine aktiven Stummschaltungen/);

    await page.getByRole('button', { name: 'Neue Stummschaltung' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // Neither a district nor a rule: refused in the dialog, nothing sent.
    await dialog.getByLabel('Begründung').fill('Bauarbeiten am Pegel Haspe');
    await dialog.getByRole('button', { name: 'Bestätigen' }).click();
    await expectVisibleText(page, '#confirm-error', /Bezirk oder eine Regel/);
    await dialog.getByLabel('Bezirk').selectOption({ label: 'Hagen-Haspe' });
    await dialog.getByRole('button', { name: 'Bestätigen' }).click();

    const item = page.locator('#silences li[data-silence-id]');
    await item.waitFor({ timeout: 15_000 });
    expect(await item.textContent()).toMatch(/Hagen-Haspe · alle Regeln.*von officer: Bauarbeiten am Pegel Haspe/);
    const silences = await page.evaluate(async () => (await (await fetch('/api/v1/silences')).json()).silences);
    expect(silences).toEqual([expect.objectContaining({ areaId: 'hagen-haspe', ruleId: null, by: 'officer', reason: 'Bauarbeiten am Pegel Haspe' })]);

    await item.getByRole('button', { name: 'Beenden' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Bestätigen' }).click();
    await expectVisibleText(page, '#silences', /Keine aktiven Stummschaltungen/, 15_000);
    const after = await page.evaluate(async () => (await (await fetch('/api/v1/silences')).json()).silences);
    expect(after.filter((s: { until: number }) => s.until > Date.now())).toEqual([]);
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });

  it('refuses officer commands without a session, a header name does not count, and an analyst may not release', async () => {
    const list = await fetch(`${app.url}/api/v1/incidents`);
    expect(list.status).toBe(401);
    const forged = await fetch(`${app.url}/api/v1/incidents/x/commands`, { method: 'POST', headers: { 'x-officer': 'mallory', 'content-type': 'application/json' }, body: '{"action":"release"}' });
    expect(forged.status).toBe(401);

    const { page } = await newPage(app);
    await login(page, 'analyst', '/console/');
    // The analyst sees the board but no command buttons, and the API refuses the command too.
    expect(await page.getByRole('button', { name: 'Freigeben' }).count()).toBe(0);
    const status = await page.evaluate(async () => {
      const me = await (await fetch('/console/api/me')).json();
      const r = await fetch('/api/v1/incidents/any/commands', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf }, body: '{"action":"acknowledge"}' });
      return r.status;
    });
    expect(status).toBe(403);
  });
});

async function expectVisibleText(page: import('playwright-core').Page, selector: string, pattern: RegExp, timeout = 10_000): Promise<void> {
  await page.waitForFunction(([sel, src, flags]) => new RegExp(src, flags).test(document.querySelector(sel)?.textContent ?? ''), [selector, pattern.source, pattern.flags] as const, { timeout });
}
