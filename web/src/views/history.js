// A patient's history as the audit trail reads it: each event with who, when (UTC), the
// clinical date, why, what it holds, for a correction the values it changed, old -> new, and
// for a void the values it took out of the record (struck through); a voided event says so.
import { h } from '../dom.js';

// A value as words: lists and objects in brief.
export function shown(value) {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(shown).join('; ');
  if (typeof value === 'object') return Object.entries(value).map(([key, inner]) => `${key.replace(/_/g, ' ')} ${shown(inner)}`).join(', ');
  return String(value);
}

// The members of a payload as "name: value" lines; nested records one level deep.
function content(payload) {
  if (!payload || typeof payload !== 'object') return null;
  const entries = Object.entries(payload).filter(([, value]) => value !== null && value !== '' && !(Array.isArray(value) && !value.length));
  if (!entries.length) return null;
  const list = h('dl', { class: 'content' }, entries.flatMap(([key, value]) => [
    h('dt', {}, key.replace(/_/g, ' ')),
    h('dd', {}, value && typeof value === 'object' && !Array.isArray(value) ? content(value) : shown(value))]));
  // A long content (a registered record, a screening) folds, its first members named.
  return entries.length > 8 ? h('details', {}, h('summary', {}, entries.slice(0, 3).map(([key]) => key.replace(/_/g, ' ')).join(', '), ', …'), list) : list;
}

// A payload's values by name, nested records flattened ("assessment anc"); a record that
// only wraps another ({"observation": {...}}) is unwrapped.
function flatten(value, prefix = '', into = {}) {
  for (const [name, inner] of Object.entries(value || {})) {
    const key = prefix ? `${prefix} ${name}` : name;
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) flatten(inner, key, into);
    else into[key] = inner;
  }
  return into;
}

function unwrapped(value) {
  const keys = Object.keys(value || {});
  return keys.length === 1 && value[keys[0]] && typeof value[keys[0]] === 'object' && !Array.isArray(value[keys[0]]) ? value[keys[0]] : value;
}

// What a correction changed: each value that differs, old -> new.
export function changes(before, after) {
  const old = flatten(unwrapped(before));
  const now = flatten(unwrapped(after));
  const names = [...new Set([...Object.keys(old), ...Object.keys(now)])];
  return names.filter((name) => JSON.stringify(old[name]) !== JSON.stringify(now[name]))
    .map((name) => ({ name, before: old[name], after: now[name] }));
}

export function historyView(events) {
  const current = new Map();  // an event's content as it now stands, corrections applied
  const voidedBy = new Map(events.filter((event) => event.kind === 'void' && event.corrects).map((event) => [event.corrects, event.sequence]));
  const rows = events.map((event) => {
    let what = content(event.payload);
    if (event.kind === 'void' && event.corrects) {
      const voided = flatten(unwrapped(current.get(event.corrects)));
      what = h('ul', { class: 'changes voided' }, Object.entries(voided).filter(([, value]) => value !== null && value !== '')
        .map(([name, value]) => h('li', {}, h('span', { class: 'change-name' }, name.replace(/_/g, ' ')), ': ', h('del', {}, shown(value)), ' -> (void)')));
    } else if (event.kind === 'correction' && event.corrects) {
      const replacement = event.payload && event.payload.replacement;
      const changed = changes(current.get(event.corrects), replacement);
      current.set(event.corrects, replacement);
      what = h('ul', { class: 'changes' }, changed.length ? changed.map((change) => h('li', {},
        h('span', { class: 'change-name' }, change.name.replace(/_/g, ' ')), ': ',
        h('del', {}, shown(change.before) || '(none)'), ' -> ', h('ins', {}, shown(change.after) || '(none)')))
        : h('li', {}, 'no value changed'));
    } else {
      current.set(event.sequence, event.payload);
    }
    return h('tr', { 'data-sequence': event.sequence, 'data-kind': event.kind },
      h('td', { class: 'number' }, event.sequence), h('td', {}, event.recorded_at), h('td', {}, event.actor),
      h('td', {}, event.kind, event.corrects ? ` of event ${event.corrects}` : '',
        voidedBy.has(event.sequence) ? h('span', { class: 'tag tag-bad' }, ` voided by event ${voidedBy.get(event.sequence)}`) : null),
      h('td', {}, event.clinical_date || ''),
      h('td', {}, event.reason), h('td', { class: 'what' }, what),
      h('td', {}, h('code', { title: event.hash }, event.hash.slice(0, 12))));
  });
  return h('div', { class: 'scroll' }, h('table', { class: 'grid small', id: 'history' },
    h('thead', {}, h('tr', {}, ['#', 'Recorded (UTC)', 'By', 'Event', 'Clinical date', 'Why', 'What', 'Hash'].map((title) => h('th', {}, title)))),
    h('tbody', {}, rows)));
}
