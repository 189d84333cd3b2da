// `trialcore protocol --usdm`: the built-in protocol and the second protocol are valid USDM
// 4.0 study files (CDISC's Wrapper-Input schema, ajv, draft 2020-12), every id they point at
// is there, and the study says what the protocol says.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { errorsOf, standards, usdmValidator } from './lib/schemas.mjs';
import { source, trialcore } from './lib/trial.mjs';

const validate = usdmValidator();
const secondProtocol = path.join(source, 'tests/data/protocols/made-up-myeloma.json');

function usdmOf(args = []) {
  const run = trialcore(['protocol', '--usdm', ...args]);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

// Every object with an id, and every reference (a member named ...Id or ...Ids) to one.
function idsAndReferences(document) {
  const ids = new Map();
  const references = [];
  const walk = (value, where) => {
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${where}[${i}]`));
    if (value === null || typeof value !== 'object') return;
    if (typeof value.id === 'string') {
      assert.ok(!ids.has(value.id), `${value.id} is the id of two objects`);
      ids.set(value.id, value);
    }
    for (const [key, member] of Object.entries(value)) {
      if (/Id$/.test(key) && typeof member === 'string') references.push([`${where}.${key}`, member]);
      if (/Ids$/.test(key) && Array.isArray(member)) member.forEach((id, i) => references.push([`${where}.${key}[${i}]`, id]));
      walk(member, `${where}.${key}`);
    }
  };
  walk(document, '$');
  return { ids, references };
}

describe('the schema itself', () => {
  test("CDISC's pilot study validates as Wrapper-Input, and a broken copy does not", () => {
    const pilot = JSON.parse(readFileSync(path.join(standards, 'examples', 'usdm-cdisc-pilot-study.json'), 'utf8'));
    assert.ok(validate(pilot), errorsOf(validate));
    const broken = structuredClone(pilot);
    delete broken.study.versions[0].studyDesigns[0].arms[0].type;
    assert.equal(validate(broken), false);
  });
});

describe('protocol --usdm', () => {
  const study = usdmOf();
  const protocol = JSON.parse(readFileSync(path.join(source, 'protocols/nct01134575.json'), 'utf8'));
  const version = study.study.versions[0];
  const design = version.studyDesigns[0];

  test('is a valid USDM 4.0 study file whose references all resolve', () => {
    assert.ok(validate(study), errorsOf(validate));
    assert.equal(study.usdmVersion, '4.0.0');
    const { ids, references } = idsAndReferences(study);
    assert.ok(references.length > 100);
    for (const [where, id] of references) assert.ok(ids.has(id), `${where}: ${id} is not in the file`);
  });

  test('the study, its version, identifiers, titles and phase', () => {
    assert.equal(study.study.name, 'NCT01134575');
    assert.equal(version.versionIdentifier, protocol.version);
    const registry = version.organizations.find((o) => o.id === version.studyIdentifiers[0].scopeId);
    assert.equal(version.studyIdentifiers[0].text, 'NCT01134575');
    assert.equal(registry.type.decode, 'Study Registry');
    assert.deepEqual(version.titles.map((t) => [t.type.decode, t.text]),
      [['Official Study Title', protocol.title], ['Brief Study Title', protocol.registry.brief_title]]);
    assert.equal(design.studyPhase.standardCode.code, 'C15601');
    assert.equal(design.model.decode, 'Single Group Study');
  });

  test('arms are the periods, epochs screening, the courses and follow-up, one cell each', () => {
    assert.deepEqual(design.arms.map((a) => [a.name, a.label]), protocol.periods.map((p) => [p.id, p.title]));
    const courses = protocol.treatment.max_courses;
    assert.deepEqual(design.epochs.map((e) => e.name),
      ['SCREENING', ...Array.from({ length: courses }, (_, i) => `COURSE ${i + 1}`), 'FOLLOW-UP']);
    assert.equal(design.epochs[0].nextId, design.epochs[1].id);
    assert.equal(design.studyCells.length, protocol.periods.length * design.epochs.length);
    const element = (id) => design.elements.find((e) => e.id === id);
    const cell = design.studyCells.find((c) => c.armId === design.arms[2].id && c.epochId === design.epochs[1].id);
    assert.equal(element(cell.elementIds[0]).name, 'A3C1');
  });

  test('every eligibility criterion with its id, category and text', () => {
    assert.equal(design.eligibilityCriteria.length, 18);
    const items = new Map(version.eligibilityCriterionItems.map((i) => [i.id, i]));
    protocol.criteria.forEach((criterion, i) => {
      const entry = design.eligibilityCriteria[i];
      assert.equal(entry.identifier, criterion.id);
      assert.equal(entry.category.decode, criterion.kind === 'inclusion' ? 'Inclusion Criteria' : 'Exclusion Criteria');
      assert.equal(items.get(entry.criterionItemId).text, criterion.text);
    });
    assert.equal(design.population.criterionIds.length, 18);
    assert.equal(design.population.plannedEnrollmentNumber.value, protocol.rules.accrual_target);
  });

  test('the primary objective and its endpoint: the response categories that count', () => {
    assert.equal(design.objectives.length, 1);
    const endpoint = design.objectives[0].endpoints[0];
    assert.equal(endpoint.level.decode, 'Primary Endpoint');
    assert.equal(endpoint.label, protocol.registry.primary_outcome.measure);
    for (const category of protocol.response.categories.filter((c) => c.responder)) {
      assert.match(endpoint.text, new RegExp(`\\b${category.id} \\(`));
    }
    assert.match(endpoint.text, /courses 1 to 8/);
  });

  test('interventions with an administration for each dose level', () => {
    assert.deepEqual(version.studyInterventions.map((i) => i.name), Object.keys(protocol.treatment.drugs));
    const doses = new Set(version.studyInterventions.flatMap((i) => i.administrations.map((a) => a.dose.value)));
    assert.deepEqual([...doses].sort((a, b) => a - b), [0.5, 0.8, 1.3, 1.8, 375]);
    const administration = version.studyInterventions[0].administrations[0];
    assert.equal(administration.dose.unit.standardCode.code, 'mg/m2');
    assert.equal(administration.route.standardCode.decode, 'Intravenous Route of Administration');
    assert.deepEqual([administration.duration.quantity.minValue.value, administration.duration.quantity.maxValue.value], [60, 75]);
  });

  test("the schedule: each period's dosing days, in order on shared days, with windows", () => {
    const timelines = design.scheduleTimelines;
    assert.equal(timelines.filter((t) => t.mainTimeline).length, 1);
    const main = timelines.find((t) => t.mainTimeline);
    const decision = main.instances.find((i) => i.instanceType === 'ScheduledDecisionInstance');
    assert.equal(decision.conditionAssignments.length, protocol.periods.length);
    const weekly = timelines.find((t) => t.name === 'period-3');
    const byName = new Map(weekly.instances.map((i) => [i.name, i]));
    // Course 1 with rituximab: rituximab on day 1, inotuzumab on day 2; later courses both on day 1, rituximab first.
    assert.ok(byName.has('COURSE 1 DAY 2'));
    assert.ok(!byName.has('COURSE 2 DAY 2'));
    const activities = new Map(design.activities.map((a) => [a.id, a.name]));
    assert.deepEqual(byName.get('COURSE 2 DAY 1').activityIds.map((id) => activities.get(id)),
      ['Administer rituximab', 'Administer inotuzumab ozogamicin (CMC-544)']);
    const timing = weekly.timings.find((t) => t.relativeFromScheduledInstanceId === byName.get('COURSE 2 DAY 8').id);
    assert.deepEqual([timing.value, timing.windowLower, timing.windowUpper], ['P28D', 'P0D', 'P1D']);  // study day 29, one day late allowed
    const anchor = weekly.timings.find((t) => t.type.decode === 'Fixed Reference');
    assert.equal(anchor.relativeFromScheduledInstanceId, byName.get('COURSE 1 DAY 1').id);
  });
});

describe('protocol --usdm of the second protocol', () => {
  test('validates without a registry section or a regimen', () => {
    const study = usdmOf(['--protocol', secondProtocol]);
    assert.ok(validate(study), errorsOf(validate));
    const design = study.study.versions[0].studyDesigns[0];
    assert.equal(design.studyPhase, null);  // the file states none
    assert.deepEqual(design.arms.map((a) => a.name), ['dose-escalation', 'expansion']);
    assert.equal(design.eligibilityCriteria.length, 7);
    const { ids, references } = idsAndReferences(study);
    for (const [where, id] of references) assert.ok(ids.has(id), `${where}: ${id}`);
  });

  test('a registry member of the wrong type is named, and nothing is printed', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'trialcore-usdm-'));
    try {
      const broken = JSON.parse(readFileSync(path.join(source, 'protocols/nct01134575.json'), 'utf8'));
      broken.registry.phase = 2;
      const file = path.join(work, 'broken.json');
      writeFileSync(file, JSON.stringify(broken));
      const run = trialcore(['protocol', '--usdm', '--protocol', file]);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /\$\.registry\.phase/);
      assert.equal(run.stdout, '');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
