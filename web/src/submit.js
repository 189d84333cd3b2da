// A form's submission is saved once. While its answer is awaited the form is disabled (a
// second click or Enter does nothing); it carries one Idempotency-Key, and sending the same
// values again after a failure reuses that key, so the server answers the first write
// rather than making a second. An error is shown beside the field it names, in words: the
// server's JSON path is mapped to the form's control and never shown itself.
import { h, replace, notice } from './dom.js';
import { freshKey } from './api.js';

// The key of a form's latest submission that did not end in an answer, with its values.
const pending = new WeakMap();

function keyFor(form, body) {
  const text = JSON.stringify(body);
  const last = pending.get(form);
  if (last && last.text === text) return last.key;
  const attempt = { text, key: freshKey() };
  pending.set(form, attempt);
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

export function showError(form, message, error, locate) {
  clearErrors(form);
  if (error instanceof TypeError) {
    replace(message, notice('error', 'The server could not be reached. Send again: it will not be saved twice.'));
    return;
  }
  const control = controlFor(form, error.path, locate);
  if (control) {
    const words = h('p', { class: 'field-error', role: 'alert' }, error.message);
    control.setAttribute('aria-invalid', 'true');
    control.closest('.field, label, td, fieldset')?.append(words) ?? control.after(words);
    replace(message, notice('error', `Not saved: check ${labelOf(control)}.`, error.reasons));
    control.focus();
  } else {
    const where = error.path ? `${pathInWords(error.path)}: ` : '';
    replace(message, notice('error', `Not saved. ${where}${error.message}`, error.reasons));
  }
}

// Submits `form` once: `body()` gives what to send (read before the form is disabled),
// `send(body, key)` sends it, `done(answer)` shows the outcome. `confirm(error)` may turn
// an answer that asks for a confirmation into the body to send again, or null.
export function savingSubmit(form, message, { body, send, done, locate = null, confirmation = null }) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (form.dataset.saving) return;
    let payload = body();
    if (payload === null) return;  // the form said what is wrong
    form.dataset.saving = '1';
    setBusy(form, true);
    clearErrors(form);
    replace(message, h('p', { class: 'muted saving', role: 'status' }, 'Saving…'));
    try {
      for (;;) {
        try {
          const answer = await send(payload, keyFor(form, payload));
          pending.delete(form);
          setBusy(form, false);
          delete form.dataset.saving;
          replace(message);
          await done(answer);
          return;
        } catch (error) {
          const confirmed = confirmation && error.status ? await confirmation(error, payload, form, message) : null;
          if (!confirmed) throw error;
          payload = confirmed;
        }
      }
    } catch (error) {
      if (error.status && error.status < 500 && error.status !== 408) pending.delete(form);  // answered: nothing was written
      setBusy(form, false);
      delete form.dataset.saving;
      showError(form, message, error, locate);
    }
  });
  return form;
}
