// What was recorded about a patient, value by value: the registered record, labs with units
// and ULN, heights and weights with their surface area, doses with who verified them and
// their deviations as explained, marrow assessments with the computed response. Each value
// recorded since registration can be corrected where it is shown, with a reason, by the
// roles the server allows (POST /api/corrections, docs/api.md).
import { api, currentUser } from '../api.js';
import { h, mg } from '../dom.js';
import { savingSubmit } from '../submit.js';
import { shown } from './history.js';
import { doseFields, bodyFields, labFields, marrowFields, labBody } from './record-forms.js';

export const mayCorrect = () => ['coordinator', 'investigator'].includes(currentUser.role);

// Correction forms open, by patient and event: a rendering again shows them open again,
// and dom.js carries what was typed into them.
const open = new Set();

function table(id, titles, rows, empty) {
  return h('div', { class: 'scroll' }, h('table', { class: 'grid', id },
    h('thead', {}, h('tr', {}, titles.map((title) => h('th', {}, title)))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: titles.length, class: 'muted' }, empty)))));
}

const number = (value, digits) => (value === null || value === undefined || value === '' ? '' : typeof value === 'number' && digits !== undefined ? value.toFixed(digits) : String(value));

// The row under a recorded value that corrects it: its fields filled with what was recorded.
function correctionRow(context, sequence, columns, fields, entry, toPayload) {
  const key = `${context.id}/${sequence}`;
  const toggle = h('button', { type: 'button', class: 'link correct', 'data-corrects': sequence, 'aria-expanded': String(open.has(key)),
    onclick: () => { if (open.has(key)) open.delete(key); else open.add(key); context.rerender(); } }, open.has(key) ? 'Close' : 'Correct');
  if (!open.has(key)) return { toggle, row: null };
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
  savingSubmit(form, message, {
    body: () => {
      const values = {};
      for (const control of form.elements) if (control.name && control.name !== 'reason' && control.value !== '') values[control.name] = control.type === 'number' ? Number(control.value) : control.value;
      return { corrects: sequence, reason: form.reason.value, payload: toPayload(values) };
    },
    send: (body, key) => api.post('/api/corrections', body, key),
    confirmation: (body, ids) => ({ ...body, payload: { ...body.payload, confirm: ids } }),  // inside the payload (docs/api.md)
    locate: (path) => form.elements.namedItem(path.replace(/^\$\.(payload\.)?/, '').replace(/\[\d+\]/g, '').split('.').pop()),
    done: async (answer) => { open.delete(key); await context.reload({ ok: `Corrected: event ${answer.sequence} replaces event ${sequence}.`, near: `#values` }); },
  });
  return { toggle, row: h('tr', { class: 'correction-row' }, h('td', { colspan: columns }, form)) };
}

function rowsWithCorrection(context, entries, columns, cells, fields, toPayload = (values) => values) {
  return entries.flatMap((entry) => {
    const { toggle, row } = mayCorrect() ? correctionRow(context, entry.sequence, columns + 1, fields(), entry, toPayload) : { toggle: null, row: null };
    return [h('tr', { 'data-sequence': entry.sequence }, cells(entry), mayCorrect() ? h('td', {}, toggle) : null), row];
  }).filter(Boolean);
}

function registeredRecord(patient, protocol) {
  const record = patient.record || {};
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
        h('td', {}, observation.unit || ''), h('td', { class: 'number' }, number(observation.uln)))), '')] : null);
}

export function recordedValues(context, patient, protocol) {
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
    h('h3', {}, 'Marrow assessments'), marrow,
    h('details', { class: 'registered', open: true }, h('summary', {}, 'The record as registered'), registeredRecord(patient, protocol)));
}
