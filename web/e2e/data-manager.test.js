// What a data manager signs off on, in a real browser. A coordinator voids a lab and a dose
// from the patient's tables with a reason (one request for a double-click): the rows leave
// the tables and the state, the voids are listed with who and why, and the history shows the
// voided values struck through and the original event marked. The registered record is
// corrected from its table, the history saying old -> new. A pharmacist sees no Void. An
// investigator opens a period from the study page (the server lets investigators), a
// coordinator does not see the form. The dashboard lists a dose given without a pharmacist's
// verification until the pharmacist verifies it from the patient's page. Every wait is for a
// server's answer or what only an answer puts on the page. Screenshots at 1280 and 390 px.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserTest, artifacts, source, answered, signIn, choosePassword, apiGet, apiPost } from './support.js';

const example = JSON.parse(readFileSync(join(source, 'tests', 'data', 'cases', 'screen', 'contract-example-eligible.json'), 'utf8')).files['patient.json'];

// The administrator's first sign-in and the users the test needs: each one's one-time password.
async function setUp(browser, url, password, users) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(60000);
  await answered(page, 'GET', /^\/api\/session$/, () => page.goto(url));
  await signIn(page, 'admin', password);
  await choosePassword(page, 'admin', 'administrator-password-1');
  const passwords = {};
  for (const [username, role] of users) {
    const created = await apiPost(page, '/api/users', { username, role });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    passwords[username] = created.body.password;
  }
  await page.close();
  return passwords;
}

// A user's own browser (cookies of their own), signed in with a password of their choosing.
async function as(browser, url, username, oneTime) {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.setDefaultTimeout(60000);  // generous: CI machines have two cores
  await answered(page, 'GET', /^\/api\/session$/, () => page.goto(url));
  await signIn(page, username, oneTime);
  await choosePassword(page, username, `${username}-password-1`);
  return page;
}

// The example patient registered, consented and enrolled through the API, with a dose given
// without a pharmacist's verification: the dose's event.
async function enrolledWithADose(page, id) {
  const post = async (path, body) => {
    const answer = await apiPost(page, path, body);
    assert.equal(answer.status, 201, `${path}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  await post('/api/patients', { record: { ...example, id } });
  await post(`/api/patients/${id}/consent`, { date: '2010-07-02' });
  await post(`/api/patients/${id}/enrollment`, { date: '2010-07-05' });
  return (await post(`/api/patients/${id}/doses`, { course: 1, day: 1, drug: 'inotuzumab', date: '2010-07-05', dose_mg: 2.29, infusion_minutes: 62 })).sequence;
}

async function openPatient(page, url, id) {
  await answered(page, 'GET', new RegExp(`^/api/patients/${id}/history$`), () => page.goto(`${url}#/patients/${id}`));
  await page.waitForSelector('#values');
}

async function noSidewaysScroll(page) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
  assert.ok(widths.page <= widths.view, `the page is ${widths.page} px wide in a ${widths.view} px window`);
}

browserTest('a coordinator voids a lab and a dose and corrects the registered record from the page', async ({ url, password, browser }) => {
  const passwords = await setUp(browser, url, password, [['nurse.ann', 'coordinator'], ['pharm.pat', 'pharmacist']]);
  const page = await as(browser, url, 'nurse.ann', passwords['nurse.ann']);
  const shot = (name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
  const dose = await enrolledWithADose(page, 'MDA-0001');
  const lab = (await apiPost(page, '/api/patients/MDA-0001/observations', { code: 'bilirubin', value: 1.1, unit: 'mg/dL', date: '2010-07-04' })).body.sequence;
  const posts = [];
  page.on('request', (request) => { if (request.method() === 'POST') posts.push(request); });
  await openPatient(page, url, 'MDA-0001');

  // The lab voided with its reason: a double-click sends one request.
  await page.click(`#labs button[data-voids="${lab}"]`);
  const form = `#form-void-${lab}`;
  await page.waitForSelector(form);
  await page.fill(`${form} [name=reason]`, 'another patient\'s sample');
  const voided = await answered(page, 'POST', /^\/api\/voids$/, () => page.dblclick(`${form} button[type=submit]`));
  assert.equal(voided.status(), 201, await voided.text());
  const voidEvent = (await voided.json()).sequence;
  await page.waitForSelector('#values .notice-ok');
  assert.equal(posts.filter((request) => /\/api\/voids$/.test(request.url())).length, 1, 'a double-click voids once');
  assert.equal(await page.locator(`#labs tr[data-sequence="${lab}"]`).count(), 0, 'the voided lab leaves its table');
  const listed = await page.textContent(`#voids li[data-voids="${lab}"]`);
  assert.match(listed, /nurse\.ann/);
  assert.match(listed, /another patient's sample/);
  const entry = page.locator(`#history tr[data-sequence="${voidEvent}"]`);
  assert.equal(await entry.getAttribute('data-kind'), 'void');
  assert.match(await entry.textContent(), /nurse\.ann/);
  assert.match(await entry.textContent(), /another patient's sample/);
  assert.match(await entry.locator('.changes').textContent(), /value: 1\.1 -> \(void\)/);
  assert.match(await page.textContent(`#history tr[data-sequence="${lab}"]`), new RegExp(`voided by event ${voidEvent}`));
  let patient = await apiGet(page, '/api/patients/MDA-0001');
  assert.deepEqual(patient.observations, []);
  assert.equal(patient.derived.latest_observations.bilirubin.value, 0.8, 'the registered record\'s bilirubin again');

  // The dose voided: no longer given.
  await page.click(`#doses button[data-voids="${dose}"]`);
  await page.fill(`#form-void-${dose} [name=reason]`, 'entered for the wrong patient');
  const doseVoided = await answered(page, 'POST', /^\/api\/voids$/, () => page.click(`#form-void-${dose} button[type=submit]`));
  assert.equal(doseVoided.status(), 201, await doseVoided.text());
  await page.waitForSelector(`#voids li[data-voids="${dose}"]`);
  assert.equal(await page.locator('#doses tr[data-sequence]').count(), 0);
  patient = await apiGet(page, '/api/patients/MDA-0001');
  assert.deepEqual(patient.doses, []);
  assert.equal(patient.derived.courses_given, 0);
  await shot('void-1280');

  // The registered record corrected from its table; the history says old -> new, who, why.
  await page.click('button.correct-record');
  const record = '#form-correct-record';
  await page.waitForSelector(record);
  assert.equal(await page.inputValue(`${record} [name=zubrod]`), '1', 'the correction starts from what was registered');
  await page.fill(`${record} [name=zubrod]`, '0');
  await page.fill(`${record} [name=reason]`, 'performance status misread from the clinic note');
  const corrected = await answered(page, 'POST', /^\/api\/corrections$/, () => page.dblclick(`${record} button[type=submit]`));
  assert.equal(corrected.status(), 201, await corrected.text());
  await page.waitForSelector('#values .notice-ok');
  patient = await apiGet(page, '/api/patients/MDA-0001');
  assert.equal(patient.record.zubrod, 0);
  assert.deepEqual(patient.record.therapies, example.therapies, 'the lists stay as registered');
  const change = page.locator(`#history tr[data-sequence="${(await corrected.json()).sequence}"]`);
  assert.match(await change.textContent(), /nurse\.ann/);
  assert.match(await change.textContent(), /performance status misread/);
  assert.match(await change.locator('.changes').textContent(), /zubrod: 1 -> 0/);
  assert.equal(posts.filter((request) => /\/api\/corrections$/.test(request.url())).length, 1);
  await shot('record-corrected-registration-1280');

  await page.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(page);
  await shot('void-390');

  // A pharmacist reads the values but neither voids nor corrects them.
  const pharmacist = await as(browser, url, 'pharm.pat', passwords['pharm.pat']);
  await openPatient(pharmacist, url, 'MDA-0001');
  assert.equal(await pharmacist.locator('#values button.void, #values button.correct').count(), 0);
  assert.match(await pharmacist.textContent('#voids'), /entered for the wrong patient/);
});

browserTest('an investigator opens a period from the page; a dose given unverified needs attention until verified', async ({ url, password, browser }) => {
  const passwords = await setUp(browser, url, password,
    [['nurse.ann', 'coordinator'], ['dr.lee', 'investigator'], ['pharm.pat', 'pharmacist']]);

  // The dose given without a pharmacist's verification is on the dashboard's list.
  const nurse = await as(browser, url, 'nurse.ann', passwords['nurse.ann']);
  const dose = await enrolledWithADose(nurse, 'MDA-0002');
  await answered(nurse, 'GET', /^\/api\/report$/, () => nurse.click('nav >> text=Dashboard'));
  const item = `#unverified-doses li[data-sequence="${dose}"]`;
  await nurse.waitForSelector(item);
  assert.equal(await nurse.getAttribute(item, 'data-patient'), 'MDA-0002');
  assert.match(await nurse.textContent(item), /inotuzumab, course 1 day 1, given 2010-07-05 without a pharmacist's verification/);
  await nurse.screenshot({ path: join(artifacts, 'dashboard-unverified-1280.png'), fullPage: true });
  await nurse.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(nurse);
  await nurse.screenshot({ path: join(artifacts, 'dashboard-unverified-390.png'), fullPage: true });
  // A coordinator may not open periods: the study page has no form for it.
  await answered(nurse, 'GET', /^\/api\/session$/, () => nurse.click('nav >> text=Study'));
  await nurse.waitForSelector('h2:has-text("Primary outcome")');
  assert.equal(await nurse.locator('#form-period').count(), 0);

  // The pharmacist verifies it afterwards from the patient's page: it leaves the list.
  const pharmacist = await as(browser, url, 'pharm.pat', passwords['pharm.pat']);
  await openPatient(pharmacist, url, 'MDA-0002');
  const verify = '#form-dose-verifications';
  await pharmacist.fill(`${verify} #field-course`, '1');
  await pharmacist.fill(`${verify} #field-day`, '1');
  await pharmacist.selectOption(`${verify} #field-drug`, 'inotuzumab');
  await pharmacist.fill(`${verify} #field-dose_mg`, '2.29');
  const verified = await answered(pharmacist, 'POST', /\/dose-verifications$/, () => pharmacist.click(`${verify} button[type=submit]`));
  assert.equal(verified.status(), 201, await verified.text());
  await pharmacist.waitForSelector(`${verify} .notice-ok`);
  await answered(pharmacist, 'GET', /^\/api\/report$/, () => pharmacist.click('nav >> text=Dashboard'));
  await pharmacist.waitForSelector('#attention p:has-text("Every dose given was verified by a pharmacist.")');
  assert.equal(await pharmacist.locator('#unverified-doses').count(), 0);
  const given = (await apiGet(pharmacist, '/api/patients/MDA-0002')).doses[0];
  assert.equal(given.verified_after, 'pharm.pat');
  assert.equal(given.unverified, true, 'it was given without a verification');
  await pharmacist.screenshot({ path: join(artifacts, 'dashboard-verified-1280.png'), fullPage: true });

  // The investigator opens period 2 from the study page.
  const investigator = await as(browser, url, 'dr.lee', passwords['dr.lee']);
  await answered(investigator, 'GET', /^\/api\/periods$/, () => investigator.click('nav >> text=Study'));
  await investigator.waitForSelector('#form-period');
  await investigator.selectOption('#form-period #field-period', 'period-2');
  await investigator.selectOption('#form-period #field-change', 'opening');
  const opened = await answered(investigator, 'POST', /^\/api\/periods\/period-2\/opening$/, () => investigator.click('#form-period button[type=submit]'));
  assert.equal(opened.status(), 201, await opened.text());
  await investigator.waitForSelector('#periods .notice-ok');
  assert.equal(await investigator.textContent('tr[data-period="period-2"] .period-open'), 'open');
  await investigator.screenshot({ path: join(artifacts, 'periods-investigator-1280.png'), fullPage: true });
  await investigator.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(investigator);
  await investigator.screenshot({ path: join(artifacts, 'periods-investigator-390.png'), fullPage: true });
});
