// Users, for an administrator: who has which role and who may sign in, adding one (with a
// one-time password), deactivating or activating one (with a reason), resetting a password
// (a new one-time password, shown once); the record's verification and the periods.
import { api, currentUser } from '../api.js';
import { h, replace, renderView, notice, field, forgetEdits } from '../dom.js';
import { savingSubmit } from '../submit.js';
import { periodsCard } from './periods.js';

// The form of one row: its submission saved once, then the view shown again with `shown`.
function rowForm(id, controls, label, { send, shown }, reload) {
  const message = h('span', { class: 'message' });
  const form = h('form', { class: 'inline row-action', id }, controls, h('button', { type: 'submit' }, label), message);
  return savingSubmit(form, message, {
    body: () => (form.reason ? { reason: form.reason.value } : {}),
    send,
    done: async (answer) => {
      forgetEdits(form);
      await reload(shown(answer));
    },
  });
}

function statusForm(user, reload) {
  const change = user.active ? 'deactivation' : 'activation';
  const path = `/api/users/${encodeURIComponent(user.username)}/${change}`;
  return rowForm(`form-${change}-${user.username}`,
    h('input', { name: 'reason', required: true, placeholder: 'Reason', 'aria-label': `Reason to ${user.active ? 'deactivate' : 'activate'} ${user.username}` }),
    user.active ? 'Deactivate' : 'Activate',
    { send: (body, key) => api.post(path, body, key),
      shown: (answer) => ({ ok: `${answer.username} is ${answer.active ? 'active: they may sign in' : 'deactivated: they cannot sign in'}.` }) },
    reload);
}

function resetForm(user, reload) {
  return rowForm(`form-password-reset-${user.username}`, [], 'Reset password',
    { send: (body, key) => api.post(`/api/users/${encodeURIComponent(user.username)}/password-reset`, body, key),
      shown: (answer) => ({ ok: `${answer.username}: new one-time password `, reasons: [answer.password] }) },
    reload);
}

// The record's verification: every event's hash chained to the one before (docs/store.md).
function recordCard() {
  const result = h('div', { id: 'verification' });
  const button = h('button', { type: 'button', onclick: async () => {
    button.disabled = true;
    replace(result, h('p', { class: 'muted', role: 'status' }, 'Verifying…'));
    try {
      const verification = await api.get('/api/verify');
      replace(result, verification.ok
        ? notice('ok', `The record verifies: ${verification.events} events.`)
        : notice('error', `The record does not verify at event ${verification.first_bad_event}: ${verification.problem}`),
      h('dl', { class: 'content' }, h('dt', {}, 'Events'), h('dd', { class: 'verification-events' }, verification.events),
        h('dt', {}, 'Head (sequence:hash)'), h('dd', { class: 'verification-head' }, h('code', {}, verification.head))));
    } catch (error) {
      replace(result, notice('error', error.message));
    } finally {
      button.disabled = false;
    }
  } }, 'Verify the record');
  return h('section', { class: 'card', id: 'record' }, h('h2', {}, 'Record'),
    h('p', { class: 'muted' }, 'Reads every event of the record and checks its hash chain.'), button, result);
}

export async function usersView(app, protocol, shown = null) {
  const reload = (next) => usersView(app, protocol, next);
  const [users, periods] = await Promise.all([api.get('/api/users'), periodsCard(protocol, reload)]);
  const message = h('div');
  const form = h('form', { class: 'card', id: 'form-add-user', onsubmit: async (event) => {
    event.preventDefault();
    try {
      const created = await api.post('/api/users', { username: form.username.value, role: form.role.value });
      forgetEdits(form);
      await reload({ ok: `${created.username} (${created.role}): one-time password `, reasons: [created.password] });
    } catch (error) {
      replace(message, notice('error', error.message));
    }
  } },
  h('h2', {}, 'Add a user'),
  field('User name', 'username', { required: true, pattern: '[A-Za-z0-9._\\-]{1,64}', title: '1 to 64 letters, digits, dot, dash or underscore' }),
  field('Role', 'role', {}, ['coordinator', 'investigator', 'pharmacist', 'monitor', 'administrator']),
  h('button', { type: 'submit' }, 'Add'), message);
  const others = (user) => user.username !== currentUser.username;
  renderView(app, h('h1', {}, 'Users'),
    shown ? notice(shown.ok ? 'ok' : 'error', shown.ok || shown.error, shown.reasons || []) : null,
    h('table', { class: 'grid', id: 'users' },
      h('thead', {}, h('tr', {}, ['User', 'Role', 'Created', 'By', 'Active', ''].map((title) => h('th', {}, title)))),
      h('tbody', {}, users.map((user) => h('tr', { 'data-user': user.username },
        h('td', {}, user.username), h('td', {}, user.role), h('td', {}, user.created_at), h('td', {}, user.created_by),
        h('td', { class: 'user-active' }, user.active ? 'active' : 'deactivated'),
        h('td', {}, others(user) ? [statusForm(user, reload), resetForm(user, reload)] : null))))),
    form, recordCard(), periods);
}
