// Drives the console as an operator would: sign in; sign in again with a wrong password (the console says so
// itself and drops what it showed, and no answer challenges the browser to a login prompt of its own); sign in,
// find a compensated saga by its business key (search box and column labelled as the definition names the key)
// and open its timeline, with no action offered now that it ended; replay a dead letter once the console showed
// where it goes; open the order-fulfilment definition and check its state machine drawing against what the API
// says the machine is (its transitions as data, which its Mermaid text lists too); sign out. Every API call of
// the page must carry X-Requested-By.
// Usage: node console.spec.mjs <orchestrator-url> <user> <password> <order-id> <parking-queue>
// [saga-screenshot.png] [definition-screenshot.png]. Exits non-zero with the reason when anything is not as
// expected.
import { chromium } from 'playwright-core';

const [url, user, password, orderId, queue, screenshot, definitionScreenshot] = process.argv.slice(2);
const SAGA_TYPE = 'order-fulfilment';

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/** What the API answers the operator, fetched apart from the page: what the page must show. */
async function fromApi(path) {
  const response = await fetch(url + path, {
    headers: { Authorization: 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64'),
      'X-Requested-By': 'console-test' },
  });
  check(response.ok, `GET ${path} answered ${response.status}`);
  return response.json();
}

async function signIn(page, withPassword) {
  await page.fill('#user', user);
  await page.fill('#password', withPassword);
  await page.click('#login button[type=submit]');
  await page.waitForFunction(() => /signed in as|sign-in failed/.test(document.querySelector('#who').textContent));
}

/** Every "from --> to : EVENT" line of the Mermaid text, sorted, as the ids it writes the states with. */
function mermaidTransitions(definition) {
  return definition.mermaid.split('\n').map((line) => /^\s*(\S+) --> (\S+) : (\S+)\s*$/.exec(line))
      .filter(Boolean).map(([, from, to, event]) => `${from} --> ${to} : ${event}`).sort();
}

/** The API's transitions as the Mermaid text writes them: a state's id is its name with '-' as '_'. */
function asMermaid(transitions) {
  const id = (state) => state.replaceAll('-', '_');
  return transitions.map(({ from, to, event }) => `${id(from)} --> ${id(to)} : ${event}`).sort();
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const answers = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/')) {
      answers.push((async () => ({ method: response.request().method(), url: response.url(),
        status: response.status(), requestedBy: await response.request().headerValue('x-requested-by'),
        challenge: await response.headerValue('www-authenticate') }))());
    }
  });
  /** Every API call the page made so far, with its answer. */
  const calls = () => Promise.all(answers);
  await page.goto(url + '/console/index.html');
  await signIn(page, password);
  check(await page.locator('#sagas tbody tr').count() > 0, 'signed in, the console lists sagas');
  await signIn(page, password + '-wrong');
  check((await page.textContent('#who')).includes('sign-in failed: Wrong user name or password'),
      `a wrong password shows the console's own sign-in error, not: ${await page.textContent('#who')}`);
  for (const table of ['#sagas', '#parking', '#definitions']) {
    check(await page.locator(table + ' tbody tr').count() === 0, `after the failed sign-in ${table} is empty`);
  }
  const refused = (await calls()).filter((call) => call.status === 401);
  check(refused.length > 0 && refused.every((call) => !call.challenge),
      `the 401s carry no Basic challenge: ${JSON.stringify(refused)}`);
  await signIn(page, password);
  check((await page.textContent('#who')).includes('signed in as ' + user), 'signed in again');

  const keyName = (await fromApi(`/api/definitions/${SAGA_TYPE}`)).businessKeyName;
  check(await page.getAttribute('#businessKey', 'placeholder') === keyName,
      `the search box asks for the ${keyName}, as the definitions name the key`);
  await page.selectOption('#status', 'COMPENSATED');
  await page.fill('#businessKey', orderId);
  await page.click('#filters button');
  const row = page.locator('#sagas tbody tr', { hasText: orderId });
  await row.waitFor();
  check(await page.textContent('#keyColumn') === keyName, `the key column of ${SAGA_TYPE} sagas says ${keyName}`);
  await row.click();
  await page.locator('#timeline tbody tr', { hasText: 'COMPENSATION_SENT' }).first().waitFor();
  await page.locator('#timeline tbody tr', { hasText: 'SAGA_ENDED' }).waitFor();
  check(await page.locator('[data-action]:visible').count() === 0,
      'an ended saga shows no retry, compensate or resume button');
  check((await page.textContent('#noActions')) === 'no action for a COMPENSATED saga',
      `the console says why: ${await page.textContent('#noActions')}`);
  if (screenshot) {
    await page.screenshot({ path: screenshot, fullPage: true });
  }

  const parked = await fromApi(`/api/dead-letters/${queue}?limit=50`);
  const first = parked.messages[0];
  check(first && first.replayTo, `the API says where the parked message would go: ${JSON.stringify(first)}`);
  const destination = `${first.replayTo.exchange} → ${first.replayTo.routingKey}`;
  await page.locator('#parking tbody tr', { hasText: queue }).click();
  const parkedRow = page.locator(`#parked tbody tr[data-message-id="${first.messageId}"]`);
  await parkedRow.waitFor();
  check((await parkedRow.locator('td.replayTo').textContent()) === destination,
      `the row shows it replays to ${destination}`);
  await parkedRow.locator('button', { hasText: 'Replay' }).click();
  const question = await parkedRow.locator('.confirm').textContent();
  check(question === `Replay to ${destination}?`, `the console asks before it replays to ${destination}: ${question}`);
  check(!(await calls()).some((call) => call.method === 'POST'),
      'nothing was replayed before the operator confirmed');
  await parkedRow.locator('button', { hasText: 'Confirm replay' }).click();
  await page.waitForSelector(`#replayResult:has-text("replayed 1 message(s) from ${queue}")`);

  const definition = await fromApi(`/api/definitions/${SAGA_TYPE}`);
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
  const transitions = definition.transitions;
  check(transitions.length > definition.steps.length, `the API gives the transitions: ${JSON.stringify(transitions)}`);
  check(JSON.stringify(asMermaid(transitions)) === JSON.stringify(mermaidTransitions(definition)),
      `Mermaid text has the same transitions: ${definition.mermaid}`);
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

  await page.click('#signOut');
  await page.waitForSelector('#who:has-text("signed out")');
  check(await page.locator('#sagas tbody tr').count() === 0 && await page.locator('#definition').isHidden(),
      'signed out, the console shows no data');
  const withoutHeader = (await calls()).filter((call) => !call.requestedBy);
  check(withoutHeader.length === 0, `every API call carries X-Requested-By: ${JSON.stringify(withoutHeader)}`);
  console.log(`console: wrong password refused by the console itself, compensated saga timeline shown, dead letter `
      + `replayed to ${destination} after confirming, ${SAGA_TYPE} drawn with ${transitions.length} transitions, `
      + `signed out; ${(await calls()).length} API calls, all with X-Requested-By`);
} finally {
  await browser.close();
}
