// Signing in, and choosing one's own password in place of a one-time one (the server asks
// for the current password with the new one: the one just typed to sign in, or typed again
// when the page was opened on a session that must still choose).
import { api, currentUser } from '../api.js';
import { h, replace, renderView, notice, field, forgetEdits } from '../dom.js';

// Focus goes to the first field, unless the user is already in one of this view's fields.
function focusFirst(root, control) {
  if (!root.contains(document.activeElement)) control.focus();
}

export function loginView(app, session, done) {
  if (session && currentUser.must_change_password) return changePassword(app, done, null);
  const message = h('div');
  const form = h('form', { class: 'card narrow', id: 'form-sign-in', onsubmit: async (event) => {
    event.preventDefault();
    try {
      const password = form.password.value;
      await api.signIn(form.username.value, password);
      forgetEdits(form);  // signed in: nothing typed here is left unsaved
      if (currentUser.must_change_password) return changePassword(app, done, password);
      await done();
    } catch (error) {
      replace(message, notice('error', error.message));
    }
  } },
  h('h1', {}, 'Sign in'),
  field('User name', 'username', { autocomplete: 'username', required: true }),
  field('Password', 'password', { type: 'password', autocomplete: 'current-password', required: true }),
  h('button', { type: 'submit' }, 'Sign in'), message);
  renderView(app, form);
  focusFirst(app, form.username);
}

function changePassword(app, done, current) {
  const message = h('div');
  const form = h('form', { class: 'card narrow', id: 'form-choose-password', onsubmit: async (event) => {
    event.preventDefault();
    if (form.password.value !== form.again.value) return replace(message, notice('error', 'The two passwords differ.'));
    try {
      await api.post(`/api/users/${encodeURIComponent(currentUser.username)}/password`,
        { current_password: current ?? form.current.value, password: form.password.value });
      await api.resume();  // the session goes on with a new cookie
      forgetEdits(form);
      await done();
    } catch (error) {
      replace(message, notice('error', error.message));
    }
  } },
  h('h1', {}, 'Choose your password'),
  h('p', {}, 'You signed in with a one-time password. Choose your own: 12 characters or more, not the one-time one.'),
  current === null ? field('One-time password', 'current', { type: 'password', autocomplete: 'current-password', required: true }) : null,
  field('New password', 'password', { type: 'password', autocomplete: 'new-password', required: true, minlength: 12 }),
  field('Again', 'again', { type: 'password', autocomplete: 'new-password', required: true, minlength: 12 }),
  h('button', { type: 'submit' }, 'Save and continue'), message);
  renderView(app, form);
  focusFirst(app, current === null ? form.current : form.password);
}
