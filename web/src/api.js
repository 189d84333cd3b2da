// The API's client: JSON in and out, the session's CSRF token on every write, and errors
// as exceptions that carry the server's message, field path and reasons.

let csrfToken = '';
export let currentUser = null;

export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.path ? `${error.path}: ${error.message}` : error.message || `the server answered ${status}`);
    this.status = status;
    this.path = error.path || '';
    this.reasons = (body && body.reasons) || [];
  }
}

async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body),
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
