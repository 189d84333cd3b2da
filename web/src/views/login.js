// Signing in, and choosing one's own password in place of a one-time one.
import { api, currentUser } from '../api.js';
import { h, replace, notice, field } from '../dom.js';

export function loginView(app, session, done) {
  if (session && currentUser.must_change_password) return changePassword(app, done);
  const message = h('div');
  const form = h('form', { class: 'card narrow', onsubmit: async (event) => {
    event.preventDefault();
    try {
      await api.signIn(form.username.value, form.password.value);
      if (currentUser.must_change_password) return changePassword(app, done);
      await done();
    } catch (error) {
      replace(message, notice('error', error.message));
    }
  } },
  h('h1', {}, 'Sign in'),
  field('User name', 'username', { autocomplete: 'username', required: true }),
  field('Password', 'password', { type: 'password', autocomplete: 'current-password', required: true }),
  h('button', { type: 'submit' }, 'Sign in'), message);
  replace(app, form);
  form.username.focus();
}

function changePassword(app, done) {
  const message = h('div');
  const form = h('form', { class: 'card narrow', onsubmit: async (event) => {
    event.preventDefault();
    if (form.password.value !== form.again.value) return replace(message, notice('error', 'The two passwords differ.'));
    try {
      await api.post(`/api/users/${encodeURIComponent(currentUser.username)}/password`, { password: form.password.value });
      await api.resume();
      await done();
    } catch (error) {
      replace(message, notice('error', error.message));
    }
  } },
  h('h1', {}, 'Choose your password'),
  h('p', {}, 'You signed in with a one-time password. Choose your own: 12 characters or more.'),
  field('New password', 'password', { type: 'password', autocomplete: 'new-password', required: true, minlength: 12 }),
  field('Again', 'again', { type: 'password', autocomplete: 'new-password', required: true, minlength: 12 }),
  h('button', { type: 'submit' }, 'Save and continue'), message);
  replace(app, form);
  form.password.focus();
}
