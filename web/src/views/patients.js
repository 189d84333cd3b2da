// The patients: status, period, courses, best response and what needs attention; the record
// status of each course (done, due, late, missing) as a grid; and, for the roles that may,
// registering a new one through the protocol's form or from a file.
import { api, may } from '../api.js';
import { h, renderView, badge, today } from '../dom.js';
import { registrationForm, fileForm } from './register.js';

// A course's record status from its planned doses: done when every dose is given, missing
// when one was missed, late when one is past its date but in its window, due when one is
// due today, upcoming otherwise.
export function courseStatus(doses) {
  const statuses = doses.map((dose) => dose.status);
  if (!statuses.length) return '';
  if (statuses.every((status) => status === 'given')) return 'done';
  for (const status of ['missed', 'late', 'due']) if (statuses.includes(status)) return status === 'missed' ? 'missing' : status;
  return 'upcoming';
}

async function statusGrid(patients, protocol) {
  const treated = patients.filter((patient) => patient.enrolled_on);
  if (!treated.length) return null;
  const calendars = await Promise.all(treated.map((patient) =>
    api.get(`/api/patients/${encodeURIComponent(patient.id)}/calendar?date=${today()}`).catch(() => null)));
  const courses = Array.from({ length: protocol.max_courses || Math.max(1, ...calendars.map((calendar) => (calendar && calendar.courses ? calendar.courses.length : 0))) }, (_, index) => index + 1);
  return h('section', { class: 'card' }, h('h2', {}, 'Record status by course'),
    h('p', { class: 'muted' }, `As of ${today()}: done (every dose given), due, late (past its day, in its window), missing (a dose missed), upcoming.`),
    h('div', { class: 'scroll' }, h('table', { class: 'grid status-grid', id: 'record-status' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Patient'), courses.map((course) => h('th', {}, `Course ${course}`)))),
      h('tbody', {}, treated.map((patient, index) => {
        const calendar = calendars[index];
        const byCourse = Object.fromEntries(((calendar && calendar.courses) || []).map((course) => [course.course, courseStatus(course.doses)]));
        return h('tr', { 'data-patient': patient.id }, h('td', {}, h('a', { href: `#/patients/${encodeURIComponent(patient.id)}` }, patient.id)),
          courses.map((course) => h('td', { class: 'cell', 'data-course': course }, byCourse[course] ? badge(byCourse[course]) : '')));
      })))));
}

export async function patientsView(app, protocol) {
  const patients = await api.get('/api/patients');
  const mayRegister = may('register');
  const rerender = () => patientsView(app, protocol);
  const rows = patients.map((patient) => h('tr', {},
    h('td', {}, h('a', { href: `#/patients/${encodeURIComponent(patient.id)}` }, patient.id)),
    h('td', {}, patient.status), h('td', {}, patient.period), h('td', {}, patient.enrolled_on),
    h('td', { class: 'number' }, patient.courses_given),
    h('td', {}, patient.courses_given > 0 ? patient.best_response : ''),
    h('td', {}, patient.next_due ? `${patient.next_due.date}: course ${patient.next_due.course} day ${patient.next_due.day} ${patient.next_due.drug} ${patient.next_due.dose_mg.toFixed(2)} mg` : ''),
    h('td', {}, patient.signals.map((signal) => h('span', { class: 'tag tag-warn', title: signal.message }, signal.id)),
      patient.open_deviations.length ? h('span', { class: 'tag tag-bad' }, `${patient.open_deviations.length} unexplained deviation(s)`) : null)));
  const grid = h('div');
  renderView(app, h('h1', {}, 'Patients'),
    h('div', { class: 'scroll' }, h('table', { class: 'grid', id: 'patients' },
      h('thead', {}, h('tr', {}, ['Patient', 'Status', 'Period', 'Enrolled', 'Courses', 'Best response', 'Next due', 'Attention'].map((title) => h('th', {}, title)))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 8, class: 'muted' }, 'No patient registered yet.'))))),
    grid,
    mayRegister ? [registrationForm(protocol, rerender), fileForm()] : null);
  const shown = await statusGrid(patients, protocol);
  if (shown) grid.replaceChildren(shown);
}
