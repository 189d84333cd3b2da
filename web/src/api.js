// The API's client: JSON in and out, the session's CSRF token on every write, an
// Idempotency-Key on every POST (the caller's, when a submission is retried), and errors as
// exceptions that carry the server's message, field path, reasons and whole answer.

let csrfToken = '';
export let currentUser = null;

// Whether the signed-in user's role may take `action` ("correct", "manage-periods"): the
// session's answer names them (docs/api.md), so the page offers what the server allows.
export const may = (action) => Boolean(currentUser && (currentUser.may || []).includes(action));

export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `the server answered ${status}`);
    this.status = status;
    this.path = error.path || '';
    this.reasons = (body && body.reasons) || [];
    this.body = body || {};
  }
}

// A key no other submission shares: 128 random bits, hex. getRandomValues works on plain
// http too, where randomUUID does not.
export function freshKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function request(method, path, body, idempotencyKey, contentType = 'application/json') {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = contentType;
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (method === 'POST') headers['Idempotency-Key'] = idempotencyKey || freshKey();
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { error: { message: `the server answered ${response.status}` } };
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body, idempotencyKey) => request('POST', path, body, idempotencyKey),
  // A FHIR R4 Bundle as its file says it (docs/fhir.md).
  postFhir: (path, text, idempotencyKey) => request('POST', path, text, idempotencyKey, 'application/fhir+json'),
  async signIn(username, password) {
    const session = await request('POST', '/api/session', { username, password });
    csrfToken = session.csrf_token;
    currentUser = session.user;
    return session;
  },
  async resume() {
    try {
      const session = await request('GET', '/api/session');
      csrfToken = session.csrf_token;
      currentUser = session.user;
      return session;
    } catch (error) {
      currentUser = null;
      return null;
    }
  },
  async signOut() {
    await request('DELETE', '/api/session');
    currentUser = null;
    csrfToken = '';
  },
};
