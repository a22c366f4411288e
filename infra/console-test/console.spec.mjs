// Drives the console as an operator would: sign in, find a compensated saga, open its timeline, replay a
// dead letter, then open the order-fulfilment definition and check its state machine drawing against what
// the API says the machine is. Usage: node console.spec.mjs <orchestrator-url> <user> <password> <order-id>
// <parking-queue> [saga-screenshot.png] [definition-screenshot.png]. Exits non-zero with the reason when
// anything is not as expected.
import { chromium } from 'playwright-core';

const [url, user, password, orderId, queue, screenshot, definitionScreenshot] = process.argv.slice(2);
const SAGA_TYPE = 'order-fulfilment';

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/** The definition as the API gives it, fetched apart from the page: what the drawing must show. */
async function definitionFromApi() {
  const response = await fetch(`${url}/api/definitions/${SAGA_TYPE}`,
      { headers: { Authorization: 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64') } });
  check(response.ok, `GET /api/definitions/${SAGA_TYPE} answered ${response.status}`);
  return response.json();
}

/** Every "from --> to : EVENT" line of the Mermaid text, with the state names the ids stand for. */
function transitionsOf(definition) {
  const stateOfId = new Map(definition.states.map((state) => [state.replaceAll('-', '_'), state]));
  return definition.mermaid.split('\n').map((line) => /^\s*(\S+) --> (\S+) : (\S+)\s*$/.exec(line))
      .filter(Boolean).map(([, from, to, event]) => ({ from: stateOfId.get(from), to: stateOfId.get(to), event }));
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
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

  const definition = await definitionFromApi();
  await page.locator('#definitions tbody tr', { hasText: SAGA_TYPE }).click();
  const svg = page.locator('#machine svg');
  await svg.waitFor();
  check(await page.locator('#steps tbody tr').count() === definition.steps.length, 'one table row per step');
  const texts = await svg.locator('text').allTextContents();
  for (const step of definition.steps) {
    check(texts.some((text) => text.includes(step.name)), `the drawing names step ${step.name}`);
  }
  for (const terminal of ['COMPLETED', 'COMPENSATED']) {
    check(texts.includes(terminal), `the drawing has the terminal state ${terminal}`);
  }
  const transitions = transitionsOf(definition);
  check(transitions.length > definition.steps.length, `Mermaid text has the transitions: ${definition.mermaid}`);
  for (const { from, to, event } of transitions) {
    const arrow = svg.locator(`g.edge[data-from="${from}"][data-to="${to}"]`);
    check(await arrow.count() === 1, `one arrow ${from} -> ${to}`);
    check((await arrow.locator('line').count()) === 1 && (await arrow.textContent()).includes(event),
        `the arrow ${from} -> ${to} is drawn and says ${event}`);
  }
  check(await svg.locator(`g.node.pivot[data-state="${definition.pivot}"]`).count() === 1,
      `the pivot ${definition.pivot} is marked`);
  check(await page.locator('#mermaid').textContent() === definition.mermaid, 'the Mermaid text is shown as given');
  await page.click('#definition details summary');
  if (definitionScreenshot) {
    await page.locator('#definition').screenshot({ path: definitionScreenshot });
  }
  console.log(`console: compensated saga timeline shown, dead letter replayed, ${SAGA_TYPE} drawn with `
      + `${transitions.length} transitions`);
} finally {
  await browser.close();
}
