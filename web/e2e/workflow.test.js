// End to end in a real browser: `trialcore serve` on a fresh record, Debian's Chromium
// driven by playwright-core (headless). An administrator signs in with the one-time
// password, chooses a password, adds a coordinator; the coordinator registers a patient,
// screens, enrolls, records a dose, and sees the calendar and the dashboard change. A view
// rendered again while the user types keeps what was typed. The test waits for the server's
// answers (waitForResponse) or for what only an answer puts on the page, never for a time.
// Screenshots go to test-artifacts/e2e/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserTest, artifacts, source, answered, signIn, choosePassword, consentAndEnroll } from './support.js';

// The page's count of renderings (dom.js), to wait for the next one.
const renders = async (page) => Number(await page.getAttribute('#app', 'data-renders'));

browserTest('a coordinator screens, enrolls and doses a patient in the browser', async ({ url, password, browser }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(60000);  // generous: CI machines have two cores
  const shot = (name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  // The administrator's first sign-in, and a coordinator added.
  await answered(page, 'GET', /^\/api\/session$/, () => page.goto(url));
  await signIn(page, 'admin', password);
  await choosePassword(page, 'admin', 'administrator-password-1');
  await page.waitForSelector('h1:has-text("Patients")');
  await answered(page, 'GET', /^\/api\/users$/, () => page.click('nav >> text=Users'));
  await page.waitForSelector('#form-add-user');
  await page.fill('#field-username', 'nurse.ann');
  await page.selectOption('#field-role', 'coordinator');
  const created = await answered(page, 'POST', /^\/api\/users$/, () => page.click('button:has-text("Add")'));
  assert.equal(created.status(), 201);
  const notice = await page.waitForSelector('.notice-ok');
  const oneTime = (await notice.textContent()).match(/one-time password\s*(\S+)/)[1];
  await shot('01-users');
  await answered(page, 'DELETE', /^\/api\/session$/, () => page.click('text=Sign out'));

  // The coordinator.
  await signIn(page, 'nurse.ann', oneTime);
  await choosePassword(page, 'nurse.ann', 'coordinator-password-1');
  await page.waitForSelector('#form-register');
  await page.fill('#form-register [name="id"]', 'MDA-0001');
  await page.fill('#form-register [name="birth_date"]', '1975-03-14');
  // The view renders again (its data arrives again) while the form is filled: nothing is lost.
  const before = await renders(page);
  await answered(page, 'GET', /^\/api\/patients$/, () => page.evaluate(() => window.dispatchEvent(new HashChangeEvent('hashchange'))));
  await page.waitForFunction((count) => Number(document.getElementById('app').dataset.renders) > count, before);
  assert.equal(await page.inputValue('#form-register [name="id"]'), 'MDA-0001', 'what was typed survives a new rendering');
  assert.equal(await page.inputValue('#form-register [name="birth_date"]'), '1975-03-14');
  // A patient file is still registered as it is.
  const example = join(source, 'tests', 'data', 'cases', 'screen', 'contract-example-eligible.json');
  const record = JSON.stringify(JSON.parse(readFileSync(example, 'utf8')).files['patient.json']);
  await page.setInputFiles('#form-register-file input[type=file]', { name: 'patient.json', mimeType: 'application/json', buffer: Buffer.from(record) });
  page.once('dialog', (dialog) => dialog.accept());  // leaving the half-filled form asks first
  const registered = await answered(page, 'POST', /^\/api\/patients$/, () => page.click('#form-register-file button[type=submit]'));
  assert.equal(registered.status(), 201, await registered.text());
  await page.waitForSelector('#status:has-text("registered")');
  await shot('02-registered');

  // The screening checklist, recorded.
  await answered(page, 'GET', /^\/api\/patients$/, () => page.click('nav >> text=Screening'));
  await page.waitForSelector('#form-screen-registered option[value="MDA-0001"]', { state: 'attached' });
  await page.selectOption('#field-patient', 'MDA-0001');
  await page.fill('#form-screen-registered #field-date', '2010-07-02');
  const screened = await answered(page, 'POST', /\/screenings$/, () => page.click('button:has-text("Screen and record")'));
  assert.equal(screened.status(), 201);
  await page.waitForSelector('#verdict');
  assert.equal(await page.textContent('#verdict'), 'yes');
  assert.equal(await page.locator('#checklist tr[data-criterion]').count(), 18);
  await shot('03-screening');

  // Consent and enrollment.
  await answered(page, 'GET', /^\/api\/patients\/MDA-0001\/history$/, () => page.goto(`${url}#/patients/MDA-0001`));
  await page.waitForSelector('#form-consent');
  await consentAndEnroll(page);
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
  // Rendered again (the calendar arrives again) while the dose is typed: it is kept, and
  // the plan's prefill does not overwrite it.
  const typed = await renders(page);
  await answered(page, 'GET', /\/calendar$/, () => page.evaluate(() => window.dispatchEvent(new HashChangeEvent('hashchange'))));
  await page.waitForFunction((count) => Number(document.getElementById('app').dataset.renders) > count, typed);
  await page.waitForSelector('#calendar');  // the new calendar, and the prefill that follows it
  assert.equal(await page.inputValue('#form-doses #field-dose_mg'), '2.29');
  assert.equal(await page.inputValue('#form-doses #field-infusion_minutes'), '62');
  assert.equal((await answered(page, 'POST', /\/doses$/, () => page.click('#form-doses button'))).status(), 201);
  await page.waitForSelector('.notice-ok');
  await page.waitForSelector('#calendar .dose-given');
  assert.match(await page.textContent('#calendar .dose-given'), /given 2010-07-05: 2\.29 mg/);
  assert.match(await page.textContent('#history'), /dose-given/);
  await shot('05-dose-given');

  // The dashboard counts the treated patient.
  await answered(page, 'GET', /^\/api\/report$/, () => page.click('nav >> text=Dashboard'));
  await page.waitForSelector('#by-period');
  const overall = page.locator('#by-period tr[data-group="overall"] td');
  assert.equal(await overall.nth(2).textContent(), '1');
  await page.waitForSelector('svg[aria-label="Swimmer plot of courses and responses"]');
  assert.equal(await page.locator('.swimmer-row').count(), 1);
  // The survival axis in round months from 0.
  const months = await page.locator('text.km-month').allTextContents();
  assert.ok(months.length >= 2, `month ticks: ${months}`);
  assert.deepEqual(months, months.map((_, index) => String(index * Number(months[1]))));
  await shot('06-dashboard');

  // The study record, in the registry's tabular style.
  await page.click('nav >> text=Study');
  await page.waitForSelector('text=Arms and interventions');
  assert.equal(await page.locator('ul.criteria li').count(), 18);
  await shot('07-study');
});
