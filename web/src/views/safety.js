// Safety: the serious events on their reporting clock (late first) and the safety report
// (terms by worst grade per period and overall), for every role; and, for one patient, the
// adverse events as they stand with the forms that record, follow up and report them
// (docs/adverse-events.md). The investigator alone signs attribution and seriousness, so
// those fields are shown to the investigator only.
import { api, may } from '../api.js';
import { h, renderView, notice, field, today, badge, forgetEdits } from '../dom.js';
import { savingSubmit } from '../submit.js';
import { mayCorrect, rowWithVoid } from './record-tables.js';

// The forms' vocabulary (GET /api/adverse-event-terms), read once.
let vocabulary = null;
async function terms() {
  if (!vocabulary) vocabulary = await api.get('/api/adverse-event-terms');
  return vocabulary;
}

function clockRow(event) {
  const late = event.status === 'overdue' || event.status === 'reported late';
  return h('tr', { class: late ? 'late' : null },
    h('td', {}, badge(event.status)), h('td', {}, h('a', { href: `#/patients/${encodeURIComponent(event.patient)}` }, event.patient)),
    h('td', {}, event.specify ? `${event.term}: ${event.specify}` : event.term), h('td', { class: 'number' }, event.grade),
    h('td', {}, event.criteria.join(', ')), h('td', {}, event.since), h('td', {}, event.deadline),
    h('td', { class: 'number' }, event.reported ? `${event.reported.at} to ${event.reported.to}` : `${event.hours_left} h left`));
}

function groupTable(group) {
  const caption = `${group.label}: ${group.at_risk} treated, ${group.with_event} with an event, `
    + `${group.serious.patients} with a serious one, ${group.deaths_on_study} deaths on study`;
  if (group.terms.length === 0) return h('p', { class: 'safety-group' }, caption);
  return h('div', { class: 'scroll' }, h('table', { class: 'grid small safety-group', 'data-group': group.id },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ['Term', 'Organ system', 'Patients', 'Grade 1-2', '3', '4', '5', 'Serious'].map((title) => h('th', {}, title)))),
    h('tbody', {}, group.terms.map((term) => h('tr', {},
      h('td', {}, term.specify ? `${term.term}: ${term.specify}` : term.term), h('td', {}, term.organ_system),
      h('td', { class: 'number' }, term.patients),
      ...['1-2', '3', '4', '5'].map((grade) => h('td', { class: 'number' }, term.by_worst_grade[grade])),
      h('td', { class: 'number' }, term.serious_patients))))));
}

export async function safetyView(root) {
  renderView(root, h('h1', {}, 'Safety'), h('p', { class: 'muted' }, 'Loading…'));
  document.title = 'Safety · trialcore';
  let clock, report;
  try {
    [clock, report] = await Promise.all([api.get('/api/serious-events'), api.get(`/api/safety-report?date=${today()}`)]);
  } catch (error) {
    renderView(root, h('h1', {}, 'Safety'), notice('error', error.message));
    return;
  }
  const vod = report.vod_after_transplant;
  renderView(root, h('h1', {}, 'Safety'),
    h('section', { class: 'card' }, h('h2', {}, 'Serious events'),
      h('p', { class: 'muted' }, `Each is reported within ${clock.report_within_hours} hours of the team learning it is serious; now ${clock.now}.`),
      clock.events.length === 0 ? h('p', { id: 'serious-none' }, 'No serious event recorded.')
        : h('div', { class: 'scroll' }, h('table', { class: 'grid', id: 'serious-events' },
          h('thead', {}, h('tr', {}, ['Status', 'Patient', 'Term', 'Grade', 'Criteria', 'Serious since', 'Report by', 'Reported'].map((title) => h('th', {}, title)))),
          h('tbody', {}, clock.events.map(clockRow))))),
    h('section', { class: 'card', id: 'safety-report' }, h('h2', {}, `Safety report as of ${report.as_of}`),
      h('p', { class: 'muted' }, `${report.scale}; events from the first dose, patients counted by their worst grade.`),
      ...report.periods.map(groupTable), groupTable(report.overall),
      h('p', {}, `Veno-occlusive disease after transplant: ${vod.vod} of ${vod.transplanted}`
        + (vod.rate === undefined ? '' : ` (${(vod.rate * 100).toFixed(1)}%, 95% CI ${(vod.ci95[0] * 100).toFixed(1)}-${(vod.ci95[1] * 100).toFixed(1)}%)`))));
}

const kEventTitles = ['#', 'Term', 'Grade', 'Start', 'End', 'Outcome', 'Serious', 'Attribution', 'Reported'];

function eventRow(event) {
  return h('tr', { id: `adverse-event-${event.sequence}` },
    h('td', { class: 'number' }, event.sequence), h('td', {}, event.specify ? `${event.term}: ${event.specify}` : event.term),
    h('td', { class: 'number' }, event.grade === event.worst_grade ? event.grade : `${event.grade} (worst ${event.worst_grade})`),
    h('td', {}, event.start), h('td', {}, event.end || ''), h('td', {}, event.outcome || ''),
    h('td', {}, (event.serious || []).join(', ')),
    h('td', {}, Object.entries(event.attribution || {}).map(([drug, level]) => `${drug}: ${level}`).join('; ')),
    h('td', {}, (event.reports || []).map((report) => `${report.reported_at || report.at} to ${report.to}`).join('; ')));
}

// Checkboxes, one a word: the chosen ones as a list.
function choices(name, words) {
  return h('fieldset', { class: 'choices', id: `field-${name}` }, h('legend', {}, name.replace(/_/g, ' ')),
    words.map((word) => h('label', {}, h('input', { type: 'checkbox', name, value: word }), ` ${word}`)));
}

function adverseEventBody(form, vocabulary) {
  const body = { term: form.term.value, grade: Number(form.grade.value), start: form.start.value };
  for (const name of ['specify', 'end', 'outcome', 'aware_at']) {
    if (form[name] && form[name].value) body[name] = form[name].value;
  }
  if (may('sign-adverse-event')) {
    const serious = [...form.querySelectorAll('input[name=serious]:checked')].map((box) => box.value);
    if (serious.length) body.serious = serious;
    const attribution = {};
    for (const drug of vocabulary.drugs) {
      const level = form[`attribution-${drug.id}`].value;
      if (level) attribution[drug.id] = level;
    }
    if (Object.keys(attribution).length) body.attribution = attribution;
  }
  return body;
}

// Whether the user's role records adverse events (docs/api.md).
export const recordsAdverseEvents = () => may('record-follow-up');

// The forms' vocabulary, for a role that records adverse events; null otherwise.
export async function adverseEventVocabulary() {
  return recordsAdverseEvents() ? terms() : null;
}

// The patient's adverse events and, for the roles that record them (`words` given), the
// form. `context` is the patient view's: its id and reload.
export function adverseEventsSection(context, patient, words) {
  const events = patient.adverse_events || [];
  const table = events.length === 0 ? h('p', { class: 'muted', id: 'adverse-events-none' }, 'No adverse event recorded.')
    : h('div', { class: 'scroll' }, h('table', { class: 'grid small', id: 'adverse-events' },
      h('thead', {}, h('tr', {}, [...kEventTitles, ...(mayCorrect() ? [''] : [])].map((title) => h('th', {}, title)))),
      h('tbody', {}, events.flatMap((event) => rowWithVoid(context, event.sequence, eventRow(event), kEventTitles.length, '#section-adverse-events')))));
  const proposals = ((patient.derived && patient.derived.adverse_event_proposals) || []).filter((proposal) => !proposal.recorded_as);
  const proposed = proposals.length === 0 ? null : notice('warn', 'Labs on treatment that grade as adverse events, not yet recorded:',
    proposals.map((proposal) => `${proposal.date}: ${proposal.term} grade ${proposal.grade} (${proposal.reason})`));
  if (!words || patient.status !== 'enrolled') {
    return h('section', { class: 'card', id: 'section-adverse-events' }, h('h2', {}, 'Adverse events'), proposed, table);
  }
  const message = h('div', { class: 'message' });
  const form = h('form', { class: 'card action', id: 'form-adverse-events' },
    h('h3', {}, 'Record an adverse event'),
    field(`Term (${words.scale})`, 'term', { required: true }, words.terms.map((term) => term.term)),
    field('Specify (for an "other, specify" term)', 'specify', { type: 'text' }),
    field('Grade', 'grade', { required: true }, ['1', '2', '3', '4', '5']),
    field('Start', 'start', { type: 'date', required: true, value: today(), max: today() }),
    field('End', 'end', { type: 'date', max: today() }),
    field('Outcome', 'outcome', { required: true }, ['', ...words.outcomes]),
    may('sign-adverse-event') ? [
      choices('serious', words.serious_criteria),
      words.drugs.map((drug) => field(`Attribution to ${drug.name}`, `attribution-${drug.id}`, {}, ['', ...words.attributions])),
    ] : h('p', { class: 'muted' }, 'Seriousness and attribution are signed by an investigator.'),
    h('button', { type: 'submit' }, 'Record the adverse event'), message);
  savingSubmit(form, message, {
    body: () => adverseEventBody(form, words),
    send: (body, key) => api.post(`/api/patients/${encodeURIComponent(context.id)}/adverse-events`, body, key),
    done: async (answer) => {
      forgetEdits(form);
      await context.reload({ ok: `Adverse event recorded (event ${answer.sequence})${answer.report_by ? `: serious, report by ${answer.report_by}` : ''}.`,
        near: '#section-adverse-events' });
    },
    // attribution.inotuzumab -> the drug's select; serious -> the criteria's boxes.
    locate: (path) => {
      const drug = path.match(/^\$\.attribution\.(.+)$/);
      if (drug) return form.elements.namedItem(`attribution-${drug[1]}`);
      if (path.startsWith('$.serious')) return form.querySelector('input[name=serious]');
      return null;
    },
  });
  return h('section', { class: 'card', id: 'section-adverse-events' }, h('h2', {}, 'Adverse events'), proposed, table, form);
}
