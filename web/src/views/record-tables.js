// What was recorded about a patient, value by value: the registered record, labs with units
// and ULN, heights and weights with their surface area, doses with who verified them and
// their deviations as explained, marrow assessments with the computed response. Each value
// can be corrected where it is shown, with a reason, and each value recorded since
// registration voided, by the roles the server allows (POST /api/corrections and
// POST /api/voids, docs/api.md). A voided value leaves its table, as it leaves the patient's
// state, the report and the exports: the tables show what the record now says. Each void is
// listed under the tables, with who and why, and the history keeps what it voided.
import { api, may } from '../api.js';
import { h, mg, forgetEdits } from '../dom.js';
import { savingSubmit } from '../submit.js';
import { shown } from './history.js';
import { doseFields, bodyFields, labFields, marrowFields, labBody } from './record-forms.js';
import { control } from './register.js';

export const mayCorrect = () => may('correct');

// Correction and void forms open, by patient, event and action: a rendering again shows
// them open again, and dom.js carries what was typed into them.
const open = new Set();

// The button that opens or closes a form (`data-corrects` or `data-voids` names the event).
function toggle(context, key, className, label, data) {
  return h('button', { type: 'button', class: `link ${className}`, ...data, 'aria-expanded': String(open.has(key)),
    onclick: () => { if (open.has(key)) open.delete(key); else open.add(key); context.rerender(); } }, open.has(key) ? 'Close' : label);
}

function table(id, titles, rows, empty) {
  return h('div', { class: 'scroll' }, h('table', { class: 'grid', id },
    h('thead', {}, h('tr', {}, titles.map((title) => h('th', {}, title)))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: titles.length, class: 'muted' }, empty)))));
}

const number = (value, digits) => (value === null || value === undefined || value === '' ? '' : typeof value === 'number' && digits !== undefined ? value.toFixed(digits) : String(value));

// The form under a recorded value that corrects it: its fields filled with what was recorded.
function correctionForm(context, key, sequence, fields, entry, toPayload) {
  for (const label of fields) {
    const control = label.querySelector('input, select');
    const value = entry[control.name];
    if (value !== undefined && value !== null) control.value = String(value);
  }
  const message = h('div');
  const form = h('form', { class: 'correction', id: `form-correct-${sequence}` },
    h('p', {}, `Correct event ${sequence}: the record keeps what it said, with the reason.`),
    h('div', { class: 'inline-fields' }, fields,
      h('label', { class: 'field reason', for: `reason-${sequence}` }, h('span', {}, 'Reason for the correction'),
        h('input', { id: `reason-${sequence}`, name: 'reason', required: true, minlength: 3 }))),
    h('button', { type: 'submit' }, 'Save the correction'), message);
  return savingSubmit(form, message, {
    body: () => {
      const values = {};
      for (const control of form.elements) if (control.name && control.name !== 'reason' && control.value !== '') values[control.name] = control.type === 'number' ? Number(control.value) : control.value;
      return { corrects: sequence, reason: form.reason.value, payload: toPayload(values) };
    },
    send: (body, key) => api.post('/api/corrections', body, key),
    confirmation: (body, ids) => ({ ...body, payload: { ...body.payload, confirm: ids } }),  // inside the payload (docs/api.md)
    locate: (path) => form.elements.namedItem(path.replace(/^\$\.(payload\.)?/, '').replace(/\[\d+\]/g, '').split('.').pop()),
    done: async (answer) => { open.delete(key); forgetEdits(form); await context.reload({ ok: `Corrected: event ${answer.sequence} replaces event ${sequence}.`, near: '#values' }); },
  });
}

// The form under a recorded value that voids it: only the reason.
function voidForm(context, key, sequence, near = '#values') {
  const message = h('div');
  const form = h('form', { class: 'correction void', id: `form-void-${sequence}` },
    h('p', {}, `Void event ${sequence}: the value no longer counts anywhere; the record keeps it, with the reason.`),
    h('div', { class: 'inline-fields' },
      h('label', { class: 'field reason', for: `void-reason-${sequence}` }, h('span', {}, 'Reason for voiding'),
        h('input', { id: `void-reason-${sequence}`, name: 'reason', required: true, minlength: 3 }))),
    h('button', { type: 'submit', class: 'danger' }, 'Void this value'), message);
  return savingSubmit(form, message, {
    body: () => ({ voids: sequence, reason: form.reason.value }),
    send: (body, key) => api.post('/api/voids', body, key),
    locate: (path) => (path === '$.reason' ? form.reason : null),
    done: async (answer) => { open.delete(key); forgetEdits(form); await context.reload({ ok: `Voided: event ${answer.sequence} voids event ${sequence}.`, near }); },
  });
}

// Each entry's row, with Correct and Void for the roles that may, and the open form under it.
function rowsWithCorrection(context, entries, columns, cells, fields, toPayload = (values) => values) {
  return entries.flatMap((entry) => {
    const row = h('tr', { 'data-sequence': entry.sequence }, cells(entry));
    if (!mayCorrect()) return [row];
    const correcting = `${context.id}/${entry.sequence}`;
    return rowWithVoid(context, entry.sequence, row, columns, '#values', {
      toggle: toggle(context, correcting, 'correct', 'Correct', { 'data-corrects': entry.sequence }),
      form: open.has(correcting) ? correctionForm(context, correcting, entry.sequence, fields(), entry, toPayload) : null,
    });
  });
}

// A row with Void for the roles that may (after a `correction`'s toggle, where the row has
// one), and the open form under it; `columns` is the row's cells before its actions.
export function rowWithVoid(context, sequence, row, columns, near, correction = null) {
  if (!mayCorrect()) return [row];
  const key = `${context.id}/${sequence}/void`;
  row.append(h('td', { class: 'actions' }, correction ? [correction.toggle, ' '] : null,
    toggle(context, key, 'void', 'Void', { 'data-voids': sequence })));
  const form = open.has(key) ? voidForm(context, key, sequence, near) : correction && correction.form;
  if (!form) return [row];
  return [row, h('tr', { class: 'correction-row' }, h('td', { colspan: columns + 1 }, form))];
}

// The record's plain fields, to correct: the controls of the registration form, filled with
// what the record says. Its lists and labs at registration are kept as they are.
function recordCorrection(context, patient, protocol, sequence, key) {
  const plain = (protocol.record_fields || []).filter((spec) => spec.kind !== 'list');
  const record = patient.record || {};
  const controls = plain.map((spec) => control(spec, spec.name));
  const message = h('div');
  const form = h('form', { class: 'correction', id: 'form-correct-record' },
    h('p', {}, `Correct the record (event ${sequence}): the record keeps what it said, with the reason.`),
    h('div', { class: 'row-fields' }, controls),
    h('label', { class: 'field reason', for: 'reason-record' }, h('span', {}, 'Reason for the correction'),
      h('input', { id: 'reason-record', name: 'reason', required: true, minlength: 3 })),
    h('button', { type: 'submit' }, 'Save the correction'), message);
  const set = (name, value) => { const found = form.elements.namedItem(name); if (found && value !== undefined && value !== null) found.value = String(value); };
  for (const spec of plain) {
    if (spec.kind === 'quantity') {
      set(`${spec.name}.value`, record[spec.name] && record[spec.name].value);
      set(`${spec.name}.unit`, record[spec.name] && record[spec.name].unit);
    } else {
      set(spec.name, record[spec.name]);
    }
  }
  const read = (name) => { const found = form.elements.namedItem(name); return found && found.value !== '' ? found.value : null; };
  return savingSubmit(form, message, {
    body: () => {
      const corrected = { ...record };
      for (const spec of plain) {
        const text = spec.kind === 'quantity' ? read(`${spec.name}.value`) : read(spec.name);
        if (text === null) delete corrected[spec.name];
        else if (spec.kind === 'quantity') corrected[spec.name] = { value: Number(text), unit: read(`${spec.name}.unit`) };
        else if (spec.kind === 'boolean') corrected[spec.name] = text === 'true';
        else if (spec.kind === 'integer' || spec.kind === 'number') corrected[spec.name] = Number(text);
        else corrected[spec.name] = text;
      }
      return { corrects: sequence, reason: form.reason.value, payload: { record: corrected } };
    },
    send: (body, key) => api.post('/api/corrections', body, key),
    locate: (path) => {
      const name = path.replace(/^\$\.payload\.(record\.)?/, '');
      return form.elements.namedItem(name) || form.elements.namedItem(`${name.split('.')[0]}.value`);
    },
    done: async (answer) => { open.delete(key); forgetEdits(form); await context.reload({ ok: `Corrected: event ${answer.sequence} replaces the record of event ${sequence}.`, near: '#values' }); },
  });
}

// The event that holds the record as it stands: the latest registration or amendment the
// record still counts (none voided).
function recordEvent(events, patient) {
  const voided = new Set((patient.voids || []).map((entry) => entry.voids));
  return events.filter((event) => ['patient-registered', 'record-amended'].includes(event.kind) && !voided.has(event.sequence)).at(-1);
}

function registeredRecord(context, patient, protocol, events) {
  const record = patient.record || {};
  const holder = recordEvent(events, patient);
  const key = `${context.id}/record`;
  const correcting = mayCorrect() && holder ? [toggle(context, key, 'correct correct-record', 'Correct the record', { 'data-corrects': holder.sequence }),
    open.has(key) ? recordCorrection(context, patient, protocol, holder.sequence, key) : null] : null;
  const fields = protocol.record_fields || [];
  const plain = fields.filter((spec) => spec.kind !== 'list' && record[spec.name] !== undefined && record[spec.name] !== null);
  const lists = fields.filter((spec) => spec.kind === 'list' && Array.isArray(record[spec.name]) && record[spec.name].length);
  return h('div', {},
    h('div', { class: 'scroll' }, h('table', { class: 'facts', id: 'record-facts' }, h('tbody', {}, plain.map((spec) => h('tr', {},
      h('th', { scope: 'row' }, spec.description || spec.name), h('td', {}, shown(record[spec.name]))))))),
    lists.map((spec) => [h('h4', {}, spec.description || spec.name),
      table(`record-${spec.name}`, spec.members.map((member) => member.description || member.name),
        record[spec.name].map((entry) => h('tr', {}, spec.members.map((member) => h('td', {}, entry[member.name] === null && member.kind === 'date' ? 'ongoing' : shown(entry[member.name]))))), '')]),
    Array.isArray(record.observations) && record.observations.length ? [h('h4', {}, 'Labs at registration'),
      table('record-observations', ['Date', 'Lab', 'Value', 'Unit', 'ULN'], record.observations.map((observation) => h('tr', {},
        h('td', {}, observation.date), h('td', {}, observation.code), h('td', { class: 'number' }, shown(observation.value)),
        h('td', {}, observation.unit || ''), h('td', { class: 'number' }, number(observation.uln)))), '')] : null,
    correcting);
}

// Each value voided, with who and why: the history keeps what it held.
function voidsList(patient) {
  const voids = patient.voids || [];
  if (!voids.length) return null;
  return [h('h3', {}, 'Voided values'), h('ul', { id: 'voids' }, voids.map((entry) => h('li', { 'data-voids': entry.voids },
    `Event ${entry.voids} (${entry.kind}) voided by ${entry.actor} in event ${entry.sequence}: ${entry.reason}`)))];
}

export function recordedValues(context, patient, protocol, events) {
  const derived = patient.derived;
  const describe = Object.fromEntries(protocol.observations.map((observation) => [observation.code, observation.description]));
  const areas = Object.fromEntries((derived.body_surface_areas || []).map((area) => [area.sequence, area.bsa_m2]));
  const correctHead = mayCorrect() ? [''] : [];

  const labs = table('labs', ['Date', 'Lab', 'Value', 'Unit', 'ULN', 'Event', ...correctHead],
    rowsWithCorrection(context, patient.observations, 6, (entry) => [
      h('td', {}, entry.date), h('td', { title: describe[entry.code] || '' }, entry.code), h('td', { class: 'number' }, shown(entry.value)),
      h('td', {}, entry.unit || ''), h('td', { class: 'number' }, number(entry.uln)), h('td', { class: 'number' }, entry.sequence)],
    () => labFields(protocol), labBody), 'No lab recorded since registration.');

  const body = table('body', ['Date', 'Height (cm)', 'Weight (kg)', 'BSA (m²)', 'Event', ...correctHead],
    rowsWithCorrection(context, patient.body, 5, (entry) => [
      h('td', {}, entry.date), h('td', { class: 'number' }, number(entry.height_cm)), h('td', { class: 'number' }, number(entry.weight_kg)),
      h('td', { class: 'number' }, areas[entry.sequence] === undefined ? '' : areas[entry.sequence].toFixed(2)), h('td', { class: 'number' }, entry.sequence)],
    bodyFields), 'No height and weight recorded since registration.');

  const explained = new Map();
  for (const explanation of patient.explanations) explained.set(explanation.dose_sequence, [...(explained.get(explanation.dose_sequence) || []), explanation]);
  const verifiedBy = (dose) => patient.verifications.filter((check) => check.course === dose.course && check.day === dose.day && check.drug === dose.drug);
  const doses = table('doses', ['Course', 'Day', 'Drug', 'Date', 'Start', 'Given', 'Planned', 'Infusion', 'Verified by', 'Recorded by', 'Deviations', ...correctHead],
    rowsWithCorrection(context, patient.doses, 11, (dose) => {
      const checks = verifiedBy(dose);
      const notes = explained.get(dose.sequence) || [];
      return [h('td', { class: 'number' }, dose.course), h('td', { class: 'number' }, dose.day), h('td', {}, dose.drug), h('td', {}, dose.date),
        h('td', {}, dose.start_time || ''), h('td', { class: 'number' }, mg(dose.dose_mg)), h('td', { class: 'number' }, mg(dose.planned_mg)),
        h('td', { class: 'number' }, dose.infusion_minutes ? `${dose.infusion_minutes} min` : ''),
        h('td', { class: 'verified' }, checks.length ? checks.map((check) => h('div', {}, `${check.actor}: ${mg(check.dose_mg)} (${check.recorded_at.slice(0, 10)})`))
          : dose.verified_by ? dose.verified_by
            // The protocol requires a pharmacist's verification: a dose given without one is flagged.
            : dose.unverified ? h('span', { class: 'tag tag-bad' }, 'given without verification')
              : h('span', { class: 'tag tag-warn' }, 'not verified')),
        h('td', {}, dose.actor),
        h('td', { class: 'deviations' }, dose.deviations.map((deviation) => h('div', {}, `${deviation.kind}: ${deviation.message}`)),
          notes.map((note) => h('div', { class: 'explained' }, h('strong', {}, 'Explained'), ` by ${note.actor}: ${note.explanation}`)),
          dose.deviations.length && !notes.length ? h('span', { class: 'tag tag-bad' }, 'not explained') : null)];
    }, () => doseFields(protocol)), 'No dose recorded.');

  // The marrow form's values are flat; the table's entry keeps them under "assessment".
  for (const entry of patient.assessments) Object.assign(entry, entry.assessment, { course: entry.course, date: entry.date });
  const adjudicated = Object.fromEntries(patient.adjudications.map((entry) => [entry.course, entry]));
  const marrow = table('marrow', ['After course', 'Date', 'ANC', 'Platelets', 'Marrow blasts', 'Baseline blasts', 'Extramedullary', 'Computed response', 'Adjudicated', ...correctHead],
    rowsWithCorrection(context, patient.assessments, 9, (entry) => [
      h('td', { class: 'number' }, entry.course), h('td', {}, entry.date),
      ...['anc', 'platelets', 'marrow_blasts', 'baseline_marrow_blasts'].map((name) => h('td', { class: 'number' }, number(entry.assessment[name]))),
      h('td', {}, entry.assessment.extramedullary || ''),
      h('td', {}, h('strong', {}, entry.response.category), ` ${entry.response.reason}`),
      h('td', {}, adjudicated[entry.course] ? `${adjudicated[entry.course].category} by ${adjudicated[entry.course].actor}: ${adjudicated[entry.course].reason}` : '')],
    marrowFields), 'No marrow assessment recorded.');


  return h('section', { class: 'card', id: 'values' }, h('h2', {}, 'Recorded values'),
    h('h3', {}, 'Doses'), doses, h('h3', {}, 'Labs'), labs, h('h3', {}, 'Height, weight and body surface area'), body,
    h('h3', {}, 'Marrow assessments'), marrow, voidsList(patient),
    h('details', { class: 'registered', open: true }, h('summary', {}, 'The record as registered'), registeredRecord(context, patient, protocol, events)));
}
