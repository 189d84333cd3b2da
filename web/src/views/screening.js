// Screening: a registered patient as of a date (recorded in the trial's record), or a
// patient record pasted in (checked, not recorded).
import { api, may } from '../api.js';
import { h, replace, renderView, notice, field, today, forgetEdits } from '../dom.js';
import { checklist } from './checklist.js';

export async function screeningView(app, protocol) {
  const patients = await api.get('/api/patients');
  const result = h('div');
  const registered = h('form', { class: 'card', id: 'form-screen-registered', onsubmit: async (event) => {
    event.preventDefault();
    try {
      const screening = await api.post(`/api/patients/${encodeURIComponent(registered.patient.value)}/screenings`, { date: registered.date.value });
      forgetEdits(registered);  // recorded: nothing left unsaved here
      replace(result, notice('ok', `Recorded as event ${screening.sequence}.`), checklist(screening, protocol));
    } catch (error) {
      replace(result, notice('error', error.message, error.reasons));
    }
  } },
  h('h2', {}, 'Screen a registered patient'),
  h('p', { class: 'muted' }, 'The screening is recorded with the protocol version; the pediatric gate counts the trial\'s own patients.'),
  field('Patient', 'patient', { required: true }, patients.map((patient) => patient.id)),
  field('As of', 'date', { type: 'date', value: today(), required: true }),
  h('button', { type: 'submit', disabled: patients.length === 0 }, 'Screen and record'));

  const pasted = h('form', { class: 'card', id: 'form-screen-pasted', onsubmit: async (event) => {
    event.preventDefault();
    let record;
    try {
      record = JSON.parse(pasted.record.value);
    } catch (error) {
      return replace(result, notice('error', `The record is not valid JSON: ${error.message}`));
    }
    try {
      replace(result, checklist(await api.post('/api/screen', { patient: record, date: pasted.date.value }), protocol));
      forgetEdits(pasted);  // checked: a dry run has nothing to save
    } catch (error) {
      replace(result, notice('error', error.message, error.reasons));
    }
  } },
  h('h2', {}, 'Check a patient record'),
  h('p', { class: 'muted' }, 'Paste a patient record (JSON, as in docs/formats.md). Nothing is recorded.'),
  h('label', { class: 'field' }, h('span', {}, 'Patient record'), h('textarea', { name: 'record', rows: 10, required: true, spellcheck: 'false' })),
  field('As of', 'date', { type: 'date', value: today(), required: true }),
  h('button', { type: 'submit' }, 'Check eligibility'));

  // Recording a screening is for the roles that register (docs/api.md).
  const mayRecord = may('register');
  renderView(app, h('h1', {}, 'Screening'), h('div', { class: 'columns' }, mayRecord ? registered : null, pasted), result);
}
