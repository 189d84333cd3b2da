// The endpoint dashboard: response rates with exact intervals per period and overall and
// by salvage, accrual and targets, a swimmer plot, and overall survival.
import { api } from '../api.js';
import { h, replace, renderView, percent, today, field } from '../dom.js';
import { kaplanMeierChart, swimmerPlot } from '../charts.js';

function groupTable(groups, categories, id) {
  return h('table', { class: 'grid', id },
    h('thead', {}, h('tr', {}, ['Group', 'Enrolled', 'Treated', ...categories, 'Responders', 'Rate (95% CI)'].map((title) => h('th', {}, title)))),
    h('tbody', {}, groups.map((group) => h('tr', { 'data-group': group.group },
      h('td', {}, group.group), h('td', { class: 'number' }, group.enrolled), h('td', { class: 'number' }, group.treated),
      categories.map((category) => h('td', { class: 'number' }, group.best_response[category])),
      h('td', { class: 'number' }, group.responders),
      h('td', {}, group.rate === null ? '' : h('span', {}, `${percent(group.rate)} (${percent(group.ci95[0])} to ${percent(group.ci95[1])})`,
        h('span', { class: 'ci-bar' }, h('span', { class: 'ci-range', style: `left:${group.ci95[0] * 100}%;width:${(group.ci95[1] - group.ci95[0]) * 100}%` }),
          h('span', { class: 'ci-point', style: `left:${group.rate * 100}%` }))))))));
}

async function swimmerData(patients) {
  const list = patients.filter((patient) => patient.enrolled_on).slice(0, 150);
  const details = await Promise.all(list.map((patient) => api.get(`/api/patients/${encodeURIComponent(patient.id)}`)));
  const dayOf = (start, date) => Math.round((Date.parse(date) - Date.parse(start)) / 86400000);
  return details.map((patient) => {
    const start = patient.enrolled_on;
    const courses = {};
    for (const dose of patient.doses) courses[dose.course] = Math.min(courses[dose.course] ?? Infinity, dayOf(start, dose.date));
    const dates = [...patient.doses.map((dose) => dose.date), ...patient.assessments.map((assessment) => assessment.date)];
    if (patient.off_study) dates.push(patient.off_study.date);
    const last = dates.length ? dates.sort().at(-1) : start;
    return {
      id: patient.id,
      // Follow-up known so far: to going off study, or to the last thing recorded.
      days: Math.max(1, dayOf(start, patient.off_study ? patient.off_study.date : last)),
      offStudy: Boolean(patient.off_study),
      courses: Object.values(courses),
      responses: patient.assessments.map((assessment) => ({ day: dayOf(start, assessment.date), course: assessment.course, category: assessment.response.category })),
    };
  });
}

// What needs someone's attention: each dose given without the pharmacist's verification the
// protocol requires (docs/api.md), with its patient, newest first.
function attentionCard(patients) {
  const doses = patients.flatMap((patient) => (patient.unverified_doses || []).map((dose) => ({ patient: patient.id, ...dose })))
    .sort((a, b) => b.date.localeCompare(a.date) || b.sequence - a.sequence);
  return h('section', { class: 'card', id: 'attention' }, h('h2', {}, 'Needs attention'),
    doses.length
      ? h('ul', { id: 'unverified-doses' }, doses.map((dose) => h('li', { 'data-patient': dose.patient, 'data-sequence': dose.sequence },
        h('a', { href: `#/patients/${encodeURIComponent(dose.patient)}` }, dose.patient),
        `: ${dose.drug}, course ${dose.course} day ${dose.day}, given ${dose.date} without a pharmacist's verification (event ${dose.sequence})`)))
      : h('p', { class: 'muted' }, 'Every dose given was verified by a pharmacist.'));
}

export async function dashboardView(app, protocol) {
  const date = new URLSearchParams(location.hash.split('?')[1] || '').get('date') || today();
  const [report, patients] = await Promise.all([api.get(`/api/report?date=${date}`), api.get('/api/patients')]);
  const accrual = report.accrual;
  const holder = h('div', { class: 'muted' }, 'Drawing the swimmer plot…');
  const asOf = h('form', { class: 'card inline', id: 'form-as-of', onsubmit: (event) => {
    event.preventDefault();
    location.hash = `#/dashboard?date=${asOf.date.value}`;
  } }, field('As of', 'date', { type: 'date', value: date, required: true }), h('button', { type: 'submit' }, 'Show'));
  renderView(app,
    h('h1', {}, 'Primary endpoint'), asOf,
    attentionCard(patients),
    h('p', { class: 'muted' }, `As of ${report.as_of}. Response = CR, CRi or PR; best response over the courses that count; every patient given a dose is in the denominator (intent to treat).`),
    h('section', { class: 'card' }, h('h2', {}, 'By period'), groupTable([...report.periods, report.overall], report.categories, 'by-period')),
    h('section', { class: 'card' }, h('h2', {}, 'By salvage'), groupTable(report.subgroups, report.categories, 'by-subgroup'),
      report.undecided_subgroup.length ? h('p', { class: 'muted' }, `Not placed (salvage not recorded): ${report.undecided_subgroup.join(', ')}`) : null),
    h('section', { class: 'card' }, h('h2', {}, 'Accrual and targets'),
      h('p', { id: 'accrual' }, `${accrual.enrolled} enrolled${accrual.target ? ` of a target of ${accrual.target} (${accrual.remaining} to go)` : ''}.`),
      accrual.target ? h('progress', { max: accrual.target, value: accrual.enrolled }) : null,
      h('ul', {}, report.targets.map((target) => h('li', {}, `${target.label}: ${target.count} of at least ${target.minimum} ${target.met ? '(met)' : '(not yet met)'}`)))),
    h('section', { class: 'card' }, h('h2', {}, 'Courses and responses'), holder),
    h('section', { class: 'card' }, h('h2', {}, 'Overall survival (Kaplan-Meier)'),
      report.survival.length ? kaplanMeierChart(report.survival) : h('p', { class: 'muted' }, 'No patient enrolled yet.'),
      h('ul', { class: 'muted' }, report.survival.map((group) => h('li', {}, `${group.group}: ${group.subjects} patients, ${group.events} deaths, median ${group.median_days === null ? 'not reached' : `${Math.round(group.median_days)} days`}`)))));
  const swimmers = await swimmerData(patients);
  replace(holder, swimmers.length ? swimmerPlot(swimmers) : h('p', { class: 'muted' }, 'No patient enrolled yet.'));
}
