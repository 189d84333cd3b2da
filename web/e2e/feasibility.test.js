// The feasibility view in a real browser: `trialcore serve --omop` on a synthetic OMOP
// warehouse (trialcore synth-omop), Debian's Chromium driven by playwright-core. An
// investigator pre-screens the warehouse as of a date and sees the funnel, the counts per
// criterion and the persons to contact, the same as `trialcore prescreen` says; a
// coordinator has no such view and the API refuses it. Every wait is for a server answer
// or an element it produces, never for time. Screenshots go to test-artifacts/e2e/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, '..', '..');
const artifacts = join(source, 'test-artifacts', 'e2e');
const binary = process.env.TRIALCORE_BINARY;
const chromiumPath = process.env.TRIALCORE_CHROMIUM;
const webRoot = process.env.TRIALCORE_WEB_ROOT || join(source, 'web', 'dist');

function startServer(directory, omop) {
  const server = spawn(binary, ['serve', '--store', join(directory, 'trial.db'), '--port', '0', '--web-root', webRoot,
    '--omop', omop, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    server.stdout.on('data', (chunk) => {
      output += chunk;
      const url = output.match(/running at (http:\/\/[^\s]+)/);
      const password = output.match(/one-time password: (\S+)/);
      if (url && password) resolve({ server, url: url[1], password: password[1] });
    });
    server.stderr.on('data', (chunk) => process.stderr.write(chunk));
    server.on('exit', (code) => reject(new Error(`trialcore serve exited with ${code}: ${output}`)));
  });
}

async function signIn(page, username, password) {
  await page.fill('#field-username', username);
  await page.fill('#field-password', password);
  await page.click('button[type=submit]');
}

async function choosePassword(page, password) {
  await page.waitForSelector('text=Choose your password');
  await page.fill('#field-password', password);
  await page.fill('#field-again', password);
  await page.click('button[type=submit]');
}

async function addUser(page, username, role) {
  await page.fill('#field-username', username);
  await page.selectOption('#field-role', role);
  await page.click('button:has-text("Add")');
  const notice = await page.waitForSelector(`.notice-ok:has-text("${username}")`);
  return (await notice.textContent()).match(/one-time password\s*(\S+)/)[1];
}

test('an investigator sees the feasibility of the warehouse; a coordinator does not', async (t) => {
  if (!binary || !chromiumPath) {
    t.skip('set TRIALCORE_BINARY and TRIALCORE_CHROMIUM (scripts/test.sh does)');
    return;
  }
  const { chromium } = await import('playwright-core');
  mkdirSync(artifacts, { recursive: true });
  const directory = mkdtempSync(join(tmpdir(), 'trialcore-feasibility-'));
  const omop = `sqlite:${join(directory, 'omop.db')}`;
  execFileSync(binary, ['synth-omop', '--persons', '3000', '--seed', '11', '--out', omop]);
  // What the command line says for the same warehouse and date: the page must agree.
  const expected = JSON.parse(execFileSync(binary, ['prescreen', '--omop', omop, '--date', '2010-07-01', '--json'],
    { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 }));
  const expectedContacts = expected.persons.filter((person) => person.verdict === 'likely-eligible')
    .map((person) => String(person.person_id)).sort();

  const { server, url, password } = await startServer(directory, omop);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.setDefaultTimeout(60000);  // generous: CI machines have two cores
    const shot = (name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

    await page.goto(url);
    await signIn(page, 'admin', password);
    await choosePassword(page, 'administrator-password-1');
    await page.waitForSelector('h1:has-text("Patients")');
    await page.click('nav >> text=Users');
    const investigator = await addUser(page, 'dr.lee', 'investigator');
    const coordinator = await addUser(page, 'nurse.bo', 'coordinator');
    await page.click('text=Sign out');

    // The investigator pre-screens the warehouse as of 2010-07-01.
    await page.waitForSelector('text=Sign in');
    await signIn(page, 'dr.lee', investigator);
    await choosePassword(page, 'investigator-password-1');
    await page.waitForSelector('h1:has-text("Patients")');
    const first = page.waitForResponse((response) => response.url().includes('/api/feasibility'));
    await page.click('nav >> text=Feasibility');
    await first;  // the view's first answer (as of today), before the date is changed
    await page.fill('#form-feasibility #field-date', '2010-07-01');
    const answered = page.waitForResponse((response) => response.url().includes('/api/feasibility?date=2010-07-01'));
    await page.click('#form-feasibility button');
    const answer = await (await answered).json();
    await page.waitForSelector('#feasibility-summary:has-text("As of 2010-07-01")');
    await shot('feasibility-investigator');

    // The funnel: a row and a bar a criterion, each count as the API and the command line say.
    assert.equal(answer.persons, 3000);
    assert.deepEqual(answer.funnel, expected.funnel);
    assert.equal(await page.locator('#funnel tbody tr').count(), expected.funnel.length);
    assert.equal(await page.locator('#funnel-chart g[data-criterion]').count(), expected.funnel.length);
    for (const step of expected.funnel) {
      const cells = await page.locator(`#funnel tr[data-criterion="${step.criterion}"] td`).allTextContents();
      assert.deepEqual(cells, [step.criterion, String(step.pass), String(step.fail), String(step.unknown), String(step.remaining)]);
    }
    // The persons to contact: ids only, the same as the command line's likely eligible.
    const contacts = (await page.locator('#contacts li').allTextContents()).sort();
    assert.deepEqual(contacts, expectedContacts);
    assert.match(await page.textContent('#feasibility-summary'), new RegExp(`${expectedContacts.length} likely eligible`));
    await page.click('text=Sign out');

    // A coordinator: no such view, and the API refuses.
    await page.waitForSelector('text=Sign in');
    await signIn(page, 'nurse.bo', coordinator);
    await choosePassword(page, 'coordinator-password-1');
    await page.waitForSelector('h1:has-text("Patients")');
    assert.equal(await page.locator('nav >> text=Feasibility').count(), 0);
    const refused = await page.evaluate(async () => {
      const response = await fetch('/api/feasibility?date=2010-07-01');
      return { status: response.status, body: await response.json() };
    });
    assert.equal(refused.status, 403);
    assert.match(refused.body.error.message, /only an investigator/);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
});
