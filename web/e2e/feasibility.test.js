// The feasibility view in a real browser: `trialcore serve --omop` on a synthetic OMOP
// warehouse (trialcore synth-omop), Debian's Chromium driven by playwright-core. An
// investigator pre-screens the warehouse as of a date and sees the funnel, the counts per
// criterion and the persons to contact, the same as `trialcore prescreen` says; a
// coordinator has no such view and the API refuses it. Every wait is for a server answer
// or an element it produces, never for time. Screenshots go to test-artifacts/e2e/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifacts, binary, chromiumPath, startServer, launch, answered, addFirstUsers, firstSignIn, stopServer } from './support.js';

test('an investigator sees the feasibility of the warehouse; a coordinator does not', async (t) => {
  if (!binary || !chromiumPath) {
    t.skip('set TRIALCORE_BINARY and TRIALCORE_CHROMIUM (scripts/test.sh does)');
    return;
  }
  mkdirSync(artifacts, { recursive: true });
  const directory = mkdtempSync(join(tmpdir(), 'trialcore-feasibility-'));
  const omop = `sqlite:${join(directory, 'omop.db')}`;
  execFileSync(binary, ['synth-omop', '--persons', '3000', '--seed', '11', '--out', omop]);
  // What the command line says for the same warehouse and date: the page must agree.
  const expected = JSON.parse(execFileSync(binary, ['prescreen', '--omop', omop, '--date', '2010-07-01', '--json'],
    { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 }));
  const expectedContacts = expected.persons.filter((person) => person.verdict === 'likely-eligible')
    .map((person) => String(person.person_id)).sort();

  const { server, url, password } = await startServer(['--omop', omop]);
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.setDefaultTimeout(60000);  // generous: CI machines have two cores
    const shot = (name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

    const oneTime = await addFirstUsers(page, url, password, [['dr.lee', 'investigator'], ['nurse.bo', 'coordinator']]);

    // The investigator pre-screens the warehouse as of 2010-07-01.
    await firstSignIn(page, 'dr.lee', oneTime['dr.lee'], 'investigator-password-1');
    // The view's first answer (as of today) comes before the date is changed.
    await answered(page, 'GET', /^\/api\/feasibility$/, () => page.click('nav >> text=Feasibility'));
    await page.fill('#form-feasibility #field-date', '2010-07-01');
    const asked = await answered(page, 'GET', /^\/api\/feasibility$/, () => page.click('#form-feasibility button'));
    assert.equal(new URL(asked.url()).searchParams.get('date'), '2010-07-01');
    const answer = await asked.json();
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
    await answered(page, 'DELETE', /^\/api\/session$/, () => page.click('text=Sign out'));

    // A coordinator: no such view, and the API refuses.
    await firstSignIn(page, 'nurse.bo', oneTime['nurse.bo'], 'coordinator-password-1');
    assert.equal(await page.locator('nav >> text=Feasibility').count(), 0);
    const refused = await page.evaluate(async () => {
      const response = await fetch('/api/feasibility?date=2010-07-01');
      return { status: response.status, body: await response.json() };
    });
    assert.equal(refused.status, 403);
    assert.match(refused.body.error.message, /only an investigator/);
  } finally {
    await browser.close();
    await stopServer(server);
  }
});
