// End to end in a real browser: `trialcore serve` on a fresh record, Debian's Chromium
// driven by playwright-core (headless). An administrator signs in with the one-time
// password, chooses a password, adds a coordinator; the coordinator registers a patient,
// screens, enrolls, records a dose, and sees the calendar and the dashboard change.
// Screenshots go to test-artifacts/e2e/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, '..', '..');
const artifacts = join(source, 'test-artifacts', 'e2e');
const binary = process.env.TRIALCORE_BINARY;
const chromiumPath = process.env.TRIALCORE_CHROMIUM;
const webRoot = process.env.TRIALCORE_WEB_ROOT || join(source, 'web', 'dist');

function startServer() {
  const directory = mkdtempSync(join(tmpdir(), 'trialcore-e2e-'));
  const server = spawn(binary, ['serve', '--store', join(directory, 'trial.db'), '--port', '0', '--web-root', webRoot, '--quiet'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
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
    setTimeout(() => reject(new Error(`trialcore serve did not start: ${output}`)), 15000);
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

test('a coordinator screens, enrolls and doses a patient in the browser', async (t) => {
  if (!binary || !chromiumPath) {
    t.skip('set TRIALCORE_BINARY and TRIALCORE_CHROMIUM (scripts/test.sh does)');
    return;
  }
  const { chromium } = await import('playwright-core');
  mkdirSync(artifacts, { recursive: true });
  const { server, url, password } = await startServer();
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(60000);  // generous: CI machines have two cores
    const shot = (name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

    // The administrator's first sign-in, and a coordinator added.
    await page.goto(url);
    await signIn(page, 'admin', password);
    await choosePassword(page, 'administrator-password-1');
    await page.waitForSelector('h1:has-text("Patients")');
    await page.click('nav >> text=Users');
    await page.fill('#field-username', 'nurse.ann');
    await page.selectOption('#field-role', 'coordinator');
    await page.click('button:has-text("Add")');
    const notice = await page.waitForSelector('.notice-ok');
    const oneTime = (await notice.textContent()).match(/one-time password\s*(\S+)/)[1];
    await shot('01-users');
    await page.click('text=Sign out');

    // The coordinator.
    await page.waitForSelector('text=Sign in');
    await signIn(page, 'nurse.ann', oneTime);
    await choosePassword(page, 'coordinator-password-1');
    await page.waitForSelector('h1:has-text("Patients")');
    const example = join(source, 'tests', 'data', 'cases', 'screen', 'contract-example-eligible.json');
    const record = JSON.parse(readFileSync(example, 'utf8')).files['patient.json'];
    await page.fill('textarea[name=record]', JSON.stringify(record));
    await page.click('button:has-text("Register")');
    await page.waitForSelector('#status:has-text("registered")');
    await shot('02-registered');

    // The screening checklist, recorded.
    await page.click('nav >> text=Screening');
    await page.selectOption('#field-patient', 'MDA-0001');
    await page.fill('form:has-text("Screen a registered patient") #field-date', '2010-07-02');
    await page.click('button:has-text("Screen and record")');
    await page.waitForSelector('#verdict');
    assert.equal(await page.textContent('#verdict'), 'yes');
    assert.equal(await page.locator('#checklist tr[data-criterion]').count(), 18);
    await shot('03-screening');

    // Consent and enrollment.
    await page.goto(`${url}#/patients/MDA-0001`);
    await page.fill('#form-consent #field-date', '2010-07-02');
    await page.click('#form-consent button');
    await page.waitForSelector('.notice-ok');
    await page.fill('#form-enrollment #field-date', '2010-07-05');
    await page.click('#form-enrollment button');
    await page.waitForSelector('#status:has-text("enrolled")');
    await page.waitForSelector('#calendar');
    assert.match(await page.textContent('#calendar'), /inotuzumab/);
    await shot('04-enrolled-calendar');

    // A dose, and the calendar shows it given.
    await page.fill('#form-doses #field-course', '1');
    await page.fill('#form-doses #field-day', '1');
    await page.selectOption('#form-doses #field-drug', 'inotuzumab');
    await page.fill('#form-doses #field-date', '2010-07-05');
    await page.fill('#form-doses #field-dose_mg', '2.29');
    await page.fill('#form-doses #field-infusion_minutes', '62');
    await page.click('#form-doses button');
    await page.waitForSelector('.notice-ok');
    await page.waitForSelector('#calendar .dose-given');
    assert.match(await page.textContent('#calendar .dose-given'), /given 2010-07-05: 2\.29 mg/);
    assert.match(await page.textContent('#history'), /dose-given/);
    await shot('05-dose-given');

    // The dashboard counts the treated patient.
    await page.click('nav >> text=Dashboard');
    await page.waitForSelector('#by-period');
    const overall = page.locator('#by-period tr[data-group="overall"] td');
    assert.equal(await overall.nth(2).textContent(), '1');
    await page.waitForSelector('svg[aria-label="Swimmer plot of courses and responses"]');
    assert.equal(await page.locator('.swimmer-row').count(), 1);
    await shot('06-dashboard');

    // The study record, in the registry's tabular style.
    await page.click('nav >> text=Study');
    await page.waitForSelector('text=Arms and interventions');
    assert.equal(await page.locator('ul.criteria li').count(), 18);
    await shot('07-study');
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    const code = server.exitCode ?? await new Promise((resolve) => server.on('exit', resolve));
    assert.equal(code, 0, 'trialcore serve stops cleanly on SIGTERM');
  }
});
