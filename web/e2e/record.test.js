// The record as a data manager signs off on it, in a real browser: a coordinator registers
// the contract's example patient through the form made from the protocol (the screening
// checklist beside it passes every criterion before anything is recorded), enrolls, and
// records a dose and a lab with a double-click (each written once; a send that failed on
// the way is sent again with the same Idempotency-Key); every value shows in the patient's
// tables; a lab is corrected with a reason and the history shows old -> new, who and why;
// and at 390 px the page does not scroll sideways. Every wait is for a server's answer or
// what only an answer puts on the page. Screenshots at 1280 and 390 px in test-artifacts/e2e/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserTest, artifacts, source, answered, addFirstUsers, firstSignIn, apiGet, consentAndEnroll } from './support.js';

const example = JSON.parse(readFileSync(join(source, 'tests', 'data', 'cases', 'screen', 'contract-example-eligible.json'), 'utf8')).files['patient.json'];

// Fills the registration form with a record, field by field, as a coordinator types it.
async function fillRegistration(page, record) {
  const form = '#form-register';
  await page.fill(`${form} [name="id"]`, record.id);
  for (const [name, value] of Object.entries(record)) {
    if (['id', 'observations', 'waivers'].includes(name)) continue;
    if (Array.isArray(value)) {
      for (const [index, entry] of value.entries()) {
        await page.click(`${form} button[data-add="${name}"]`);
        for (const [member, memberValue] of Object.entries(entry)) {
          await setControl(page, `${form} [name="${name}.${index}.${member}"]`, memberValue);
        }
      }
    } else if (value && typeof value === 'object') {
      await page.fill(`${form} [name="${name}.value"]`, String(value.value));
      await page.selectOption(`${form} [name="${name}.unit"]`, value.unit);
    } else {
      await setControl(page, `${form} [name="${name}"]`, value);
    }
  }
  for (const observation of record.observations) {
    const row = `${form} [data-observation="${observation.code}"]`;
    await setControl(page, `${row} [name="observation.${observation.code}.value"]`, observation.value);
    if (observation.unit) await page.selectOption(`${row} [name="observation.${observation.code}.unit"]`, observation.unit);
    if (observation.uln !== undefined) await page.fill(`${row} [name="observation.${observation.code}.uln"]`, String(observation.uln));
    await page.fill(`${row} [name="observation.${observation.code}.date"]`, observation.date);
  }
}

async function setControl(page, selector, value) {
  await page.waitForSelector(selector);  // an entry's fields appear once the view has rendered again
  const kind = await page.$eval(selector, (control) => control.tagName === 'SELECT' ? 'select' : control.type);
  if (kind === 'select') await page.selectOption(selector, value === null ? '' : String(value));
  else if (kind === 'checkbox') await page.setChecked(selector, Boolean(value));
  else await page.fill(selector, value === null ? '' : String(value));
}

browserTest('a coordinator registers through the form, records once, sees and corrects every value', async ({ url, password, browser }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(60000);  // generous: CI machines have two cores
  const shot = (name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  const oneTime = await addFirstUsers(page, url, password, [['nurse.ann', 'coordinator']]);
  await firstSignIn(page, 'nurse.ann', oneTime['nurse.ann'], 'coordinator-password-1');

  // The example patient through the form alone; the checklist beside it is a dry run.
  const posts = [];
  page.on('request', (request) => { if (request.method() === 'POST') posts.push(request); });
  await page.waitForSelector('#form-register');
  await page.fill('#form-register [name="as_of"]', '2010-07-02');
  await fillRegistration(page, example);
  const passes = (count) => page.waitForFunction((wanted) => document.querySelectorAll('#dry-run tr.result-pass').length === wanted, count);
  await passes(18);
  assert.equal(await page.textContent('#dry-run #verdict'), 'yes');
  assert.equal(posts.filter((request) => /^\/api\/patients$/.test(new URL(request.url()).pathname)).length, 0, 'nothing recorded yet');
  assert.deepEqual(await apiGet(page, '/api/patients'), []);
  assert.ok(posts.some((request) => /\/api\/screen$/.test(request.url())), 'the checklist is the server\'s dry run');
  await shot('register-checklist-1280');
  // A therapy ending before it starts: said beside that field, in words, never as a path.
  const end = '#form-register [name="therapies.0.end"]';
  await answered(page, 'POST', /^\/api\/screen$/, () => page.fill(end, '2010-01-01'));
  const beside = page.locator('#form-register [data-entry="therapies.0"] .field-error');
  await beside.waitFor();
  assert.match(await beside.textContent(), /start/);
  assert.doesNotMatch(await page.textContent('main'), /\$\./, 'no JSON path is shown');
  await page.fill(end, example.therapies[0].end);
  await passes(18);
  const registered = await answered(page, 'POST', /^\/api\/patients$/, () => page.dblclick('#form-register button[type=submit]'));
  assert.equal(registered.status(), 201, await registered.text());
  await page.waitForSelector('#status:has-text("registered")');
  assert.equal(posts.filter((request) => /^\/api\/patients$/.test(new URL(request.url()).pathname)).length, 1, 'registered once');
  assert.deepEqual((await apiGet(page, '/api/patients/MDA-0001')).record.therapies, example.therapies);

  // Consent and enrollment.
  await consentAndEnroll(page);

  // A double-click on the dose form: one request, one event.
  await page.fill('#form-doses #field-course', '1');
  await page.fill('#form-doses #field-day', '1');
  await page.selectOption('#form-doses #field-drug', 'inotuzumab');
  await page.fill('#form-doses #field-date', '2010-07-05');
  await page.fill('#form-doses #field-dose_mg', '2.29');
  await page.fill('#form-doses #field-infusion_minutes', '62');
  const dosed = await answered(page, 'POST', /\/doses$/, () => page.dblclick('#form-doses button[type=submit]'));
  assert.equal(dosed.status(), 201, await dosed.text());
  await page.waitForSelector('#form-doses .notice-ok');
  // The focus goes to the dose form's outcome (the view renders again around it first).
  await page.waitForFunction(() => document.activeElement?.closest('form')?.id === 'form-doses');
  const dosePosts = posts.filter((request) => /\/doses$/.test(request.url()));
  assert.equal(dosePosts.length, 1, 'a double-click sends one request');
  assert.match(dosePosts[0].headers()['idempotency-key'], /^[0-9a-f]{32}$/);
  let history = await apiGet(page, '/api/patients/MDA-0001/history');
  assert.equal(history.filter((event) => event.kind === 'dose-given').length, 1, 'a double-click writes one dose');

  // A lab whose first send fails on the way: sent again, it carries the same key and is written once.
  let failed = false;
  await page.route('**/api/patients/MDA-0001/observations', (route) => {
    if (failed) return route.continue();
    failed = true;
    return route.abort('connectionreset');
  });
  await page.selectOption('#form-observations #field-code', 'bilirubin');
  await page.fill('#form-observations #field-value', '1,1');
  await page.selectOption('#form-observations #field-unit', 'mg/dL');
  await page.fill('#form-observations #field-date', '2010-07-04');
  await page.click('#form-observations button[type=submit]');
  assert.match(await page.textContent('#form-observations .field-error'), /use a dot for decimals/);
  await page.fill('#form-observations #field-value', '1.1');
  await page.click('#form-observations button[type=submit]');
  await page.waitForSelector('#form-observations .notice-error:has-text("could not be reached")');
  const lab = await answered(page, 'POST', /\/observations$/, () => page.dblclick('#form-observations button[type=submit]'));
  assert.equal(lab.status(), 201, await lab.text());
  await page.waitForSelector('#form-observations .notice-ok');
  const labPosts = posts.filter((request) => /\/observations$/.test(request.url()));
  assert.equal(labPosts.length, 2, 'the failed send and the one sent again');
  assert.equal(labPosts[1].headers()['idempotency-key'], labPosts[0].headers()['idempotency-key'], 'sent again with the same key');
  history = await apiGet(page, '/api/patients/MDA-0001/history');
  assert.equal(history.filter((event) => event.kind === 'observation-recorded').length, 1, 'the lab is written once');

  // Height and weight, and a marrow assessment.
  await page.fill('#form-body #field-date', '2010-07-20');
  await page.fill('#form-body #field-height_cm', '170');
  await page.fill('#form-body #field-weight_kg', '71');
  assert.equal((await answered(page, 'POST', /\/body$/, () => page.click('#form-body button[type=submit]'))).status(), 201);
  await page.waitForSelector('#form-body .notice-ok');
  await page.fill('#form-marrow #field-course', '1');
  await page.fill('#form-marrow #field-date', '2010-08-01');
  await page.fill('#form-marrow #field-anc', '1.5');
  await page.fill('#form-marrow #field-platelets', '150');
  await page.fill('#form-marrow #field-marrow_blasts', '3');
  await page.selectOption('#form-marrow #field-extramedullary', 'absent');
  assert.equal((await answered(page, 'POST', /\/marrow$/, () => page.click('#form-marrow button[type=submit]'))).status(), 201);
  await page.waitForSelector('#form-marrow .notice-ok');

  // Every value shows: the lab with its unit, the surface area, the dose and who recorded it, the response.
  // The cells of a table's latest recorded row.
  const cells = async (table) => (await page.locator(`${table} tbody tr[data-sequence]`).last().locator('td').allTextContents()).map((text) => text.trim());
  const labRow = await cells('#labs');
  assert.deepEqual(labRow.slice(0, 4), ['2010-07-04', 'bilirubin', '1.1', 'mg/dL']);
  const bodyRow = await cells('#body');
  assert.deepEqual(bodyRow.slice(0, 4), ['2010-07-20', '170', '71', '1.83']);  // Mosteller: sqrt(170 * 71 / 3600) = 1.831
  const doseRow = await cells('#doses');
  assert.deepEqual(doseRow.slice(0, 3), ['1', '1', 'inotuzumab']);
  assert.equal(doseRow[5], '2.29 mg');
  assert.equal(doseRow[8], 'given without verification');  // the protocol requires a pharmacist's
  assert.equal(doseRow[9], 'nurse.ann');
  assert.match(await page.textContent('#marrow tbody tr[data-sequence]'), /CR/);
  await shot('record-values-1280');

  // A correction of the lab, with its reason; the history says old -> new, who, why.
  const labSequence = await page.getAttribute('#labs tbody tr[data-sequence]', 'data-sequence');
  await page.click(`#labs button[data-corrects="${labSequence}"]`);
  const correction = `#form-correct-${labSequence}`;
  await page.waitForSelector(correction);
  assert.equal(await page.inputValue(`${correction} [name=value]`), '1.1', 'the correction starts from what was recorded');
  await page.fill(`${correction} [name=value]`, '1.2');
  await page.fill(`${correction} [name=reason]`, 'transcribed from the wrong report');
  const corrected = await answered(page, 'POST', /^\/api\/corrections$/, () => page.dblclick(`${correction} button[type=submit]`));
  assert.equal(corrected.status(), 201, await corrected.text());
  await page.waitForSelector('#values .notice-ok');
  const change = page.locator('#history tr[data-kind="correction"]');
  assert.match(await change.textContent(), /nurse\.ann/);
  assert.match(await change.textContent(), /transcribed from the wrong report/);
  assert.match(await change.locator('.changes').textContent(), /value: 1\.1 -> 1\.2/);
  assert.equal((await cells('#labs'))[2], '1.2');
  assert.equal(posts.filter((request) => /\/api\/corrections$/.test(request.url())).length, 1);
  await shot('record-corrected-1280');

  // At a phone's width the page does not scroll sideways; wide tables scroll inside.
  await page.setViewportSize({ width: 390, height: 844 });
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
  assert.ok(widths.page <= widths.view, `the page is ${widths.page} px wide in a ${widths.view} px window`);
  await shot('record-values-390');
});
