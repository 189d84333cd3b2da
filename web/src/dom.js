// A few helpers to build the page from plain DOM: h() makes an element, and the
// formatters say dates, numbers and results the same way everywhere.

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

export function percent(value) {
  return value === null || value === undefined ? '' : `${(value * 100).toFixed(1)}%`;
}

export function mg(value) {
  return value === null || value === undefined ? '' : `${Number(value).toFixed(2)} mg`;
}

export function today() {
  return new Date().toISOString().slice(0, 10);
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
