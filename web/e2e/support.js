// What the browser tests share: `trialcore serve` on a fresh record, Debian's Chromium
// (headless, through playwright-core), and waits that end on the server's answers.
import { test } from 'node:test';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));
export const source = join(here, '..', '..');
export const artifacts = join(source, 'test-artifacts', 'e2e');
export const binary = process.env.TRIALCORE_BINARY;
export const chromiumPath = process.env.TRIALCORE_CHROMIUM;
const webRoot = process.env.TRIALCORE_WEB_ROOT || join(source, 'web', 'dist');

// `options` are more of serve's options (['--omop', URL]).
export function startServer(options = []) {
  const directory = mkdtempSync(join(tmpdir(), 'trialcore-e2e-'));
  const server = spawn(binary, ['serve', '--store', join(directory, 'trial.db'), '--port', '0', '--web-root', webRoot, '--quiet',
    ...options], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    server.stdout.on('data', (chunk) => {
      output += chunk;
      const url = output.match(/running at (http:\/\/[^\s]+)/);
      const password = output.match(/one-time password: (\S+)/);
      if (url && password) resolve({ server, url: url[1], password: password[1], store: join(directory, 'trial.db') });
    });
    server.stderr.on('data', (chunk) => process.stderr.write(chunk));
    server.on('exit', (code) => reject(new Error(`trialcore serve exited with ${code}: ${output}`)));
  });
}

export async function launch() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// Does `action` and waits for the server's answer to `method` on a path matching `path`.
export async function answered(page, method, path, action) {
  const [response] = await Promise.all([
    page.waitForResponse((answer) => answer.request().method() === method && path.test(new URL(answer.url()).pathname)),
    action(),
  ]);
  return response;
}

// On a registered patient's page: consent on 2010-07-02 and enrollment on 2010-07-05 through
// their forms, each answered 201, until the page shows the patient enrolled.
export async function consentAndEnroll(page) {
  await page.fill('#form-consent #field-date', '2010-07-02');
  assert.equal((await answered(page, 'POST', /\/consent$/, () => page.click('#form-consent button'))).status(), 201);
  await page.waitForSelector('.notice-ok');
  await page.waitForSelector('#form-enrollment');
  await page.fill('#form-enrollment #field-date', '2010-07-05');
  assert.equal((await answered(page, 'POST', /\/enrollment$/, () => page.click('#form-enrollment button'))).status(), 201);
  await page.waitForSelector('#status:has-text("enrolled")');
}

export async function signIn(page, username, password) {
  await page.waitForSelector('#form-sign-in');
  await page.fill('#field-username', username);
  await page.fill('#field-password', password);
  const answer = await answered(page, 'POST', /^\/api\/session$/, () => page.click('button[type=submit]'));
  assert.equal(answer.status(), 200, `${username} signs in`);
}

export async function choosePassword(page, username, password) {
  await page.waitForSelector('#form-choose-password');
  await page.fill('#field-password', password);
  await page.fill('#field-again', password);
  const answer = await answered(page, 'POST', new RegExp(`^/api/users/${username.replace('.', '\\.')}/password$`),
    () => page.click('button[type=submit]'));
  assert.equal(answer.status(), 200, `${username} chooses a password`);
  // The page then goes to the list of patients by itself: a navigation made before it lands
  // would be overtaken by it.
  await page.waitForSelector('h1:has-text("Patients")');
}

// An administrator adds a user; the one-time password the page shows once.
export async function addUser(page, username, role) {
  await page.fill('#field-username', username);
  await page.selectOption('#field-role', role);
  const created = await answered(page, 'POST', /^\/api\/users$/, () => page.click('button:has-text("Add")'));
  assert.equal(created.status(), 201);
  const notice = await page.waitForSelector(`.notice-ok:has-text("${username}")`);
  return (await notice.textContent()).match(/one-time password\s*(\S+)/)[1];
}

// The administrator's first sign-in (choosing a password), then `users` ([[username, role]])
// added and signed out: the users' one-time passwords by username.
export async function addFirstUsers(page, url, password, users) {
  await answered(page, 'GET', /^\/api\/session$/, () => page.goto(url));
  await signIn(page, 'admin', password);
  await choosePassword(page, 'admin', 'administrator-password-1');
  await answered(page, 'GET', /^\/api\/users$/, () => page.click('nav >> text=Users'));
  const oneTime = {};
  for (const [username, role] of users) oneTime[username] = await addUser(page, username, role);
  await answered(page, 'DELETE', /^\/api\/session$/, () => page.click('text=Sign out'));
  return oneTime;
}

// A user's first sign-in: the one-time password, then their own; ends on the patients.
export async function firstSignIn(page, username, oneTime, password) {
  await signIn(page, username, oneTime);
  await choosePassword(page, username, password);
}

// A read of the API from inside the signed-in page (its cookie), for what the test checks.
export function apiGet(page, path) {
  return page.evaluate(async (target) => (await fetch(target)).json(), path);
}

// A write to the API from inside the signed-in page (its cookie and CSRF token), for what a
// test sets up rather than tries: the answer's status and body.
export function apiPost(page, path, body) {
  return page.evaluate(async ([target, content]) => {
    const session = await (await fetch('/api/session')).json();
    const answer = await fetch(target, { method: 'POST', body: JSON.stringify(content),
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token } });
    return { status: answer.status, body: await answer.json() };
  }, [path, body]);
}

export async function stopServer(server) {
  server.kill('SIGTERM');
  const code = server.exitCode ?? await new Promise((resolve) => server.on('exit', resolve));
  assert.equal(code, 0, 'trialcore serve stops cleanly on SIGTERM');
}

// A test in the browser against a fresh `trialcore serve`: skipped without the program or the
// browser, and the browser and the server stopped however it ends. `body` gets the started
// server's { url, password, store } and the browser.
export function browserTest(name, body) {
  test(name, async (t) => {
    if (!binary || !chromiumPath) {
      t.skip('set TRIALCORE_BINARY and TRIALCORE_CHROMIUM (scripts/test.sh does)');
      return;
    }
    mkdirSync(artifacts, { recursive: true });
    const { server, ...started } = await startServer();
    const browser = await launch();
    try {
      await body({ ...started, browser });
    } finally {
      await browser.close();
      await stopServer(server);
    }
  });
}
