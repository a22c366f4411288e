// Drives the console as an operator would: sign in, find a compensated saga, open its timeline, replay a
// dead letter. Usage: node console.spec.mjs <orchestrator-url> <user> <password> <order-id> <parking-queue>
// [screenshot.png]. Exits non-zero with the reason when anything is not as expected.
import { chromium } from 'playwright-core';

const [url, user, password, orderId, queue, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(url + '/console/index.html');
  await page.fill('#user', user);
  await page.fill('#password', password);
  await page.click('#login button');
  await page.waitForSelector('#who:has-text("signed in as")');

  await page.selectOption('#status', 'COMPENSATED');
  await page.fill('#orderId', orderId);
  await page.click('#filters button');
  const row = page.locator('#sagas tbody tr', { hasText: orderId });
  await row.waitFor();
  await row.click();
  await page.locator('#timeline tbody tr', { hasText: 'COMPENSATION_SENT' }).first().waitFor();
  await page.locator('#timeline tbody tr', { hasText: 'SAGA_ENDED' }).waitFor();
  if (screenshot) {
    await page.screenshot({ path: screenshot, fullPage: true });
  }

  await page.locator('#parking tbody tr', { hasText: queue }).click();
  await page.locator('#parked tbody tr button').first().click();
  await page.waitForSelector(`#replayResult:has-text("replayed 1 message(s) from ${queue}")`);
  console.log('console: compensated saga timeline shown, dead letter replayed');
} finally {
  await browser.close();
}
