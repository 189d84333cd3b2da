// A form's submission is saved once. While its answer is awaited the form is disabled (a
// second click or Enter does nothing); it carries one Idempotency-Key, and sending the same
// values again after a failure reuses that key, so the server answers the first write
// rather than making a second. An error is shown beside the field it names, in words: the
// server's JSON path is mapped to the form's control and never shown itself.
import { h, replace, notice } from './dom.js';
import { freshKey } from './api.js';

// A form is known by its id: a view rendered again (its data arriving) while a submission
// is on its way makes a new form element with the same id, which must neither send the
// submission again nor forget its key.
const formKey = (form) => form.id || form;

// The key of a form's latest submission that did not end in an answer, with its values.
const pending = new Map();
// The forms whose submission is on its way.
const saving = new Set();

function keyFor(form, body) {
  const text = JSON.stringify(body);
  const last = pending.get(formKey(form));
  if (last && last.text === text) return last.key;
  const attempt = { text, key: freshKey() };
  pending.set(formKey(form), attempt);
  return attempt.key;
}

function setBusy(form, busy) {
  form.toggleAttribute('aria-busy', busy);
  for (const control of form.elements) {
    if (busy) {
      control.dataset.wasDisabled = control.disabled ? '1' : '';
      control.disabled = true;
    } else {
      control.disabled = control.dataset.wasDisabled === '1';
      delete control.dataset.wasDisabled;
    }
  }
}

// "$.observations[2].value" as words, for an error no field of the form shows.
export function pathInWords(path) {
  const parts = String(path).replace(/^\$\.?/, '').split(/\.|\[(\d+)\]/).filter((part) => part !== undefined && part !== '');
  return parts.map((part) => (/^\d+$/.test(part) ? `entry ${Number(part) + 1}` : part.replace(/_/g, ' '))).join(', ');
}

function labelOf(control) {
  const label = control.closest('label, .field');
  const text = label && label.querySelector('span') ? label.querySelector('span').textContent : control.name;
  return text.replace(/\s*\(.*\)$/, '');
}

export function clearErrors(form) {
  for (const shown of form.querySelectorAll('.field-error')) shown.remove();
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
}

// The control a path names: `locate` when the form maps its own paths, else the control
// named by the path's last member.
function controlFor(form, path, locate) {
  if (!path) return null;
  const found = locate ? locate(path) : null;
  if (found) return found;
  const last = path.replace(/\[\d+\]/g, '').split('.').pop();
  const named = last && form.elements.namedItem(last);
  return named instanceof Element ? named : null;
}

export function showError(form, message, error, locate, { focus = true } = {}) {
  clearErrors(form);
  if (error instanceof TypeError) {
    replace(message, notice('error', 'The server could not be reached. Send again: it will not be saved twice.'));
    return;
  }
  if (error.path === 'Idempotency-Key') {
    replace(message, notice('error', 'This submission may already have been saved: look at the record before sending it again.'));
    return;
  }
  const control = controlFor(form, error.path, locate);
  if (control) {
    const words = h('p', { class: 'field-error', role: 'alert' }, error.message);
    control.setAttribute('aria-invalid', 'true');
    control.closest('.field, label, td, fieldset')?.append(words) ?? control.after(words);
    replace(message, notice('error', `Not saved: check ${labelOf(control)}.`, error.reasons));
    if (focus) control.focus();
  } else {
    const where = error.path ? `${pathInWords(error.path)}: ` : '';
    replace(message, notice('error', `Not saved. ${where}${error.message}`, error.reasons));
  }
}

// A soft check the server asks to confirm (409 with "confirmations", docs/api.md): its
// messages shown in the form, beside their fields, with a choice to record as entered
// (the same body with "confirm": [check ids], sent with a new key) or to go back and correct.
function askToConfirm(error, form, message, locate) {
  const checks = error.body && Array.isArray(error.body.confirmations) ? error.body.confirmations : [];
  if (error.status !== 409 || !checks.length) return Promise.resolve(null);
  clearErrors(form);
  for (const check of checks) {
    const control = controlFor(form, check.path, locate);
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      (control.closest('.field, label, td, fieldset') || control.parentElement).append(h('p', { class: 'field-error' }, check.message));
    }
  }
  return new Promise((resolve) => {
    const yes = h('button', { type: 'button', class: 'confirm-yes', onclick: () => resolve(checks.map((check) => check.check)) }, 'Record as entered');
    const no = h('button', { type: 'button', class: 'secondary', onclick: () => resolve(null) }, 'Go back and correct');
    replace(message, h('div', { class: 'notice notice-warn confirmation', role: 'alertdialog', 'aria-label': 'Confirm the values' },
      h('p', {}, 'Please confirm: is this right?'), h('ul', {}, checks.map((check) => h('li', {}, check.message))), h('p', {}, yes, ' ', no)));
    yes.focus();
  });
}

// Submits `form` once: `body()` gives what to send (or a promise of it; null when the
// form has said what is wrong), `confirmation(body, ids)` the body that confirms soft checks
// (default: "confirm" added to it),
// `send(body, key)` sends it, `done(answer)` shows the outcome.
export function savingSubmit(form, message, { body, send, done, locate = null, confirmation = null }) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (saving.has(formKey(form))) return;
    saving.add(formKey(form));
    let payload = await body();
    if (payload === null) {  // the form said what is wrong
      saving.delete(formKey(form));
      return;
    }
    setBusy(form, true);
    clearErrors(form);
    replace(message, h('p', { class: 'muted saving', role: 'status' }, 'Saving…'));
    try {
      for (;;) {
        try {
          const answer = await send(payload, keyFor(form, payload));
          pending.delete(formKey(form));
          replace(message);
          // Saved: the form stays disabled, since every done() shows the record again or moves
          // on; the second click of a double-click, arriving after the answer, finds nothing to press.
          await done(answer);
          saving.delete(formKey(form));
          return;
        } catch (error) {
          const ids = error.status ? await askToConfirm(error, form, message, locate) : null;
          if (!ids) {
            if (error.body && error.body.confirmations) error.declined = true;
            throw error;
          }
          payload = confirmation ? confirmation(payload, ids) : { ...payload, confirm: ids };
        }
      }
    } catch (error) {
      if (error.status && error.status < 500 && error.status !== 408) pending.delete(formKey(form));  // answered: nothing was written
      setBusy(form, false);
      saving.delete(formKey(form));
      if (error.declined) {
        replace(message, notice('warn', 'Not saved: correct the value and save again.'));
        controlFor(form, error.path, locate)?.focus();
      } else {
        showError(form, message, error, locate);
      }
    }
  });
  return form;
}
