// The study record, in the registry's tabular style: design, arms and interventions,
// eligibility criteria beside the engine's reading, and the primary outcome; for the roles
// the server lets open and close periods (an investigator, an administrator), the periods.
import { may } from '../api.js';
import { h, renderView, notice } from '../dom.js';
import { periodsCard } from './periods.js';

function table(rows) {
  return h('table', { class: 'facts' }, h('tbody', {}, rows.filter(([, value]) => value !== undefined && value !== null)
    .map(([label, value]) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, value)))));
}

export async function studyView(app, protocol, shown = null) {
  const registry = protocol.registry || {};
  const periods = may('manage-periods') ? await periodsCard(protocol, (next) => studyView(app, protocol, next)) : null;
  if (periods && shown) periods.append(notice('ok', shown.ok));  // where the user recorded it
  const criteria = (kind) => protocol.criteria.filter((criterion) => criterion.kind === kind).map((criterion) =>
    h('li', { id: `criterion-${criterion.id}` },
      h('p', {}, criterion.text),
      h('p', { class: 'reading' }, h('span', { class: 'tag' }, criterion.id), ' ', criterion.interpretation,
        criterion.waivable ? h('span', { class: 'tag tag-warn' }, 'waivable') : null)));
  renderView(app,
    h('h1', {}, protocol.title),
    h('p', { class: 'muted' }, `${registry.nct_id || protocol.id} · ${(registry.other_ids || []).join(' · ')} · protocol file version ${protocol.version}`),
    h('section', { class: 'card' }, h('h2', {}, 'Study design'), table([
      ['Condition', registry.condition], ['Study type', registry.study_type], ['Phase', registry.phase],
      ['Enrollment', registry.enrollment], ['Allocation', registry.allocation], ['Intervention model', registry.intervention_model],
      ['Model description', registry.intervention_model_description], ['Masking', registry.masking],
      ['Primary purpose', registry.primary_purpose], ['Study start', registry.start_date],
      ['Primary completion', registry.primary_completion_date], ['Sponsor', registry.sponsor], ['Study chair', registry.study_chair],
      ['Location', registry.location]])),
    h('section', { class: 'card' }, h('h2', {}, 'Arms and interventions'),
      h('table', { class: 'grid' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Arm'), h('th', {}, 'Intervention/treatment'), h('th', {}, 'Period in this engine'))),
        h('tbody', {}, (registry.arms || []).map((arm) => h('tr', {},
          h('td', {}, h('strong', {}, arm.label), h('p', {}, arm.description)),
          h('td', {}, (arm.interventions || []).map((name) => h('div', {}, name))),
          h('td', {}, arm.period)))))),
    h('section', { class: 'card' }, h('h2', {}, 'Eligibility'),
      table([['Ages eligible', registry.ages_eligible], ['Sexes eligible', registry.sexes_eligible],
        ['Accepts healthy volunteers', registry.accepts_healthy_volunteers]]),
      h('h3', {}, 'Inclusion criteria'), h('ul', { class: 'criteria' }, criteria('inclusion')),
      h('h3', {}, 'Exclusion criteria'), h('ul', { class: 'criteria' }, criteria('exclusion'))),
    h('section', { class: 'card' }, h('h2', {}, 'Primary outcome'),
      registry.primary_outcome ? table([['Measure', registry.primary_outcome.measure], ['Time frame', registry.primary_outcome.time_frame],
        ['Description', registry.primary_outcome.description]]) : null,
      h('h3', {}, 'Response categories, in precedence order'),
      h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, h('th', {}, 'Category'), h('th', {}, 'Responder'), h('th', {}, 'Rule'))),
        h('tbody', {}, protocol.response.categories.map((category) => h('tr', {},
          h('td', {}, `${category.id}: ${category.label}`), h('td', {}, category.responder ? 'yes' : 'no'), h('td', {}, h('code', {}, category.rule))))))),
    periods);
}
