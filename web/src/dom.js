// A few helpers to build the page from plain DOM: h() makes an element, renderView() shows a
// view without losing what the user typed, and the formatters say dates, numbers and
// results the same way everywhere.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, value);
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

// The fields the user has typed into (or chosen in) since they were shown or last submitted.
const edited = new WeakSet();
document.addEventListener('input', (event) => edited.add(event.target), true);
document.addEventListener('change', (event) => edited.add(event.target), true);

export function isEdited(control) {
  return edited.has(control);
}

// After a form's values were sent and recorded, a new rendering may start it afresh.
export function forgetEdits(form) {
  for (const control of form.elements) edited.delete(control);
}

// Views are shown in the page's main element, one navigation at a time. A view renders
// into its own root; the root of the latest navigation replaces what is on screen, and a
// view the user has already left renders nowhere. Data arrives whenever it does, so a view
// may render more than once: what the user typed into a field is carried into the same
// field (same route, form and name) of the new rendering, and the focus with it.
let page = null;
let latestRoot = null;
let renders = 0;

export function viewRoot(app) {
  page = app;
  latestRoot = h('div', { class: 'view', 'data-route': location.hash });
  return latestRoot;
}

function fieldKey(control, root) {
  const form = control.form;
  const forms = [...root.querySelectorAll('form')];
  const formKey = form ? form.id || `form${forms.indexOf(form)}` : '';
  return `${root.dataset.route}|${formKey}|${control.name || control.id}`;
}

function typedInput(shown) {
  const kept = new Map();
  for (const root of shown.querySelectorAll('.view')) {
    for (const control of root.querySelectorAll('input, textarea, select')) {
      if (!edited.has(control) || control.type === 'file') continue;
      kept.set(fieldKey(control, root), {
        value: control.value, checked: control.checked, focused: document.activeElement === control,
        selection: control === document.activeElement && 'selectionStart' in control ? [control.selectionStart, control.selectionEnd] : null,
      });
    }
  }
  return kept;
}

function restoreTypedInput(root, kept) {
  for (const control of root.querySelectorAll('input, textarea, select')) {
    const saved = kept.get(fieldKey(control, root));
    if (!saved || control.type === 'file') continue;
    control.value = saved.value;
    control.checked = saved.checked;
    edited.add(control);
    if (saved.focused) {
      control.focus();
      if (saved.selection) {
        try { control.setSelectionRange(...saved.selection); } catch { /* not a text field */ }
      }
    }
  }
}

export function renderView(root, ...children) {
  const shown = root.isConnected ? page : root === latestRoot ? page : null;
  if (!shown) {
    replace(root, children);  // a view the user has left: never shown
    return;
  }
  const kept = typedInput(shown);
  replace(root, children);
  if (!root.isConnected) page.replaceChildren(root);
  restoreTypedInput(root, kept);
  renders += 1;
  page.dataset.renders = String(renders);  // for the browser test: a rendering has happened
}

export function percent(value) {
  return value === null || value === undefined ? '' : `${(value * 100).toFixed(1)}%`;
}

export function mg(value) {
  return value === null || value === undefined ? '' : `${Number(value).toFixed(2)} mg`;
}

// Today on the user's calendar (not UTC's): the latest clinical date a form accepts.
export function today() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

// A badge for a screening result or a dose status.
export function badge(text) {
  return h('span', { class: `badge badge-${String(text).toLowerCase()}` }, text);
}

// A message the page shows after an action: an error with its field, or a success.
export function notice(kind, text, reasons = []) {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('p', {}, text), reasons.length ? h('ul', {}, reasons.map((reason) => h('li', {}, reason))) : null);
}

// A labelled input; `options` for a select.
export function field(label, name, attributes = {}, options = null) {
  const id = `field-${name}`;
  const input = options
    ? h('select', { id, name, ...attributes }, options.map((option) => h('option', { value: option }, option)))
    : h('input', { id, name, ...attributes });
  return h('label', { for: id, class: 'field' }, h('span', {}, label), input);
}

// The values of a form, numbers as numbers where the input is a number.
export function values(form) {
  const result = {};
  for (const element of form.elements) {
    if (!element.name || element.value === '') continue;
    result[element.name] = element.type === 'number' ? Number(element.value) : element.value;
  }
  return result;
}
