// The fields of the forms that record a measurement or a dose, shared by the form that
// records one and the form that corrects one (a correction takes the same input as the
// original command, docs/api.md).
import { field, today } from '../dom.js';

const number = (step, more = {}) => ({ type: 'number', step, ...more });

export function doseFields(protocol) {
  return [
    field('Course', 'course', { type: 'number', min: 1, required: true }), field('Day', 'day', { type: 'number', min: 1, value: 1, required: true }),
    field('Drug', 'drug', {}, protocol.drugs.map((drug) => drug.id)),
    field('Date given', 'date', { type: 'date', value: today(), max: today(), required: true }),
    field('Start time', 'start_time', { type: 'time' }),
    field('Dose (mg)', 'dose_mg', number('0.01', { min: 0.01, required: true })),
    field('Infusion (minutes)', 'infusion_minutes', { type: 'number', min: 1 }),
  ];
}

export function bodyFields() {
  return [
    field('Date measured', 'date', { type: 'date', value: today(), max: today(), required: true }),
    field('Height (cm)', 'height_cm', number('0.1', { required: true })),
    field('Weight (kg)', 'weight_kg', number('0.1', { required: true })),
  ];
}

export function labFields(protocol) {
  const codes = protocol.observations.map((observation) => observation.code);
  const units = [...new Set(protocol.observations.flatMap((observation) => observation.units || []))];
  return [
    field('Lab', 'code', {}, codes),
    field('Value', 'value', { required: true, inputmode: 'decimal' }),
    field('Unit', 'unit', {}, ['', ...units]),
    field('Upper limit of normal', 'uln', number('any', { min: 0 })),
    field('Date of the sample', 'date', { type: 'date', value: today(), max: today(), required: true }),
  ];
}

export function marrowFields() {
  return [
    field('After course', 'course', { type: 'number', min: 1, required: true }),
    field('Date of the marrow', 'date', { type: 'date', value: today(), max: today(), required: true }),
    field('ANC (10⁹/L)', 'anc', number('any', { min: 0 })), field('Platelets (10⁹/L)', 'platelets', number('any', { min: 0 })),
    field('Marrow blasts (%)', 'marrow_blasts', number('any', { min: 0, max: 100 })),
    field('Baseline marrow blasts (%)', 'baseline_marrow_blasts', number('any', { min: 0, max: 100 })),
    field('Extramedullary disease', 'extramedullary', {}, ['absent', 'present', 'unknown']),
  ];
}

// A lab's value: a number when it reads as one (a dot for decimals), else the text of a
// text result (a pregnancy test's "negative").
export function labBody(values) {
  const text = String(values.value ?? '').trim();
  const numeric = /^-?\d+(\.\d+)?$/.test(text);
  return { ...values, value: numeric ? Number(text) : text };
}
