// One patient: where they stand, their calendar (due, given, late, missed, with the dose
// for the latest height and weight), every value recorded (with corrections where it is
// shown), forms for what the user's role may record, and the audit history with content.
import { api, may } from '../api.js';
import { h, replace, renderView, notice, field, values, today, badge, mg, isEdited, forgetEdits } from '../dom.js';
import { savingSubmit, showError } from '../submit.js';
import { historyView } from './history.js';
import { recordedValues } from './record-tables.js';
import { doseFields, bodyFields, labFields, marrowFields, labBody } from './record-forms.js';
import { adverseEventsSection, adverseEventVocabulary } from './safety.js';

// The forms are those of what the user's role may do, as the server's session names it
// (docs/api.md): the coordinator enters measurements and doses, the pharmacist verifies, the
// investigator waives, adjudicates and starts add-ons.

// A form that posts to the patient once per submission and shows the patient again; the
// outcome is shown inside the same form of the new rendering, where the user is.
function actionForm(context, title, path, fields, toBody, className = '') {
  const message = h('div', { class: 'message' });
  const form = h('form', { class: `card action ${className}`, id: `form-${path}` }, h('h3', {}, title), fields,
    h('button', { type: 'submit' }, title), message);
  return savingSubmit(form, message, {
    body: () => toBody(values(form), form, message),
    send: (body, key) => api.post(`/api/patients/${encodeURIComponent(context.id)}/${path}`, body, key),
    done: async (answer) => {
      forgetEdits(form);  // recorded: the next rendering starts this form afresh
      const deviations = (answer.deviations || []).map((deviation) => `${deviation.kind}: ${deviation.message}`);
      await context.reload(deviations.length
        ? { warn: `Recorded (event ${answer.sequence}) with deviations to explain:`, reasons: deviations, near: `#${form.id}` }
        : { ok: `Recorded (event ${answer.sequence})${answer.response ? `: ${answer.response}` : ''}.`, near: `#${form.id}` });
    },
  });
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
      h('td', {}, dose.given ? `given ${dose.given.date}: ${mg(dose.given.dose_mg)}` : '',
        dose.unverified || (dose.given && dose.given.unverified) ? h('span', { class: 'tag tag-bad' }, ' not verified by a pharmacist') : null))),
  ]);
  return h('div', {},
    h('div', { class: 'scroll' }, h('table', { class: 'grid', id: 'calendar' },
      h('thead', {}, h('tr', {}, ['Status', 'Day', 'Date (window)', 'Drug', 'Level', 'Planned', 'Given'].map((title) => h('th', {}, title)))),
      h('tbody', {}, rows))),
    calendar.deviations.length ? h('div', { class: 'notice notice-warn' }, h('p', {}, 'Deviations'),
      h('ul', {}, calendar.deviations.map((deviation) => h('li', {}, `${deviation.kind}: ${deviation.message}`)))) : null,
    calendar.delays.length ? h('ul', { class: 'muted' }, calendar.delays.map((delay) => h('li', {}, delay.message))) : null,
    (calendar.warnings || []).map((warning) => notice('warn', warning)));
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

// A dose as the user knows it: course, day, drug and date.
const doseName = (dose) => `course ${dose.course} day ${dose.day} ${dose.drug} ${dose.date} (${mg(dose.dose_mg)})`;

// A lab's value must read as a number unless the lab has text results: said beside the
// field before anything is sent.
function checkedLab(v, form, message, protocol) {
  const body = labBody(v);
  const spec = protocol.observations.find((observation) => observation.code === body.code);
  if (spec && !spec.values && typeof body.value !== 'number') {
    showError(form, message, { path: '$.value', message: 'Value must be a number; use a dot for decimals.' });
    return null;
  }
  return body;
}

function formsFor(context, patient, protocol) {
  const { id } = context;
  const derived = patient.derived;
  const enrolled = patient.status === 'enrolled';
  const date = (label = 'Date') => field(label, 'date', { type: 'date', value: today(), max: today(), required: true });
  const forms = [];
  if (['registered', 'screened', 'consented'].includes(patient.status) && may('register')) {
    forms.push(actionForm(context, 'Record consent', 'consent', [date('Date signed')], (v) => v));
    forms.push(actionForm(context, 'Enroll', 'enrollment', [date('Date of enrollment')], (v) => v));
  }
  if (!enrolled && patient.status !== 'off-study' && may('waive')) {
    const waivable = protocol.criteria.filter((criterion) => criterion.waivable);
    forms.push(actionForm(context, 'Grant a waiver', 'waivers', [
      h('label', { class: 'field', for: 'field-criterion' }, h('span', {}, 'Criterion'),
        h('select', { id: 'field-criterion', name: 'criterion' }, waivable.map((criterion) => h('option', { value: criterion.id }, `${criterion.id}: ${criterion.text.slice(0, 80)}`)))),
      date(), field('Reason', 'reason', { required: true })], (v) => v));
  }
  if (enrolled && may('verify-dose')) {
    forms.push(actionForm(context, 'Verify a dose', 'dose-verifications', [
      field('Course', 'course', { type: 'number', min: 1, required: true }), field('Day', 'day', { type: 'number', min: 1, value: 1, required: true }),
      field('Drug', 'drug', {}, protocol.drugs.map((drug) => drug.id)),
      field('Dose (mg)', 'dose_mg', { type: 'number', step: '0.01', min: 0.01, required: true })], (v) => v));
  }
  if (enrolled && may('record-clinical')) {
    forms.push(actionForm(context, 'Record a dose', 'doses', [...doseFields(protocol),
      field('Explanation, if it departs from the plan', 'explanation')], (v) => v, 'wide'));
    forms.push(actionForm(context, 'Record height and weight', 'body', bodyFields(), (v) => v));
    forms.push(actionForm(context, 'Record a lab', 'observations', labFields(protocol), (v, form, message) => checkedLab(v, form, message, protocol)));
    forms.push(actionForm(context, 'Record a marrow assessment', 'marrow', marrowFields(), (v) => v, 'wide'));
  }
  const open = patient.doses.filter((dose) => derived.open_deviations.includes(dose.sequence));
  if (enrolled && may('record-follow-up') && open.length) {
    forms.push(actionForm(context, 'Explain deviations', 'deviation-explanations', [
      h('label', { class: 'field', for: 'field-dose_sequence' }, h('span', {}, 'Dose'),
        h('select', { id: 'field-dose_sequence', name: 'dose_sequence' }, open.map((dose) => h('option', { value: dose.sequence }, doseName(dose))))),
      field('Explanation', 'explanation', { required: true })],
    (v) => ({ ...v, dose_sequence: Number(v.dose_sequence) })));
  }
  if (enrolled && may('adjudicate')) {
    forms.push(actionForm(context, 'Adjudicate a response', 'responses', [
      field('Course', 'course', { type: 'number', min: 1, required: true }),
      field('Category', 'category', {}, [...protocol.response.categories.map((category) => category.id), protocol.response.not_evaluable]),
      field('Reason', 'reason', { required: true })], (v) => v));
  }
  if (enrolled && may('start-add-on')) {
    for (const signal of derived.signals) {
      const addOn = protocol.add_ons.find((candidate) => candidate.signal === signal.id);
      if (addOn) {
        forms.push(actionForm(context, `Start ${addOn.id}`, 'add-ons', [h('p', {}, signal.message),
          field('From course', 'from_course', { type: 'number', min: derived.courses_given + 1, value: derived.courses_given + 1, required: true }),
          field('Reason', 'reason', { required: true, value: 'no improvement after 2 courses' })], (v) => ({ ...v, add_on: addOn.id })));
      }
    }
  }
  if (enrolled && may('record-follow-up')) {
    forms.push(actionForm(context, 'Take off study', 'off-study', [date(), field('Reason', 'reason', { required: true })], (v) => v));
  }
  return forms;
}

export async function patientView(app, protocol, id, outcome = null) {
  const [patient, events, words] = await Promise.all([api.get(`/api/patients/${encodeURIComponent(id)}`),
    api.get(`/api/patients/${encodeURIComponent(id)}/history`), adverseEventVocabulary()]);
  const context = {
    id,
    reload: (next) => patientView(app, protocol, id, next),
    rerender: () => patientView(app, protocol, id),
  };
  document.title = `${id} · trialcore`;
  const derived = patient.derived;
  const forms = formsFor(context, patient, protocol);
  const hasCalendar = patient.status === 'enrolled' || patient.status === 'off-study';
  const calendarHolder = h('div', {}, h('p', { class: 'muted' }, 'Loading the calendar…'));
  renderView(app,
    h('p', {}, h('a', { href: '#/patients' }, '← Patients')),
    h('h1', {}, patient.id, ' ', h('span', { class: 'status', id: 'status' }, patient.status)),
    h('section', { class: 'card summary' },
      h('p', {}, patient.period ? `Period ${patient.period}, enrolled ${patient.enrolled_on}. ` : 'Not enrolled. ',
        `Courses given: ${derived.courses_given}. `,
        derived.courses_given ? `Best response: ${derived.best_response.category} (${derived.best_response.reason}).` : ''),
      derived.signals.map((signal) => notice('warn', `${signal.id}: ${signal.message}`)),
      derived.open_deviations.length ? notice('warn', `Unexplained deviations on ${patient.doses.filter((dose) => derived.open_deviations.includes(dose.sequence)).map(doseName).join('; ')}.`) : null,
      patient.screenings.length ? h('p', { class: 'muted' }, 'Screenings: ', patient.screenings.map((screening) => `${screening.date} ${screening.eligible}`).join(' · ')) : null,
      patient.off_study ? h('p', {}, `Off study on ${patient.off_study.date}: ${patient.off_study.reason}`) : null),
    hasCalendar ? h('section', { class: 'card' }, h('h2', {}, 'Calendar'), calendarHolder) : null,
    forms.length ? h('section', {}, h('h2', {}, 'Record'), h('div', { class: 'forms' }, forms)) : null,
    recordedValues(context, patient, protocol, events),
    patient.enrolled_on ? adverseEventsSection(context, patient, words) : null,
    h('section', { class: 'card' }, h('h2', {}, 'History'), historyView(events)));
  if (outcome) showOutcome(app, outcome);
  if (hasCalendar) {
    try {
      const calendar = await api.get(`/api/patients/${encodeURIComponent(id)}/calendar?date=${today()}`);
      replace(calendarHolder, calendarView(calendar));
      prefillDose(app, calendar);
    } catch (error) {
      replace(calendarHolder, notice('error', error.message));
    }
  }
}

// What a submission did, shown in the form it came from (or the section it corrected), and
// the focus put there, so the user is where they were.
function showOutcome(app, outcome) {
  const near = (outcome.near && app.querySelector(outcome.near)) || app.querySelector('h1');
  const shown = outcome.warn ? notice('warn', outcome.warn, outcome.reasons) : notice('ok', outcome.ok);
  shown.tabIndex = -1;
  const place = near.querySelector(':scope > .message') || near;
  if (place === near && near.tagName === 'H1') near.after(shown); else place.append(shown);
  shown.focus({ preventScroll: false });
}
