// Feasibility, for investigators: the hospital's OMOP population pre-screened as of a date
// (GET /api/feasibility): the attrition funnel as a chart, the counts per criterion in
// protocol order, and the ids of the persons likely eligible, to contact. Ids only: the
// warehouse's other data stay there.
import { api } from '../api.js';
import { h, renderView, notice, field, today } from '../dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children.flat()) if (child) element.append(child);
  return element;
}

function label(x, y, content, attributes = {}) {
  const element = svg('text', { x, y, 'font-size': 11, fill: '#334155', ...attributes });
  element.textContent = content;
  return element;
}

// One bar a criterion: how many remain after it (known to pass, or unknown), of everyone.
function funnelChart(total, funnel, { width = 720 } = {}) {
  const left = 190, right = 70, row = 20;
  const scale = (count) => (total ? (count / total) * (width - left - right) : 0);
  const height = row * (funnel.length + 1) + 10;
  return svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', id: 'funnel-chart',
    'aria-label': 'Persons remaining after each criterion' },
    label(left - 6, row - 6, 'everyone', { 'text-anchor': 'end' }),
    svg('rect', { x: left, y: 4, width: scale(total), height: row - 6, fill: '#94a3b8' }),
    label(left + scale(total) + 4, row - 6, String(total)),
    funnel.map((step, i) => {
      const y = row * (i + 1) + 4;
      const passed = scale(step.pass), unknown = scale(step.unknown);
      return svg('g', { 'data-criterion': step.criterion },
        label(left - 6, y + row - 10, step.criterion, { 'text-anchor': 'end' }),
        svg('rect', { x: left, y, width: passed, height: row - 6, fill: '#15803d' }),
        svg('rect', { x: left + passed, y, width: unknown, height: row - 6, fill: '#f59e0b' }),
        label(left + passed + unknown + 4, y + row - 10, String(step.remaining)));
    }));
}

function countsTable(funnel) {
  return h('table', { class: 'grid', id: 'funnel' },
    h('thead', {}, h('tr', {}, ['Criterion', 'Pass', 'Fail', 'Unknown', 'Remaining'].map((title) => h('th', {}, title)))),
    h('tbody', {}, funnel.map((step) => h('tr', { 'data-criterion': step.criterion },
      h('td', {}, step.criterion), h('td', { class: 'number' }, step.pass), h('td', { class: 'number' }, step.fail),
      h('td', { class: 'number' }, step.unknown), h('td', { class: 'number' }, step.remaining)))));
}

export function feasibilityView(app, date = today()) {
  const form = h('form', { class: 'inline', id: 'form-feasibility', onsubmit: (event) => {
    event.preventDefault();
    feasibilityView(app, form.elements.date.value);
  } }, field('As of', 'date', { type: 'date', value: date, required: true }), h('button', { type: 'submit' }, 'Pre-screen'));
  return show(app, form, date);
}

async function show(app, form, date) {
  renderView(app, h('h1', {}, 'Feasibility'), form, h('p', { class: 'muted', id: 'feasibility-status' }, 'Pre-screening the warehouse…'));
  let answer;
  try {
    answer = await api.get(`/api/feasibility?date=${encodeURIComponent(date)}`);
  } catch (error) {
    renderView(app, h('h1', {}, 'Feasibility'), form, notice('error', error.message));
    return;
  }
  const verdicts = answer.verdicts;
  renderView(app,
    h('h1', {}, 'Feasibility'), form,
    h('p', { class: 'muted', id: 'feasibility-summary' },
      `As of ${answer.as_of}: ${answer.persons} persons in the warehouse; ${verdicts['likely-eligible']} likely eligible, `
      + `${verdicts.unknown} with facts to obtain, ${verdicts.excluded} excluded. Likely eligible: nothing fails, and what `
      + 'is unknown is asked at the screening visit.'),
    answer.unresolved_concepts.length
      ? notice('error', 'The warehouse\'s concept table lacks some of the mapping\'s concepts:', answer.unresolved_concepts) : null,
    h('section', { class: 'card' }, h('h2', {}, 'Attrition'),
      h('p', { class: 'muted' }, 'Criterion by criterion in protocol order: green passes, amber is unknown, the rest fails.'),
      funnelChart(answer.persons, answer.funnel)),
    h('section', { class: 'card' }, h('h2', {}, 'Counts per criterion'), countsTable(answer.funnel)),
    h('section', { class: 'card' }, h('h2', {}, `Persons to contact (${answer.likely_eligible.length})`),
      answer.likely_eligible.length
        ? h('ul', { id: 'contacts', class: 'columns' }, answer.likely_eligible.map((id) => h('li', { 'data-person': id }, String(id))))
        : h('p', { class: 'muted', id: 'contacts' }, 'No person is likely eligible on this date.')));
}
