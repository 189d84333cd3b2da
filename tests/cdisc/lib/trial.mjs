// A trial's record made through the command line, as coordinators make it: the workflow's
// patient (tests/data/cases/trial/workflow.json) and variants of it, as the trial module's
// tests make them (src/trial/trial_service_test.cc).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';

export const source = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const binary = process.env.TRIALCORE_BINARY ?? path.join(source, 'build', 'trialcore');

export function trialcore(args) {
  const run = spawnSync(binary, args, { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function must(args) {
  const run = trialcore(args);
  assert.equal(run.status, 0, `trialcore ${args.join(' ')}\n${run.stderr}`);
  return run;
}

const workflowPatient = () =>
  JSON.parse(readFileSync(path.join(source, 'tests/data/cases/trial/workflow.json'), 'utf8')).files['p1.json'];

// What each patient of the record went through, for the tests to check the export against.
export const patients = {
  'MDA-0001': 'the workflow: enrolled in period 1, an over-long infusion explained, no response after course 1, rituximab added from course 3, a CRi adjudicated CR, a later ALT, a bilirubin rise and a serious veno-occlusive disease',
  'MDA-0002': 'bilirubin in umol/L, washout waived, a dose off the plan explained, a fever, off study, died',
  'MDA-0003': 'hepatitis B: a screen failure',
  'MDA-0004': 'registered only: not a subject',
  'MDA-0005': 'period 3, weekly: an infusion past midnight, day 8 given a day late',
};

// Builds the record in `store` (a SQLite file) inside `dir`.
export function makeWorkflowStore(dir, store) {
  const as = (user) => ['--store', store, '--user', user];
  const file = (name, record) => {
    const where = path.join(dir, name);
    writeFileSync(where, JSON.stringify(record));
    return where;
  };
  const record = (id, change = (r) => r) => change({ ...structuredClone(workflowPatient()), id });

  // The workflow's steps, then its patient's later course.
  must(['register', file('p1.json', record('MDA-0001')), ...as('nurse.ann')]);
  must(['consent', 'MDA-0001', '--date', '2010-07-02', ...as('nurse.ann')]);
  must(['enroll', 'MDA-0001', '--date', '2010-07-05', ...as('nurse.ann')]);
  const first = JSON.parse(must(['record-dose', 'MDA-0001', '--course', '1', '--day', '1', '--drug', 'inotuzumab',
    '--date', '2010-07-05', '--start-time', '09:30', '--dose-mg', '2.36', '--infusion-minutes', '80',
    ...as('nurse.ann'), '--json']).stdout);
  must(['explain-deviation', 'MDA-0001', '--dose', String(first.sequence), '--explanation', 'infusion pump paused',
    ...as('nurse.ann')]);
  must(['record-marrow', 'MDA-0001', '--course', '1', '--date', '2010-07-30', '--anc', '1.5', '--platelets', '150',
    '--marrow-blasts', '60', '--baseline-marrow-blasts', '70', '--extramedullary', 'absent', ...as('nurse.ann')]);
  must(['record-dose', 'MDA-0001', '--course', '2', '--day', '1', '--drug', 'inotuzumab', '--date', '2010-08-02',
    '--dose-mg', '3.27', '--infusion-minutes', '62', ...as('nurse.ann')]);
  must(['start-add-on', 'MDA-0001', '--add-on', 'rituximab', '--from-course', '3', '--reason',
    'no response after 2 courses', ...as('dr.lee')]);
  must(['record-dose', 'MDA-0001', '--course', '3', '--day', '1', '--drug', 'rituximab', '--date', '2010-08-30',
    '--dose-mg', '681.79', '--infusion-minutes', '240', ...as('nurse.ann')]);
  must(['record-dose', 'MDA-0001', '--course', '3', '--day', '1', '--drug', 'inotuzumab', '--date', '2010-08-30',
    '--dose-mg', '3.27', '--infusion-minutes', '62', ...as('nurse.ann')]);
  must(['record-marrow', 'MDA-0001', '--course', '3', '--date', '2010-09-25', '--anc', '0.8', '--platelets', '150',
    '--marrow-blasts', '2', '--extramedullary', 'absent', ...as('nurse.ann')]);
  must(['adjudicate', 'MDA-0001', '--course', '3', '--response', 'CR', '--reason', 'ANC recovered on the repeat count',
    ...as('dr.lee')]);
  must(['record-lab', 'MDA-0001', '--code', 'alt', '--value', '95', '--unit', 'U/L', '--uln', '41', '--date',
    '2010-09-20', ...as('nurse.ann')]);
  // Adverse events: a bilirubin rise, resolved; veno-occlusive disease, serious, signed by the
  // investigator with attribution to each drug and the action taken.
  must(['record-ae', 'MDA-0001', '--term', 'Blood bilirubin increased', '--grade', '2', '--start', '2010-07-15',
    '--end', '2010-07-25', '--outcome', 'recovered', ...as('nurse.ann')]);
  must(['record-ae', 'MDA-0001', '--term', 'Hepatobiliary disorders - Other, specify', '--specify',
    'veno-occlusive disease', '--grade', '4', '--start', '2010-08-10', '--outcome', 'recovering', '--serious',
    'hospitalization,life-threatening', '--attribution', 'inotuzumab=probable,rituximab=unrelated', '--action',
    'inotuzumab=drug-interrupted', '--aware-at', '2010-08-10T09:00:00Z', ...as('dr.lee'), '--role', 'investigator']);

  // Bilirubin in umol/L, a washout of 7 days waived, a dose 10% over the plan.
  must(['register', file('p2.json', record('MDA-0002', (r) => {
    r.sex = 'male';
    r.childbearing_potential = false;
    r.observations[0] = { code: 'bilirubin', value: 13.68, unit: 'umol/L', date: '2010-07-01' };
    r.therapies[0].end = '2010-06-28';
    return r;
  })), ...as('nurse.ann')]);
  must(['consent', 'MDA-0002', '--date', '2010-07-02', ...as('nurse.ann')]);
  must(['waive', 'MDA-0002', '--criterion', 'exc-washout', '--date', '2010-07-03', '--reason',
    'rapidly progressive disease', ...as('dr.lee')]);
  must(['enroll', 'MDA-0002', '--date', '2010-07-05', ...as('nurse.ann')]);
  must(['record-dose', 'MDA-0002', '--course', '1', '--day', '1', '--drug', 'inotuzumab', '--date', '2010-07-06',
    '--dose-mg', '2.6', '--infusion-minutes', '60', '--explanation', "physician's order", ...as('nurse.ann')]);
  must(['record-ae', 'MDA-0002', '--term', 'Fever', '--grade', '1', '--start', '2010-07-08', '--outcome', 'recovered',
    ...as('nurse.ann')]);
  must(['off-study', 'MDA-0002', '--date', '2010-08-01', '--reason', 'withdrew consent', ...as('nurse.ann')]);
  must(['record-vital-status', 'MDA-0002', '--date', '2011-01-01', '--status', 'dead', ...as('nurse.ann')]);

  // Hepatitis B: screened, not eligible.
  must(['register', file('p3.json', record('MDA-0003', (r) => ({ ...r, hepatitis_b: true }))), ...as('nurse.ann')]);
  must(['consent', 'MDA-0003', '--date', '2010-07-02', ...as('nurse.ann')]);
  const screened = trialcore(['screen-patient', 'MDA-0003', '--date', '2010-07-03', ...as('nurse.ann')]);
  assert.notEqual(screened.status, 2, screened.stderr);

  // Registered, never consented.
  must(['register', file('p4.json', record('MDA-0004')), ...as('nurse.ann')]);

  // Period 3 (weekly) after two amendments; labs of January 2011.
  must(['open-period', 'period-2', '--date', '2010-09-01', ...as('dr.lee')]);
  must(['open-period', 'period-3', '--date', '2011-01-01', ...as('dr.lee')]);
  must(['register', file('p5.json', record('MDA-0005', (r) => {
    r.observations = r.observations.map((o) => (o.code === 'ejection_fraction' ? o : { ...o, date: '2011-01-10' }));
    r.therapies = [{ name: 'hyper-CVAD', start: '2010-09-01', end: '2010-12-10', cns_directed: false }];
    return r;
  })), ...as('nurse.ann')]);
  must(['consent', 'MDA-0005', '--date', '2011-01-10', ...as('nurse.ann')]);
  must(['enroll', 'MDA-0005', '--date', '2011-01-12', ...as('nurse.ann')]);
  must(['record-dose', 'MDA-0005', '--course', '1', '--day', '1', '--drug', 'inotuzumab', '--date', '2011-01-12',
    '--start-time', '23:30', '--dose-mg', '1.45', '--infusion-minutes', '62', '--explanation', 'evening slot',
    ...as('nurse.ann')]);
  must(['record-dose', 'MDA-0005', '--course', '1', '--day', '8', '--drug', 'inotuzumab', '--date', '2011-01-20',
    '--dose-mg', '0.91', '--infusion-minutes', '61', ...as('nurse.ann')]);
}
