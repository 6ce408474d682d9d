import { accessibilityViolations } from './support/accessibility';
import { gaugeReadings, login, newPage, publishReadings, startApp, type App } from './support/console-app';

jest.setTimeout(120_000);

/**
 * WCAG 2.1 AA audit (axe-core) of every console page in a real browser: duty officers work on
 * the board for hours, citizens of all ages use the subscription page. Serious and critical
 * findings fail the test; the list names the rule and the elements.
 */
describe('accessibility of the console pages (axe-core, WCAG 2.1 AA)', () => {
  let app: App;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('login page', async () => {
    const { page } = await newPage(app);
    await page.goto('/console/login');
    await page.waitForSelector('form');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it("officers' board with an open incident and its release dialog", async () => {
    const { page } = await newPage(app);
    await login(page, 'officer');
    await publishReadings(app, gaugeReadings('volme-eckesey', [240, 255, 258, 262, 266, 270, 273], Date.now() - 30 * 60_000));
    const card = page.locator('article.incident[data-state="pending"][data-incident-id^="hagen-mitte.flood"]');
    await card.waitFor({ timeout: 30_000 });
    expect(await accessibilityViolations(page)).toEqual([]);
    await card.getByRole('button', { name: 'Freigeben' }).click();
    await page.getByRole('dialog').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it("analysts' rule workbench", async () => {
    const { page } = await newPage(app);
    await login(page, 'analyst', '/console/analyst');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it("citizens' page, in German and in English", async () => {
    for (const locale of ['de-DE', 'en-GB']) {
      const { page } = await newPage(app, { locale });
      await page.goto('/citizen/');
      await page.waitForSelector('body[data-ready="true"]');
      expect([locale, await accessibilityViolations(page)]).toEqual([locale, []]);
    }
  });
});
