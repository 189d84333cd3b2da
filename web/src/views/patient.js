// One patient: where they stand, their calendar (due, given, late, missed, with the dose
// for the latest height and weight), forms for what is recorded, and the audit history.
import { api, currentUser } from '../api.js';
import { h, replace, renderView, notice, field, values, today, badge, mg, isEdited, forgetEdits } from '../dom.js';

// As the server's roles (docs/api.md): the coordinator enters measurements and doses.
const may = {
  register: ['coordinator', 'investigator'],
  clinical: ['coordinator'],
  followUp: ['coordinator', 'investigator'],
  verify: ['pharmacist'],
  investigator: ['investigator'],
};
const allowed = (what) => may[what].includes(currentUser.role);

// A form that posts to the patient and reloads the page; the server's refusal or error
// is shown under it, with its reasons.
function actionForm(title, id, path, fields, toBody, reload, className = '') {
  const message = h('div');
  const form = h('form', { class: `card action ${className}`, id: `form-${path}`, onsubmit: async (event) => {
    event.preventDefault();
    try {
      const answer = await api.post(`/api/patients/${encodeURIComponent(id)}/${path}`, toBody(values(form)));
      forgetEdits(form);  // recorded: the next rendering starts this form afresh
      const deviations = (answer.deviations || []).map((deviation) => `${deviation.kind}: ${deviation.message}`);
      await reload(deviations.length ? notice('warn', `Recorded (event ${answer.sequence}) with deviations to explain:`, deviations)
        : notice('ok', `Recorded (event ${answer.sequence})${answer.response ? `: ${answer.response}` : ''}.`));
    } catch (error) {
      replace(message, notice('error', error.message, error.reasons));
    }
  } }, h('h3', {}, title), fields, h('button', { type: 'submit' }, title), message);
  return form;
}

function calendarView(calendar) {
  if (calendar.note) return h('p', { class: 'muted' }, calendar.note);
  const rows = calendar.courses.flatMap((course) => [
    h('tr', { class: 'course-row' }, h('td', { colspan: 7 },
      h('strong', {}, `Course ${course.course}${course.next ? ' (next)' : ''}`),
      ` · day 1 ${course.day1} · BSA ${course.bsa_m2.toFixed(2)} m² from ${course.height_cm} cm, ${course.weight_kg} kg measured ${course.measured_on}`)),
    ...course.doses.map((dose) => h('tr', { class: `dose dose-${dose.status}` },
      h('td', {}, badge(dose.status)), h('td', {}, `day ${dose.day}`),
      h('td', {}, dose.latest === dose.date ? dose.date : `${dose.date} to ${dose.latest}`),
      h('td', {}, dose.order > 1 ? `${dose.order}. ${dose.drug}` : dose.drug),
      h('td', { class: 'number' }, `${dose.dose_mg_m2} mg/m²`), h('td', { class: 'number' }, mg(dose.dose_mg)),
      h('td', {}, dose.given ? `given ${dose.given.date}: ${mg(dose.given.dose_mg)}` : ''))),
  ]);
  return h('div', {},
    h('table', { class: 'grid', id: 'calendar' },
      h('thead', {}, h('tr', {}, ['Status', 'Day', 'Date (window)', 'Drug', 'Level', 'Planned', 'Given'].map((title) => h('th', {}, title)))),
      h('tbody', {}, rows)),
    calendar.deviations.length ? h('div', { class: 'notice notice-warn' }, h('p', {}, 'Deviations'),
      h('ul', {}, calendar.deviations.map((deviation) => h('li', {}, `${deviation.kind}: ${deviation.message}`)))) : null,
    calendar.delays.length ? h('ul', { class: 'muted' }, calendar.delays.map((delay) => h('li', {}, delay.message))) : null,
    (calendar.warnings || []).map((warning) => notice('warn', warning)));
}

function historyView(events) {
  return h('table', { class: 'grid small', id: 'history' },
    h('thead', {}, h('tr', {}, ['#', 'Recorded (UTC)', 'By', 'Event', 'Clinical date', 'Why', 'Hash'].map((title) => h('th', {}, title)))),
    h('tbody', {}, events.map((event) => h('tr', {},
      h('td', { class: 'number' }, event.sequence), h('td', {}, event.recorded_at), h('td', {}, event.actor),
      h('td', {}, event.kind, event.corrects ? ` (corrects ${event.corrects})` : ''), h('td', {}, event.clinical_date || ''),
      h('td', {}, event.reason), h('td', {}, h('code', { title: event.hash }, event.hash.slice(0, 12)))))));
}

// The dose form starts with the first dose due, at the mg planned for the latest height
// and weight: the nurse checks it rather than types it. A field the nurse has typed into
// keeps what was typed.
function prefillDose(root, calendar) {
  const form = root.querySelector('#form-doses');
  const due = calendar.courses.flatMap((course) => course.doses).find((dose) => ['due', 'upcoming'].includes(dose.status));
  if (!form || !due) return;
  const prefill = (control, value) => { if (!isEdited(control)) control.value = value; };
  prefill(form.course, due.course);
  prefill(form.day, due.day);
  prefill(form.drug, due.drug);
  prefill(form.dose_mg, due.dose_mg.toFixed(2));
}

export async function patientView(app, protocol, id, message = null) {
  const [patient, events] = await Promise.all([api.get(`/api/patients/${encodeURIComponent(id)}`), api.get(`/api/patients/${encodeURIComponent(id)}/history`)]);
  const reload = (note) => patientView(app, protocol, id, note);
  const derived = patient.derived;
  const enrolled = patient.status === 'enrolled';
  const date = () => field('Date', 'date', { type: 'date', value: today(), required: true });
  const forms = [];

  if (['registered', 'screened', 'consented'].includes(patient.status) && allowed('register')) {
    forms.push(actionForm('Record consent', id, 'consent', [date()], (v) => v, reload));
    forms.push(actionForm('Enroll', id, 'enrollment', [date()], (v) => v, reload));
  }
  if (!enrolled && patient.status !== 'off-study' && allowed('investigator')) {
    const waivable = protocol.criteria.filter((criterion) => criterion.waivable).map((criterion) => criterion.id);
    forms.push(actionForm('Grant a waiver', id, 'waivers', [field('Criterion', 'criterion', {}, waivable), date(),
      field('Reason', 'reason', { required: true })], (v) => v, reload));
  }
  if (enrolled && allowed('verify')) {
    forms.push(actionForm('Verify a dose', id, 'dose-verifications', [
      field('Course', 'course', { type: 'number', min: 1, required: true }), field('Day', 'day', { type: 'number', min: 1, value: 1, required: true }),
      field('Drug', 'drug', {}, protocol.drugs.map((drug) => drug.id)),
      field('Dose (mg)', 'dose_mg', { type: 'number', step: '0.01', min: 0.01, required: true })], (v) => v, reload));
  }
  if (enrolled && allowed('clinical')) {
    forms.push(actionForm('Record a dose', id, 'doses', [
      field('Course', 'course', { type: 'number', min: 1, required: true }), field('Day', 'day', { type: 'number', min: 1, value: 1, required: true }),
      field('Drug', 'drug', {}, protocol.drugs.map((drug) => drug.id)), date(),
      field('Start time', 'start_time', { type: 'time' }),
      field('Dose (mg)', 'dose_mg', { type: 'number', step: '0.01', min: 0.01, required: true }),
      field('Infusion (minutes)', 'infusion_minutes', { type: 'number', min: 1 }),
      field('Explanation, if it departs from the plan', 'explanation')], (v) => v, reload, 'wide'));
    forms.push(actionForm('Record height and weight', id, 'body', [date(),
      field('Height (cm)', 'height_cm', { type: 'number', step: '0.1', required: true }),
      field('Weight (kg)', 'weight_kg', { type: 'number', step: '0.1', required: true })], (v) => v, reload));
    forms.push(actionForm('Record a lab', id, 'observations', [
      field('Code', 'code', {}, protocol.observations.map((observation) => observation.code)),
      field('Value', 'value', { required: true }), field('Unit', 'unit'), field('Upper limit of normal', 'uln', { type: 'number', step: 'any' }), date()],
    (v) => ({ ...v, value: Number.isNaN(Number(v.value)) ? v.value : Number(v.value) }), reload));
    forms.push(actionForm('Record a marrow assessment', id, 'marrow', [
      field('After course', 'course', { type: 'number', min: 1, required: true }), date(),
      field('ANC (10⁹/L)', 'anc', { type: 'number', step: 'any', min: 0 }), field('Platelets (10⁹/L)', 'platelets', { type: 'number', step: 'any', min: 0 }),
      field('Marrow blasts (%)', 'marrow_blasts', { type: 'number', step: 'any', min: 0, max: 100 }),
      field('Baseline marrow blasts (%)', 'baseline_marrow_blasts', { type: 'number', step: 'any', min: 0, max: 100 }),
      field('Extramedullary disease', 'extramedullary', {}, ['absent', 'present', 'unknown'])], (v) => v, reload, 'wide'));
  }
  if (enrolled && allowed('followUp') && derived.open_deviations.length) {
    forms.push(actionForm('Explain deviations', id, 'deviation-explanations', [
      field('Dose event', 'dose_sequence', {}, derived.open_deviations.map(String)), field('Explanation', 'explanation', { required: true })],
    (v) => ({ ...v, dose_sequence: Number(v.dose_sequence) }), reload));
  }
  if (enrolled && allowed('investigator')) {
    forms.push(actionForm('Adjudicate a response', id, 'responses', [
      field('Course', 'course', { type: 'number', min: 1, required: true }),
      field('Category', 'category', {}, [...protocol.response.categories.map((category) => category.id), protocol.response.not_evaluable]),
      field('Reason', 'reason', { required: true })], (v) => v, reload));
    for (const signal of derived.signals) {
      const addOn = protocol.add_ons.find((candidate) => candidate.signal === signal.id);
      if (addOn) {
        forms.push(actionForm(`Start ${addOn.id}`, id, 'add-ons', [h('p', {}, signal.message),
          field('From course', 'from_course', { type: 'number', min: derived.courses_given + 1, value: derived.courses_given + 1, required: true }),
          field('Reason', 'reason', { required: true, value: 'no improvement after 2 courses' })], (v) => ({ ...v, add_on: addOn.id }), reload));
      }
    }
  }
  if (patient.status === 'enrolled' && allowed('followUp')) {
    forms.push(actionForm('Take off study', id, 'off-study', [date(), field('Reason', 'reason', { required: true })], (v) => v, reload));
  }

  const calendarHolder = h('div', {}, h('p', { class: 'muted' }, 'Loading the calendar…'));
  renderView(app,
    h('p', {}, h('a', { href: '#/patients' }, '← Patients')),
    h('h1', {}, patient.id, ' ', h('span', { class: 'status', id: 'status' }, patient.status)),
    message,
    h('section', { class: 'card summary' },
      h('p', {}, patient.period ? `Period ${patient.period}, enrolled ${patient.enrolled_on}. ` : 'Not enrolled. ',
        `Courses given: ${derived.courses_given}. `,
        derived.courses_given ? `Best response: ${derived.best_response.category} (${derived.best_response.reason}).` : ''),
      derived.signals.map((signal) => notice('warn', `${signal.id}: ${signal.message}`)),
      derived.open_deviations.length ? notice('warn', `Unexplained deviations on dose events ${derived.open_deviations.join(', ')}.`) : null,
      patient.screenings.length ? h('p', { class: 'muted' }, 'Screenings: ', patient.screenings.map((screening) => `${screening.date} ${screening.eligible}`).join(' · ')) : null,
      patient.off_study ? h('p', {}, `Off study on ${patient.off_study.date}: ${patient.off_study.reason}`) : null),
    enrolled || patient.status === 'off-study' ? h('section', { class: 'card' }, h('h2', {}, 'Calendar'), calendarHolder) : null,
    forms.length ? h('section', {}, h('h2', {}, 'Record'), h('div', { class: 'forms' }, forms)) : null,
    h('section', { class: 'card' }, h('h2', {}, 'History'), historyView(events)));
  if (enrolled || patient.status === 'off-study') {
    try {
      const calendar = await api.get(`/api/patients/${encodeURIComponent(id)}/calendar?date=${today()}`);
      replace(calendarHolder, calendarView(calendar));
      prefillDose(app, calendar);
    } catch (error) {
      replace(calendarHolder, notice('error', error.message));
    }
  }
}
