// Users, for an administrator: who has which role, and adding one (with a one-time password).
import { api } from '../api.js';
import { h, replace, renderView, notice, field, forgetEdits } from '../dom.js';

export async function usersView(app) {
  const users = await api.get('/api/users');
  const message = h('div');
  const form = h('form', { class: 'card', id: 'form-add-user', onsubmit: async (event) => {
    event.preventDefault();
    try {
      const created = await api.post('/api/users', { username: form.username.value, role: form.role.value });
      forgetEdits(form);
      await usersView(app);
      app.prepend(notice('ok', `${created.username} (${created.role}): one-time password `, [created.password]));
    } catch (error) {
      replace(message, notice('error', error.message));
    }
  } },
  h('h2', {}, 'Add a user'),
  field('User name', 'username', { required: true, pattern: '[A-Za-z0-9._\\-]{1,64}', title: '1 to 64 letters, digits, dot, dash or underscore' }),
  field('Role', 'role', {}, ['coordinator', 'investigator', 'pharmacist', 'monitor', 'administrator']),
  h('button', { type: 'submit' }, 'Add'), message);
  renderView(app, h('h1', {}, 'Users'),
    h('table', { class: 'grid', id: 'users' },
      h('thead', {}, h('tr', {}, ['User', 'Role', 'Created', 'By'].map((title) => h('th', {}, title)))),
      h('tbody', {}, users.map((user) => h('tr', {}, h('td', {}, user.username), h('td', {}, user.role), h('td', {}, user.created_at), h('td', {}, user.created_by))))),
    form);
}
