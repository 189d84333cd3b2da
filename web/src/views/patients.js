// The patients: status, period, courses, best response and what needs attention; and
// registering a new one.
import { api } from '../api.js';
import { h, replace, renderView, notice, forgetEdits } from '../dom.js';

export async function patientsView(app) {
  const patients = await api.get('/api/patients');
  const message = h('div');
  const form = h('form', { class: 'card', id: 'form-register', onsubmit: async (event) => {
    event.preventDefault();
    let record;
    try {
      record = JSON.parse(form.record.value);
    } catch (error) {
      return replace(message, notice('error', `The record is not valid JSON: ${error.message}`));
    }
    try {
      const registered = await api.post('/api/patients', { record });
      forgetEdits(form);
      location.hash = `#/patients/${encodeURIComponent(registered.id)}`;
    } catch (error) {
      replace(message, notice('error', error.message, error.reasons));
    }
  } },
  h('h2', {}, 'Register a patient'),
  h('label', { class: 'field' }, h('span', {}, 'Patient record (JSON)'), h('textarea', { name: 'record', rows: 8, required: true, spellcheck: 'false' })),
  h('label', { class: 'field' }, h('span', {}, 'or a file'), h('input', { type: 'file', accept: '.json,application/json', onchange: async (event) => {
    const file = event.target.files[0];
    if (file) form.record.value = await file.text();
  } })),
  h('button', { type: 'submit' }, 'Register'), message);

  const rows = patients.map((patient) => h('tr', {},
    h('td', {}, h('a', { href: `#/patients/${encodeURIComponent(patient.id)}` }, patient.id)),
    h('td', {}, patient.status), h('td', {}, patient.period), h('td', {}, patient.enrolled_on),
    h('td', { class: 'number' }, patient.courses_given),
    h('td', {}, patient.courses_given > 0 ? patient.best_response : ''),
    h('td', {}, patient.next_due ? `${patient.next_due.date}: course ${patient.next_due.course} day ${patient.next_due.day} ${patient.next_due.drug} ${patient.next_due.dose_mg.toFixed(2)} mg` : ''),
    h('td', {}, patient.signals.map((signal) => h('span', { class: 'tag tag-warn', title: signal.message }, signal.id)),
      patient.open_deviations.length ? h('span', { class: 'tag tag-bad' }, `${patient.open_deviations.length} unexplained deviation(s)`) : null)));
  renderView(app, h('h1', {}, 'Patients'),
    h('table', { class: 'grid', id: 'patients' },
      h('thead', {}, h('tr', {}, ['Patient', 'Status', 'Period', 'Enrolled', 'Courses', 'Best response', 'Next due', 'Attention'].map((title) => h('th', {}, title)))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 8, class: 'muted' }, 'No patient registered yet.')))),
    form);
}
