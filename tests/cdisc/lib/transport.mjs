// Reads a SAS transport (XPT v5) file back with Debian's ReadStat programs and compares it
// with the Dataset-JSON file of the same dataset: the table's name and label, every
// variable's name, label, type and length, and every value.
//   values and names: `readstat FILE.xpt -` (CSV on standard output)
//   labels:           `readstat FILE.xpt FILE.sav`, then `extract_metadata FILE.sav META.json`
//   table:            `readstat FILE.xpt` (its metadata)
// readstat prints no variable lengths, so they (and types, names, labels once more) are read
// from the file's NAMESTR records as SAS's transport format (TS-140) lays them out.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';

// RFC 4180 CSV, as readstat writes it: quoted text with "" for a quote, numbers and missing
// numbers unquoted. Each field is {text, quoted}.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') { field += '"'; i += 2; }
        else if (text[i] === '"') { i++; break; }
        else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n') field += text[i++];
    }
    row.push({ text: field, quoted });
    if (text[i] === ',') { i++; continue; }
    if (text[i] === '\n') i++;
    rows.push(row);
    row = [];
  }
  return rows;
}

// The NAMESTR records: one a variable, 140 bytes, big-endian (SAS TS-140).
export function namestrs(file) {
  const bytes = readFileSync(file);
  const marker = bytes.indexOf('HEADER RECORD*******NAMESTR HEADER RECORD!!!!!!!');
  assert.ok(marker >= 0, `${file}: no NAMESTR header record`);
  const count = Number(bytes.toString('latin1', marker + 54, marker + 58));
  const first = marker + 80;
  const variables = [];
  for (let v = 0; v < count; v++) {
    const at = first + v * 140;
    variables.push({
      type: bytes.readInt16BE(at) === 1 ? 'numeric' : 'text',
      length: bytes.readInt16BE(at + 4),
      number: bytes.readInt16BE(at + 6),
      name: bytes.toString('latin1', at + 8, at + 16).trimEnd(),
      label: bytes.toString('latin1', at + 16, at + 56).trimEnd(),
    });
  }
  return variables;
}

export function readTransport(file) {
  const csv = execFileSync('readstat', [file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
  const [header, ...rows] = parseCsv(csv);
  const metadata = execFileSync('readstat', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const table = {
    name: /Table name: (.*)/.exec(metadata)?.[1]?.trim(),
    label: /Table label: (.*)/.exec(metadata)?.[1]?.trim(),
  };
  const work = mkdtempSync(path.join(tmpdir(), 'trialcore-xpt-'));
  try {
    const sav = path.join(work, 'dataset.sav');
    const meta = path.join(work, 'metadata.json');
    execFileSync('readstat', [file, sav], { stdio: 'pipe' });
    execFileSync('extract_metadata', [sav, meta], { stdio: 'pipe' });
    const labels = JSON.parse(readFileSync(meta, 'utf8')).variables.map((v) => v.label ?? '');
    return { table, names: header.map((f) => f.text), labels, rows, variables: namestrs(file) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const numericTypes = new Set(['integer', 'float', 'double', 'decimal']);

// Asserts that the transport file holds what the Dataset-JSON file holds. `lengths`: every
// text column of the JSON file must state its length (CDISC's own example leaves it off its
// date columns, so the self-check passes false).
export function assertSameDataset(jsonFile, xptFile, { lengths = true } = {}) {
  const json = JSON.parse(readFileSync(jsonFile, 'utf8'));
  const xpt = readTransport(xptFile);
  const where = path.basename(xptFile);
  assert.equal(xpt.table.name, json.name, `${where}: table name`);
  assert.equal(xpt.table.label, json.label, `${where}: table label`);
  assert.deepEqual(xpt.names, json.columns.map((c) => c.name), `${where}: variable names (readstat)`);
  assert.deepEqual(xpt.variables.map((v) => v.name), json.columns.map((c) => c.name), `${where}: variable names (NAMESTR)`);
  assert.deepEqual(xpt.labels, json.columns.map((c) => c.label), `${where}: variable labels (readstat)`);
  assert.deepEqual(xpt.variables.map((v) => v.label), json.columns.map((c) => c.label), `${where}: variable labels (NAMESTR)`);
  json.columns.forEach((column, c) => {
    const variable = xpt.variables[c];
    const numeric = numericTypes.has(column.dataType);
    assert.equal(variable.type, numeric ? 'numeric' : 'text', `${where}: ${column.name} type`);
    if (numeric) {
      assert.equal(variable.length, 8, `${where}: ${column.name} is an 8-byte number`);
    } else if (lengths || column.length !== undefined) {
      assert.equal(variable.length, column.length, `${where}: ${column.name} length`);
    }
  });
  assert.equal(xpt.rows.length, json.rows.length, `${where}: rows`);
  assert.equal(json.records, json.rows.length, `${where}: records`);
  json.rows.forEach((row, r) => {
    row.forEach((value, c) => {
      const column = json.columns[c];
      const field = xpt.rows[r][c];
      const place = `${where}: row ${r + 1} ${column.name}`;
      if (numericTypes.has(column.dataType)) {
        if (value === null) {
          assert.equal(field.text, '', `${place}: missing`);
        } else {
          assert.equal(field.quoted, false, `${place}: a number`);
          // readstat prints six decimals: equal to that precision.
          assert.ok(Math.abs(Number(field.text) - value) <= 5e-7 * Math.max(1, Math.abs(value)),
            `${place}: ${field.text} != ${value}`);
        }
      } else {
        assert.equal(field.quoted, true, `${place}: text`);
        assert.equal(field.text, value ?? '', place);
      }
    });
  });
  return { name: json.name, records: json.rows.length };
}
