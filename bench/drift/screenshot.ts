/**
 * A real drift run in headless Chromium (the app's Serving tab; by default the correlation preset:
 * same marginals, so only a joint detector can tell), pictured as docs/app-drift-joint.png or the
 * file named after the preset.
 *
 *   npx tsx bench/drift/screenshot.ts [preset] [docs/file.png]
 */
import { join } from 'node:path';
import { newEvaluableContext, openBrowser } from '../browser.ts';
import { PROJECT_ROOT, serveApp } from '../server.ts';

const preset = process.argv[2] ?? 'Drift (correlation, same marginals)';
const server = await serveApp();
const browser = await openBrowser();
try {
  const context = await newEvaluableContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(server.url);
  await page.click('#tab-serving');
  await page.selectOption('fb-serving-view #serving-preset', preset);
  await page.click('fb-serving-view #serving-run');
  await page.locator('fb-serving-report fb-chart canvas').first().waitFor({ timeout: 600_000 });
  await page.waitForTimeout(500);
  console.log(await page.locator('fb-serving-report #drift-finding').innerText());
  console.log(await page.locator('fb-serving-drift #drift-fired').innerText());
  const path = join(PROJECT_ROOT, process.argv[3] ?? join('docs', 'app-drift-joint.png'));
  await page.locator('fb-serving-report').screenshot({ path });
  console.log(path);
} finally {
  await browser.close();
  await server.close();
}
