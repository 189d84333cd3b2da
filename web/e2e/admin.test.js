// The administrator's screens in a real browser: a coordinator added, deactivated (their
// sign-in is then refused as a wrong password is), activated again, their password reset
// (the old one-time password no longer works, the new one does and asks for a password of
// their own); the record verified, its head the one the command line reads from the same
// store; a period opened. Every wait is for a server answer or for what only an answer shows.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { browserTest, artifacts, binary, answered, signIn, choosePassword, addUser, apiGet } from './support.js';

// A sign-in the server refuses: its status, and the page still asks to sign in.
async function refusedSignIn(page, username, password) {
  await page.waitForSelector('#form-sign-in');
  await page.fill('#field-username', username);
  await page.fill('#field-password', password);
  const answer = await answered(page, 'POST', /^\/api\/session$/, () => page.click('button[type=submit]'));
  await page.waitForSelector('#form-sign-in .notice-error');
  return answer.status();
}

browserTest('the administrator deactivates, activates and resets a user, verifies the record and opens a period', async ({ url, password, store, browser }) => {
  const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  admin.setDefaultTimeout(60000);
  await answered(admin, 'GET', /^\/api\/session$/, () => admin.goto(url));
  await signIn(admin, 'admin', password);
  await choosePassword(admin, 'admin', 'administrator-password-1');
  await answered(admin, 'GET', /^\/api\/users$/, () => admin.click('nav >> text=Users'));
  const first = await addUser(admin, 'nurse.cole', 'coordinator');
  const row = 'tr[data-user="nurse.cole"]';
  assert.equal(await admin.textContent(`${row} .user-active`), 'active');
  assert.equal(await admin.locator('tr[data-user="admin"] form').count(), 0, 'the administrator acts on other users only');

  // Deactivated: the coordinator's sign-in is refused (its own browser, its own cookies).
  await admin.fill(`${row} input[name=reason]`, 'on leave until March');
  const off = await answered(admin, 'POST', /^\/api\/users\/nurse\.cole\/deactivation$/, () => admin.click(`${row} button:has-text("Deactivate")`));
  assert.equal(off.status(), 200, await off.text());
  assert.deepEqual(await off.json(), { username: 'nurse.cole', active: false });
  await admin.waitForSelector(`${row} .user-active:has-text("deactivated")`);
  const coordinator = await (await browser.newContext()).newPage();
  coordinator.setDefaultTimeout(60000);
  await answered(coordinator, 'GET', /^\/api\/session$/, () => coordinator.goto(url));
  assert.equal(await refusedSignIn(coordinator, 'nurse.cole', first), 401, 'a deactivated user cannot sign in');

  // Activated again, then a new one-time password: the first one stops working.
  await admin.fill(`${row} input[name=reason]`, 'back from leave');
  const on = await answered(admin, 'POST', /^\/api\/users\/nurse\.cole\/activation$/, () => admin.click(`${row} button:has-text("Activate")`));
  assert.equal(on.status(), 200, await on.text());
  await admin.waitForSelector(`${row} .user-active:text-is("active")`);
  const reset = await answered(admin, 'POST', /^\/api\/users\/nurse\.cole\/password-reset$/, () => admin.click(`${row} button:has-text("Reset password")`));
  assert.equal(reset.status(), 201, await reset.text());
  const shown = await admin.waitForSelector('.notice-ok:has-text("new one-time password")');
  const second = (await shown.textContent()).match(/new one-time password\s*(\S+)/)[1];
  assert.equal(second, (await reset.json()).password, 'the page shows the password the server gave');
  assert.notEqual(second, first);
  assert.equal(await refusedSignIn(coordinator, 'nurse.cole', first), 401, 'the first one-time password no longer works');
  await signIn(coordinator, 'nurse.cole', second);
  await choosePassword(coordinator, 'nurse.cole', 'coordinator-password-1');
  const users = await apiGet(admin, '/api/users');
  assert.equal(users.find((user) => user.username === 'nurse.cole').active, true);

  // The record's verification: ok, its events, and the head the command line reads.
  const verify = await answered(admin, 'GET', /^\/api\/verify$/, () => admin.click('button:has-text("Verify the record")'));
  assert.equal(verify.status(), 200);
  const answer = await verify.json();
  assert.equal(answer.ok, true);
  const head = await admin.textContent('#verification .verification-head');
  assert.match(head, /^\d+:[0-9a-f]{64}$/);
  assert.equal(head, answer.head);
  assert.equal(Number(await admin.textContent('#verification .verification-events')), answer.events);
  const cli = JSON.parse(execFileSync(binary, ['verify', '--store', store, '--json', '--expect-head', head], { encoding: 'utf8' }));
  assert.equal(cli.head, head, 'the page shows the head of the log on disk');

  // A period opened on today's date: the table marks it open.
  await admin.selectOption('#field-period', 'period-2');
  await admin.selectOption('#field-change', 'opening');
  const opened = await answered(admin, 'POST', /^\/api\/periods\/period-2\/opening$/, () => admin.click('#form-period button[type=submit]'));
  assert.equal(opened.status(), 201, await opened.text());
  await admin.waitForSelector('tr[data-period="period-2"] .period-open:text-is("open")');
  assert.equal(await admin.textContent('tr[data-period="period-1"] .period-open'), '');
  await admin.screenshot({ path: join(artifacts, 'admin-1280.png'), fullPage: true });
});
