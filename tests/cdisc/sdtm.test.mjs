// `trialcore export-sdtm` on a record made through the command line: every dataset is valid
// Dataset-JSON 1.1 (CDISC's schema, ajv), every SAS transport file reads back with Debian's
// readstat equal to its Dataset-JSON file, and the datasets say what the record says.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { datasetJsonValidator, errorsOf, standards } from './lib/schemas.mjs';
import { assertSameDataset } from './lib/transport.mjs';
import { makeWorkflowStore, source, trialcore } from './lib/trial.mjs';

const work = mkdtempSync(path.join(tmpdir(), 'trialcore-sdtm-'));
after(() => rmSync(work, { recursive: true, force: true }));

const readDataset = (dir, name) => JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8'));
// Each row as an object by variable name.
const records = (dataset) => dataset.rows.map((row) => Object.fromEntries(dataset.columns.map((c, i) => [c.name, row[i]])));

describe('the comparison itself', () => {
  test("CDISC's own DM pair (Dataset-JSON and XPT) reads back equal and validates", () => {
    const json = path.join(standards, 'examples', 'sdtm-dm.dataset.json');
    const validate = datasetJsonValidator();
    assert.ok(validate(JSON.parse(readFileSync(json, 'utf8'))), errorsOf(validate));
    assert.deepEqual(assertSameDataset(json, path.join(standards, 'examples', 'sdtm-dm.xpt'), { lengths: false }),
      { name: 'DM', records: 18 });
  });

  test('notices a changed value, label, length or name', () => {
    const original = JSON.parse(readFileSync(path.join(standards, 'examples', 'sdtm-dm.dataset.json'), 'utf8'));
    const xpt = path.join(work, 'dm.xpt');
    copyFileSync(path.join(standards, 'examples', 'sdtm-dm.xpt'), xpt);
    const changes = [
      (d) => { d.rows[3][14] = 64; },                 // AGE
      (d) => { d.rows[0][3] = '1116'; },              // SUBJID
      (d) => { d.columns[16].label = 'Gender'; },     // SEX's label
      (d) => { d.columns[0].length = 13; },           // STUDYID's length
      (d) => { d.columns[1].name = 'DOMAINX'; },
      (d) => { d.rows.pop(); d.records = d.rows.length; },
    ];
    for (const change of changes) {
      const changed = structuredClone(original);
      change(changed);
      const json = path.join(work, 'dm.json');
      writeFileSync(json, JSON.stringify(changed));
      assert.throws(() => assertSameDataset(json, xpt, { lengths: false }), String(change));
    }
  });
});

describe('export-sdtm on the workflow patients', () => {
  const store = path.join(work, 'trial.db');
  const out = path.join(work, 'sdtm');
  let summary;

  before(() => {
    makeWorkflowStore(work, store);
    const run = trialcore(['export-sdtm', '--store', store, '--out', out, '--format', 'both', '--json']);
    assert.equal(run.status, 0, run.stderr);
    summary = JSON.parse(run.stdout);
  });

  test('every dataset validates against Dataset-JSON 1.1 and its XPT reads back equal', () => {
    const validate = datasetJsonValidator();
    const rows = {};
    for (const dataset of summary.datasets) {
      const name = dataset.name.toLowerCase();
      assert.deepEqual(dataset.files, [`${name}.json`, `${name}.xpt`]);
      const json = readDataset(out, name);
      assert.ok(validate(json), `${name}.json: ${errorsOf(validate)}`);
      assertSameDataset(path.join(out, `${name}.json`), path.join(out, `${name}.xpt`));
      rows[dataset.name] = json.records;
    }
    assert.equal(readdirSync(out).length, 2 * summary.datasets.length);
    // What the record holds, counted from the patients' stories (lib/trial.mjs):
    assert.deepEqual(rows, {
      TA: 3 * (1 + 8 + 1),    // three periods: screening, 8 courses, follow-up
      TE: 1 + 3 * 8 + 1,      // screening, each period's 8 courses, follow-up
      TV: 1 + 8 + 8 + (4 + 7 * 3),  // screening; day 1 of periods 1 and 2; period 3 days 1, 2, 8, 15 then 1, 8, 15
      TI: 18,
      TS: 21,
      DM: 4,                  // MDA-0004 never consented
      SUPPDM: 1,              // rituximab added for MDA-0001
      DS: 2 + 4 + 2 + 2,      // consent and enrollment; + off study, death; consent, screen failure; consent, enrollment
      IE: 2,                  // MDA-0002's waived washout, MDA-0003's hepatitis B
      SUPPIE: 1,              // the waiver
      EX: 4 + 1 + 2,
      SUPPEX: 4 + 1 + 2,      // the planned dose of each
      LB: 13 + 6 + 6 + 6,     // registered labs (6 each: no ejection fraction), marrow counts (3 + 3), a later ALT
      RS: 4,                  // NR, CRi computed, CR adjudicated, best response CR
      SUPPRS: 4,              // the course of each
      DV: 1 + 2,              // MDA-0001's long infusion; MDA-0002's waiver and dose off the plan
      SUPPDV: 2,              // the two explanations
      AE: 2 + 1,              // MDA-0001's bilirubin rise and veno-occlusive disease; MDA-0002's fever
      SUPPAE: 3,              // the disease's attribution to each drug, and the action with inotuzumab
    });
    console.log(`rows per dataset: ${JSON.stringify(rows)}`);
  });

  test('identifiers, sequence numbers and dates as SDTM asks', () => {
    const dm = records(readDataset(out, 'dm'));
    const subjects = new Set(dm.map((r) => r.USUBJID));
    for (const r of dm) assert.equal(r.USUBJID, `${r.STUDYID}-${r.SUBJID}`);
    for (const dataset of summary.datasets) {
      const json = readDataset(out, dataset.name.toLowerCase());
      const rows = records(json);
      const sequence = json.columns.find((c) => /^[A-Z]{2}SEQ$/.test(c.name))?.name;
      const seen = {};
      for (const r of rows) {
        assert.equal(r.STUDYID, 'NCT01134575');
        if (r.USUBJID !== undefined) assert.ok(subjects.has(r.USUBJID), `${dataset.name}: ${r.USUBJID} is in DM`);
        if (sequence && r.USUBJID !== undefined) {
          seen[r.USUBJID] = (seen[r.USUBJID] ?? 0) + 1;
          assert.equal(r[sequence], seen[r.USUBJID], `${dataset.name}: ${sequence} counts each subject's records`);
        }
        for (const column of json.columns.filter((c) => c.name.endsWith('DTC'))) {
          const value = r[column.name];
          if (value) assert.match(value, /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, `${dataset.name}.${column.name}`);
        }
      }
      for (const column of json.columns) {
        assert.ok(column.name.length <= 8 && column.label.length <= 40, `${dataset.name}.${column.name}`);
      }
    }
  });

  test('what each subject went through', () => {
    const dm = Object.fromEntries(records(readDataset(out, 'dm')).map((r) => [r.SUBJID, r]));
    assert.deepEqual(Object.keys(dm), ['MDA-0001', 'MDA-0002', 'MDA-0003', 'MDA-0005']);
    assert.equal(dm['MDA-0001'].ARMCD, 'PERIOD_1');
    assert.equal(dm['MDA-0001'].RFSTDTC, '2010-07-05');
    assert.equal(dm['MDA-0001'].RFXENDTC, '2010-08-30');
    assert.equal(dm['MDA-0001'].SEX, 'F');
    assert.equal(dm['MDA-0001'].AGE, 35);
    assert.equal(dm['MDA-0002'].DTHFL, 'Y');
    assert.equal(dm['MDA-0002'].DTHDTC, '2011-01-01');
    assert.equal(dm['MDA-0003'].ARMCD, '');
    assert.equal(dm['MDA-0003'].ARMNRS, 'SCREEN FAILURE');
    assert.equal(dm['MDA-0005'].ACTARMCD, 'PERIOD_3');

    const ex = records(readDataset(out, 'ex'));
    const late = ex.find((r) => r.USUBJID.endsWith('MDA-0005') && r.EXSEQ === 1);
    assert.equal(late.EXSTDTC, '2011-01-12T23:30');
    assert.equal(late.EXENDTC, '2011-01-13T00:32');  // 62 minutes past 23:30
    assert.equal(late.EXENDY, 2);
    const rituximab = ex.find((r) => r.EXTRT === 'rituximab');
    assert.equal(rituximab.EXDOSE, 681.79);
    assert.equal(rituximab.EXROUTE, 'INTRAVENOUS');
    assert.equal(rituximab.EPOCH, 'COURSE 3');
    assert.equal(rituximab.VISIT, 'COURSE 3 DAY 1');
    assert.equal(ex.find((r) => r.USUBJID.endsWith('MDA-0002')).EXADJ, "physician's order");

    const lb = records(readDataset(out, 'lb'));
    const bilirubin = lb.find((r) => r.USUBJID.endsWith('MDA-0002') && r.LBTESTCD === 'BILI');
    assert.deepEqual([bilirubin.LBORRES, bilirubin.LBORRESU, bilirubin.LBSTRESN, bilirubin.LBSTRESU],
      ['13.68', 'umol/L', 0.8, 'mg/dL']);  // 13.68 umol/L / 17.1
    const alt = lb.find((r) => r.USUBJID.endsWith('MDA-0001') && r.LBTESTCD === 'ALT' && r.LBDTC === '2010-09-20');
    assert.deepEqual([alt.LBSTRESN, alt.LBORNRHI, alt.LBSTNRHI, alt.EPOCH], [95, '41', 41, 'COURSE 3']);
    assert.ok(!lb.some((r) => r.LBTESTCD === 'EJECTION'), 'ejection fraction is not a lab test');

    const rs = records(readDataset(out, 'rs'));
    assert.deepEqual(rs.map((r) => [r.RSTESTCD, r.RSORRES, r.RSEVAL, r.RSACPTFL]), [
      ['OVRLRESP', 'NR', '', ''],
      ['OVRLRESP', 'CRi', '', 'N'],
      ['OVRLRESP', 'CR', 'INVESTIGATOR', 'Y'],
      ['BESTRESP', 'CR', '', ''],
    ]);

    const ti = new Set(records(readDataset(out, 'ti')).map((r) => r.IETESTCD));
    const ie = records(readDataset(out, 'ie'));
    assert.deepEqual(ie.map((r) => [r.USUBJID.slice(-8), r.IETESTCD, r.IECAT, r.IEORRES]), [
      ['MDA-0002', 'EXCWASHO', 'EXCLUSION', 'Y'],
      ['MDA-0003', 'EXCHEPAT', 'EXCLUSION', 'Y'],
    ]);
    for (const r of ie) assert.ok(ti.has(r.IETESTCD));
    const waiver = records(readDataset(out, 'suppie'))[0];
    assert.equal(waiver.QVAL, 'waived by dr.lee on 2010-07-03: rapidly progressive disease');

    const dv = records(readDataset(out, 'dv'));
    assert.deepEqual(dv.map((r) => [r.USUBJID.slice(-8), r.DVDECOD]), [
      ['MDA-0001', 'INFUSION TOO LONG'],
      ['MDA-0002', 'ELIGIBILITY CRITERION WAIVED'],
      ['MDA-0002', 'DOSE OFF'],
    ]);
    const explanations = records(readDataset(out, 'suppdv')).map((r) => [r.IDVARVAL, r.QVAL]);
    assert.deepEqual(explanations, [['1', 'infusion pump paused'], ['2', "physician's order"]]);

    const ae = records(readDataset(out, 'ae'));
    assert.deepEqual(ae.map((r) => [r.USUBJID.slice(-8), r.AESEQ, r.AETERM, r.AEDECOD, r.AEBODSYS, r.AETOXGR, r.AESER]), [
      ['MDA-0001', 1, 'Blood bilirubin increased', 'Blood bilirubin increased', 'Investigations', '2', 'N'],
      ['MDA-0001', 2, 'veno-occlusive disease', 'Hepatobiliary disorders - Other, specify', 'Hepatobiliary disorders', '4', 'Y'],
      ['MDA-0002', 1, 'Fever', 'Fever', 'General disorders and administration site conditions', '1', 'N'],
    ]);
    const vod = ae[1];
    assert.deepEqual([vod.AESHOSP, vod.AESLIFE, vod.AESDTH, vod.AEREL, vod.AEACN, vod.AEOUT, vod.AESTDTC, vod.AESTDY, vod.EPOCH],
      ['Y', 'Y', 'N', 'PROBABLY RELATED', 'DRUG INTERRUPTED', 'RECOVERING/RESOLVING', '2010-08-10', 37, 'COURSE 2']);
    assert.deepEqual([ae[0].AEENDTC, ae[0].AEENDY, ae[0].AESHOSP], ['2010-07-25', 21, '']);
    assert.deepEqual(records(readDataset(out, 'suppae')).map((r) => [r.IDVARVAL, r.QNAM, r.QVAL]), [
      ['2', 'AEREL1', 'PROBABLY RELATED'],
      ['2', 'AEACN1', 'DRUG INTERRUPTED'],
      ['2', 'AEREL2', 'NOT RELATED'],
    ]);

    const ds = records(readDataset(out, 'ds')).filter((r) => r.USUBJID.endsWith('MDA-0002'));
    assert.deepEqual(ds.map((r) => [r.DSTERM, r.DSDECOD, r.EPOCH]), [
      ['INFORMED CONSENT OBTAINED', 'INFORMED CONSENT OBTAINED', 'SCREENING'],
      ['ENROLLED', 'ELIGIBILITY CRITERIA MET', 'SCREENING'],
      ['withdrew consent', '', 'COURSE 1'],
      ['DEATH', 'DEATH', 'FOLLOW-UP'],
    ]);
  });

  test('one format only writes that format', () => {
    const xptOnly = path.join(work, 'xpt-only');
    const run = trialcore(['export-sdtm', '--store', store, '--out', xptOnly, '--format', 'xpt']);
    assert.equal(run.status, 0, run.stderr);
    const files = readdirSync(xptOnly);
    assert.ok(files.length > 0 && files.every((f) => f.endsWith('.xpt')), files.join(' '));
  });

  test('bad input is refused, naming the option, and writes nothing', () => {
    const nowhere = path.join(work, 'not-written');
    const format = trialcore(['export-sdtm', '--store', store, '--out', nowhere, '--format', 'csv']);
    assert.equal(format.status, 2);
    assert.match(format.stderr, /--format/);
    const file = path.join(work, 'a-file');
    writeFileSync(file, '');
    const notDirectory = trialcore(['export-sdtm', '--store', store, '--out', file]);
    assert.equal(notDirectory.status, 2);
    assert.match(notDirectory.stderr, /--out: .* is not a directory/);
    const noStore = trialcore(['export-sdtm', '--store', path.join(work, 'none.db'), '--out', nowhere]);
    assert.equal(noStore.status, 1);
    assert.match(noStore.stderr, /no trial record/);
    const wrongTerms = path.join(work, 'terms.json');
    writeFileSync(wrongTerms, JSON.stringify({ format: 'trialcore-sdtm-terms/1', protocol: 'NCT00000000' }));
    const terms = trialcore(['export-sdtm', '--store', store, '--out', nowhere, '--sdtm-terms', wrongTerms]);
    assert.equal(terms.status, 2);
    assert.match(terms.stderr, /\$\.protocol: the terms are for NCT00000000/);
    assert.equal(existsSync(nowhere), false);
    assert.equal(existsSync(path.join(work, 'none.db')), false);
  });
});

describe('export-sdtm on the second protocol', () => {
  test('its trial design, with test codes of its own and a warning saying so', () => {
    const protocol = path.join(source, 'tests/data/protocols/made-up-myeloma.json');
    const store = path.join(work, 'second.db');
    const out = path.join(work, 'second');
    const opened = trialcore(['open-period', 'dose-escalation', '--date', '2020-01-06', '--protocol', protocol, '--store', store]);
    assert.equal(opened.status, 0, opened.stderr);
    const run = trialcore(['export-sdtm', '--store', store, '--out', out, '--protocol', protocol, '--json']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /warning: --sdtm-terms: none given for DEMO-0002: lab test codes/);
    const names = JSON.parse(run.stdout).datasets.map((d) => d.name);
    assert.deepEqual(names, ['TA', 'TE', 'TV', 'TI', 'TS']);  // no subjects yet
    const validate = datasetJsonValidator();
    for (const name of names) {
      const json = readDataset(out, name.toLowerCase());
      assert.ok(validate(json), errorsOf(validate));
      assertSameDataset(path.join(out, `${name.toLowerCase()}.json`), path.join(out, `${name.toLowerCase()}.xpt`));
    }
    const ts = records(readDataset(out, 'ts'));
    assert.equal(ts.find((r) => r.TSPARMCD === 'TPHASE').TSVALNF, 'NI');  // the file states no phase
  });
});
