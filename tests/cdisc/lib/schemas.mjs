// CDISC's schemas (tests/standards/cdisc, unchanged) compiled with ajv, as CDISC's README
// says: Dataset-JSON with the draft 2019-09 validator; USDM with draft 2020-12, the OpenAPI
// document's components.schemas made the $defs of one schema, validated as Wrapper-Input.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019.js';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const standards = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'standards', 'cdisc');

const readJson = (file) => JSON.parse(readFileSync(path.join(standards, file), 'utf8'));

export function datasetJsonValidator() {
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(readJson('dataset-json-1.1.schema.json'));
}

export function usdmValidator() {
  const api = readJson('usdm-4.0-api.json');
  const text = JSON.stringify(api.components.schemas).replaceAll('#/components/schemas/', '#/$defs/');
  const schema = { $defs: JSON.parse(text), $ref: '#/$defs/Wrapper-Input' };
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

// The first few errors, readable in a failed assertion.
export function errorsOf(validate) {
  return JSON.stringify((validate.errors ?? []).slice(0, 5), null, 1);
}
