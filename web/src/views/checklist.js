// A screening as a checklist: the verdict, what to obtain, and every criterion with its
// result and reason, grouped as inclusion and exclusion.
import { h, badge } from '../dom.js';

export function checklist(screening, protocol) {
  const kind = Object.fromEntries(protocol.criteria.map((criterion) => [criterion.id, criterion.kind]));
  const text = Object.fromEntries(protocol.criteria.map((criterion) => [criterion.id, criterion.text]));
  const obtain = [...new Set(screening.criteria.flatMap((criterion) => criterion.missing || []))];
  const failed = screening.criteria.filter((criterion) => criterion.result === 'fail').map((criterion) => criterion.id);
  const rows = (wanted) => screening.criteria.filter((criterion) => kind[criterion.id] === wanted).map((criterion) =>
    h('tr', { class: `result-${criterion.result}`, 'data-criterion': criterion.id },
      h('td', {}, badge(criterion.result)),
      h('td', {}, h('div', { class: 'criterion-text' }, text[criterion.id]), h('code', { class: 'muted' }, criterion.id)),
      h('td', {}, criterion.reason, criterion.missing && criterion.missing.length
        ? h('div', { class: 'obtain' }, 'Obtain: ', criterion.missing.join(', ')) : null)));
  const section = (title, wanted) => [h('h3', {}, title), h('table', { class: 'grid checklist' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Result'), h('th', {}, 'Criterion'), h('th', {}, 'Reason'))),
    h('tbody', {}, rows(wanted)))];
  const passes = screening.criteria.filter((criterion) => criterion.result === 'pass').length;
  return h('section', { class: 'card', id: 'checklist' },
    h('h2', {}, `Screening of ${screening.patient} as of ${screening.date}`),
    h('p', { class: `verdict verdict-${screening.eligible}` }, 'Eligible: ', h('strong', { id: 'verdict' }, screening.eligible),
      h('span', { class: 'muted', id: 'passes' }, ` · ${passes} of ${screening.criteria.length} criteria pass`)),
    failed.length ? h('p', {}, 'Not met: ', failed.map((id) => `${text[id] || id} (${id})`).join('; ')) : null,
    obtain.length ? h('p', { class: 'obtain' }, 'To obtain: ', obtain.join(', ')) : null,
    (screening.warnings || []).map((warning) => h('p', { class: 'muted' }, `Warning: ${warning}`)),
    section('Inclusion criteria', 'inclusion'), section('Exclusion criteria', 'exclusion'));
}
