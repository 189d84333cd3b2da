// Adverse events in a real browser: a patient enrolled and dosed on the command line (the
// same store the server serves); a coordinator records a fever from the patient's page, with
// no attribution or seriousness to sign; an investigator records a serious event with its
// attribution; the Safety view shows it on its reporting clock and the safety report counts
// both; the fever, recorded for the wrong patient, is voided from the patient's page and
// leaves the report. Every wait is for a server answer or for what only an answer shows.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserTest, artifacts, binary, source, answered, signIn, choosePassword, addUser, apiGet } from './support.js';

// The contract's example patient, enrolled on 2010-07-05 and given course 1's first dose as
// planned (1.3 mg/m2 x 1.69 m2).
function enrollOnTheCommandLine(store) {
  const example = join(source, 'tests', 'data', 'cases', 'screen', 'contract-example-eligible.json');
  const file = join(mkdtempSync(join(tmpdir(), 'trialcore-safety-')), 'patient.json');
  writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(example, 'utf8')).files['patient.json']));
  const run = (...args) => execFileSync(binary, [...args, '--store', store, '--user', 'nurse.ann'], { stdio: ['ignore', 'pipe', 'pipe'] });
  run('register', file);
  run('consent', 'MDA-0001', '--date', '2010-07-02');
  run('enroll', 'MDA-0001', '--date', '2010-07-05');
  run('record-dose', 'MDA-0001', '--course', '1', '--day', '1', '--drug', 'inotuzumab', '--date', '2010-07-05',
    '--dose-mg', '2.19', '--infusion-minutes', '62');
}

async function signOut(page) {
  await answered(page, 'DELETE', /^\/api\/session$/, () => page.click('text=Sign out'));
}

browserTest('adverse events are recorded from the patient page and counted on the Safety view', async ({ url, password, store, browser }) => {
  enrollOnTheCommandLine(store);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(60000);
  await answered(page, 'GET', /^\/api\/session$/, () => page.goto(url));
  await signIn(page, 'admin', password);
  await choosePassword(page, 'admin', 'administrator-password-1');
  await answered(page, 'GET', /^\/api\/users$/, () => page.click('nav >> text=Users'));
  const nurse = await addUser(page, 'nurse.bea', 'coordinator');
  const doctor = await addUser(page, 'dr.lee', 'investigator');
  await signOut(page);

  // The coordinator: a fever, grade 2; seriousness and attribution are not the coordinator's.
  await signIn(page, 'nurse.bea', nurse);
  await choosePassword(page, 'nurse.bea', 'coordinator-password-1');
  await answered(page, 'GET', /^\/api\/patients\/MDA-0001\/history$/, () => page.goto(`${url}#/patients/MDA-0001`));
  await page.waitForSelector('#form-adverse-events');
  assert.equal(await page.locator('#form-adverse-events input[name=serious]').count(), 0);
  assert.equal(await page.locator('#form-adverse-events select[name^=attribution]').count(), 0);
  await page.selectOption('#form-adverse-events #field-term', 'Fever');
  await page.selectOption('#form-adverse-events #field-grade', '2');
  await page.fill('#form-adverse-events #field-start', '2010-07-08');
  await page.selectOption('#form-adverse-events #field-outcome', 'recovered');
  const fever = await answered(page, 'POST', /\/adverse-events$/, () => page.click('#form-adverse-events button[type=submit]'));
  assert.equal(fever.status(), 201, await fever.text());
  const feverEvent = (await fever.json()).sequence;
  await page.waitForSelector('#adverse-events tr:has-text("Fever")');
  await signOut(page);

  // The investigator: a serious event, attributed; its answer gives the reporting deadline.
  await signIn(page, 'dr.lee', doctor);
  await choosePassword(page, 'dr.lee', 'investigator-password-1');
  await answered(page, 'GET', /^\/api\/patients\/MDA-0001\/history$/, () => page.goto(`${url}#/patients/MDA-0001`));
  await page.waitForSelector('#form-adverse-events input[name=serious]');
  await page.selectOption('#form-adverse-events #field-term', 'Hypotension');
  await page.selectOption('#form-adverse-events #field-grade', '3');
  await page.fill('#form-adverse-events #field-start', '2010-07-09');
  await page.selectOption('#form-adverse-events #field-outcome', 'recovering');
  await page.check('#form-adverse-events input[name=serious][value=hospitalization]');
  await page.selectOption('#form-adverse-events #field-attribution-inotuzumab', 'possible');
  const serious = await answered(page, 'POST', /\/adverse-events$/, () => page.click('#form-adverse-events button[type=submit]'));
  assert.equal(serious.status(), 201, await serious.text());
  assert.ok((await serious.json()).report_by, 'a serious event is given its reporting deadline');
  await page.waitForSelector('#adverse-events tr:has-text("Hypotension")');
  const patient = await apiGet(page, '/api/patients/MDA-0001');
  assert.deepEqual(patient.adverse_events.map((event) => [event.term, event.grade]), [['Fever', 2], ['Hypotension', 3]]);
  assert.equal(patient.adverse_events[1].signature.by, 'dr.lee');

  // The Safety view: the serious event on its clock, both events in the report.
  await answered(page, 'GET', /^\/api\/safety-report$/, () => page.click('nav >> text=Safety'));
  await page.waitForSelector('#serious-events tr:has-text("Hypotension")');
  assert.match(await page.textContent('#serious-events'), /MDA-0001/);
  const report = await page.textContent('#safety-report');
  assert.match(report, /Fever/);
  assert.match(report, /Hypotension/);
  // All periods: one patient with hypotension at grade 3, serious.
  const overall = page.locator('#safety-report table[data-group="overall"] tr:has-text("Hypotension") td');
  assert.deepEqual(await overall.allTextContents(), ['Hypotension', 'Vascular disorders', '1', '0', '1', '0', '0', '1']);
  await page.screenshot({ path: join(artifacts, 'safety-1280.png'), fullPage: true });

  // The fever was another patient's: the investigator voids it from the patient's page,
  // with the reason; it leaves the patient's events and the report.
  await answered(page, 'GET', /^\/api\/patients\/MDA-0001\/history$/, () => page.goto(`${url}#/patients/MDA-0001`));
  await page.click(`#adverse-events button[data-voids="${feverEvent}"]`);
  await page.fill(`#form-void-${feverEvent} input[name=reason]`, 'recorded for the wrong patient');
  const voided = await answered(page, 'POST', /^\/api\/voids$/, () => page.click(`#form-void-${feverEvent} button[type=submit]`));
  assert.equal(voided.status(), 201, await voided.text());
  await page.waitForSelector(`#voids li[data-voids="${feverEvent}"]`);
  assert.equal(await page.locator('#adverse-events tr:has-text("Fever")').count(), 0, 'the voided fever leaves the table');
  assert.match(await page.textContent(`#voids li[data-voids="${feverEvent}"]`), /dr\.lee.*recorded for the wrong patient/);
  const after = await apiGet(page, '/api/patients/MDA-0001');
  assert.deepEqual(after.adverse_events.map((event) => event.term), ['Hypotension']);
  await answered(page, 'GET', /^\/api\/safety-report$/, () => page.click('nav >> text=Safety'));
  await page.waitForSelector('#serious-events tr:has-text("Hypotension")');
  assert.doesNotMatch(await page.textContent('#safety-report'), /Fever/);
});
