// Registering a patient through a form made from the protocol: every field of its patient
// record (GET /api/protocol's record_fields) and every lab of its observation catalogue,
// with units to choose, dates, the ULN where the catalogue asks for one, and lists for
// therapies, toxicities and transplants. While it is filled, the screening checklist beside
// it is worked out by a dry run (POST /api/screen, nothing recorded). The server's JSON path
// of an error is mapped back to the control that holds it. A patient file (trialcore JSON or
// a FHIR R4 Bundle) can still be registered as it is.
import { api } from '../api.js';
import { h, replace, notice, today, forgetEdits } from '../dom.js';
import { savingSubmit, showError, clearErrors } from '../submit.js';
import { checklist } from './checklist.js';

// Entries of each list shown, kept while the view renders again; cleared once registered.
const rows = new Map();

const label = (text, control, className = 'field') => h('label', { class: className }, h('span', {}, text), control);
const sentence = (text) => text.charAt(0).toUpperCase() + text.slice(1);

function yesNo(name) {
  return h('select', { name }, h('option', { value: '' }, 'not known'), h('option', { value: 'true' }, 'yes'), h('option', { value: 'false' }, 'no'));
}

// The control for one field of the record (or one member of a list's entry); a quantity's
// are named `${name}.value` and `${name}.unit`. The record's correction reuses them.
export function control(spec, name) {
  switch (spec.kind) {
    case 'date': return label(sentence(spec.description), h('input', { type: 'date', name, max: today() }));
    case 'choice': return label(sentence(spec.description), h('select', { name }, h('option', { value: '' }, 'not known'), spec.choices.map((choice) => h('option', { value: choice }, choice))));
    case 'boolean': return label(sentence(spec.description), yesNo(name));
    case 'integer': return label(sentence(spec.description), h('input', { type: 'number', name, step: 1, min: spec.minimum, max: spec.maximum }));
    case 'number': return label(sentence(spec.description), h('input', { type: 'number', name, step: 'any', min: spec.minimum, max: spec.maximum }));
    case 'quantity': return h('div', { class: 'row-fields' },
      label(sentence(spec.description), h('input', { type: 'number', name: `${name}.value`, step: 'any', min: 0 })),
      label('Unit', h('select', { name: `${name}.unit` }, spec.units.map((unit) => h('option', { value: unit }, unit)))));
    default: return label(sentence(spec.description), h('input', { name }));
  }
}

function listSection(spec, rerender) {
  const count = rows.get(spec.name) || 0;
  const entries = Array.from({ length: count }, (_, index) => h('div', { class: 'row-fields list-entry', 'data-entry': `${spec.name}.${index}` },
    spec.members.map((member) => control(member, `${spec.name}.${index}.${member.name}`)),
    h('button', { type: 'button', class: 'link', onclick: (event) => {
      event.target.closest('.list-entry').remove();
      rows.set(spec.name, count - 1);
      rerender();
    } }, `Remove this ${spec.entry}`)));
  return h('fieldset', { 'data-list': spec.name }, h('legend', {}, sentence(spec.description)),
    entries.length ? entries : h('p', { class: 'muted' }, `None entered: the criteria that read ${spec.description} stay unknown until one is, or until "none" is said.`),
    h('label', { class: 'field check' }, h('input', { type: 'checkbox', name: `${spec.name}.none` }), h('span', {}, `No ${spec.description}`)),
    h('button', { type: 'button', 'data-add': spec.name, onclick: () => { rows.set(spec.name, count + 1); rerender(); } }, `Add a ${spec.entry}`));
}

function observationRow(observation) {
  const name = (member) => `observation.${observation.code}.${member}`;
  return h('div', { class: 'row-fields', 'data-observation': observation.code },
    label(sentence(observation.description), observation.values
      ? h('select', { name: name('value') }, h('option', { value: '' }, 'not done'), observation.values.map((value) => h('option', { value }, value)))
      : h('input', { name: name('value'), inputmode: 'decimal' })),
    observation.units ? label('Unit', h('select', { name: name('unit') }, observation.units.map((unit) => h('option', { value: unit }, unit)))) : null,
    observation.uln ? label('Upper limit of normal', h('input', { name: name('uln'), type: 'number', step: 'any', min: 0 })) : null,
    label('Date', h('input', { type: 'date', name: name('date'), max: today() })));
}

// The record the form holds, and where each of its JSON paths was typed.
function recordOf(form, protocol) {
  const value = (name) => { const found = form.elements.namedItem(name); return found && found.value !== '' ? found.value : null; };
  const record = { id: value('id') || '' };
  const places = { id: form.elements.namedItem('id') };
  const convert = (spec, text) => {
    if (text === null) return null;
    if (spec.kind === 'boolean') return text === 'true';
    if (spec.kind === 'integer' || spec.kind === 'number') return Number(text);
    return text;
  };
  for (const spec of protocol.record_fields || []) {
    if (spec.kind === 'list') {
      const count = rows.get(spec.name) || 0;
      const none = form.elements.namedItem(`${spec.name}.none`);
      if (!count && !(none && none.checked)) continue;
      record[spec.name] = [];
      for (let index = 0; index < count; index += 1) {
        const entry = {};
        for (const member of spec.members) {
          const name = `${spec.name}.${index}.${member.name}`;
          entry[member.name] = convert(member, value(name));
          places[`${spec.name}[${index}].${member.name}`] = form.elements.namedItem(name);
        }
        record[spec.name].push(entry);
      }
    } else if (spec.kind === 'quantity') {
      if (value(`${spec.name}.value`) === null) continue;
      record[spec.name] = { value: Number(value(`${spec.name}.value`)), unit: value(`${spec.name}.unit`) };
      places[spec.name] = form.elements.namedItem(`${spec.name}.value`);
      places[`${spec.name}.value`] = places[spec.name];
      places[`${spec.name}.unit`] = form.elements.namedItem(`${spec.name}.unit`);
    } else if (value(spec.name) !== null) {
      record[spec.name] = convert(spec, value(spec.name));
      places[spec.name] = form.elements.namedItem(spec.name);
    }
  }
  const observations = [];
  for (const observation of protocol.observations) {
    const name = (member) => `observation.${observation.code}.${member}`;
    const text = value(name('value'));
    if (text === null) continue;
    const numeric = /^-?\d+(\.\d+)?$/.test(text.trim());
    const entry = { code: observation.code, value: numeric ? Number(text) : text, date: value(name('date')) };
    if (observation.units) entry.unit = value(name('unit'));
    if (observation.uln && value(name('uln')) !== null) entry.uln = Number(value(name('uln')));
    const index = observations.length;
    for (const member of ['value', 'unit', 'uln', 'date']) places[`observations[${index}].${member}`] = form.elements.namedItem(name(member));
    places[`observations[${index}]`] = form.elements.namedItem(name('value'));
    observations.push(entry);
  }
  if (observations.length) record.observations = observations;
  return { record, places };
}

// The control of a server's path ($.record.therapies[0].end, $.patient.height.unit): the
// longest part of it the form placed.
function locator(places) {
  return (path) => {
    let key = String(path).replace(/^\$\.(record|patient)\.?/, '');
    while (key) {
      if (places[key]) return places[key];
      const shorter = key.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
      if (shorter === key) break;
      key = shorter;
    }
    return null;
  };
}

export function registrationForm(protocol, rerender) {
  const message = h('div', { class: 'message' });
  const checklistHolder = h('div', { id: 'dry-run' }, h('p', { class: 'muted' }, 'The screening checklist appears here as the form is filled. Nothing is recorded until you register.'));
  const plain = (protocol.record_fields || []).filter((spec) => spec.kind !== 'list');
  const lists = (protocol.record_fields || []).filter((spec) => spec.kind === 'list');
  const form = h('form', { class: 'card', id: 'form-register', novalidate: false },
    h('h2', {}, 'Register a patient'),
    h('div', { class: 'row-fields' },
      label('Patient id', h('input', { name: 'id', required: true, pattern: '[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}', title: 'letters, digits, dot, dash or underscore' })),
      label('Checklist as of', h('input', { type: 'date', name: 'as_of', value: today(), 'data-not-record': '' }))),
    h('fieldset', {}, h('legend', {}, 'Patient'), h('div', { class: 'row-fields' }, plain.map((spec) => control(spec, spec.name)))),
    h('fieldset', {}, h('legend', {}, 'Labs and tests'), protocol.observations.map(observationRow)),
    lists.map((spec) => listSection(spec, rerender)),
    h('button', { type: 'submit' }, 'Register'), message);

  let asked = 0;
  let timer = null;
  const dryRun = async () => {
    const number = ++asked;
    const { record, places } = recordOf(form, protocol);
    if (!record.id) record.id = 'new-patient';
    try {
      const screening = await api.post('/api/screen', { patient: record, date: form.as_of.value || today() });
      if (number !== asked) return;  // a later dry run is on its way
      clearErrors(form);
      replace(checklistHolder, checklist(screening, protocol));
    } catch (error) {
      if (number !== asked) return;
      showError(form, h('div'), error, locator(places), { focus: false });
      replace(checklistHolder, notice('warn', `The checklist waits for a field to be put right: ${error.message}`));
    }
  };
  // Typing asks again once the typing pauses; a choice, a date or a new entry at once.
  form.addEventListener('input', (event) => {
    clearTimeout(timer);
    timer = setTimeout(dryRun, event.target.tagName === 'SELECT' || event.target.type === 'date' ? 0 : 250);
  });
  form.addEventListener('change', () => { clearTimeout(timer); timer = setTimeout(dryRun, 0); });

  let places = {};
  savingSubmit(form, message, {
    body: () => { const made = recordOf(form, protocol); places = made.places; return { record: made.record }; },
    send: (body, key) => api.post('/api/patients', body, key),
    locate: (path) => locator(places)(path),
    done: async (answer) => {
      forgetEdits(form);
      rows.clear();
      location.hash = `#/patients/${encodeURIComponent(answer.id)}`;
    },
  });
  if (rows.size) queueMicrotask(dryRun);
  return h('div', { class: 'layout-register' }, form, h('aside', {}, checklistHolder));
}

// A patient file registered as it is: trialcore's JSON record, or a FHIR R4 Bundle.
export function fileForm() {
  const message = h('div', { class: 'message' });
  const form = h('form', { class: 'card', id: 'form-register-file' }, h('h2', {}, 'Register from a file'),
    h('label', { class: 'field' }, h('span', {}, 'Patient record (JSON) or FHIR R4 Bundle'),
      h('input', { type: 'file', name: 'file', accept: '.json,application/json,application/fhir+json', required: true })),
    h('button', { type: 'submit' }, 'Register the file'), message);
  return savingSubmit(form, message, {
    body: async () => {
      const text = form.file.files[0] ? await form.file.files[0].text() : '';
      try {
        return { text, parsed: JSON.parse(text) };
      } catch (error) {
        replace(message, notice('error', `The file is not JSON: ${error.message}`));
        return null;
      }
    },
    send: ({ text, parsed }, key) => (parsed.resourceType === 'Bundle' ? api.postFhir('/api/patients', text, key) : api.post('/api/patients', { record: parsed }, key)),
    done: async (answer) => { location.hash = `#/patients/${encodeURIComponent(answer.id)}`; },
  });
}
