// The protocol's periods, which one is open today, and a form to open or close one on a
// date (an administrator's or an investigator's act; the record keeps it as an event).
import { api } from '../api.js';
import { h, field, today, forgetEdits } from '../dom.js';
import { savingSubmit } from '../submit.js';

// `reload(notice)` shows the view again with what was recorded.
export async function periodsCard(protocol, reload) {
  const date = today();
  const open = (await api.get(`/api/periods?date=${date}`)).open;
  const message = h('div', { class: 'message' });
  const form = h('form', { class: 'inline', id: 'form-period' },
    field('Period', 'period', { required: true }, protocol.periods.map((period) => period.id)),
    h('label', { for: 'field-change', class: 'field' }, h('span', {}, 'Change'),
      h('select', { id: 'field-change', name: 'change' }, h('option', { value: 'opening' }, 'Open'), h('option', { value: 'closing' }, 'Close'))),
    field('Date', 'date', { type: 'date', required: true, value: date, max: date }),
    h('button', { type: 'submit' }, 'Record'));
  savingSubmit(form, message, {
    body: () => ({ date: form.date.value }),
    send: (body, key) => api.post(`/api/periods/${encodeURIComponent(form.period.value)}/${form.change.value}`, body, key),
    done: async (answer) => {
      const change = form.change.value === 'opening' ? 'opened' : 'closed';
      const period = form.period.value;
      forgetEdits(form);
      await reload({ ok: `${period} ${change} on ${form.date.value} (event ${answer.sequence}).` });
    },
  });
  return h('section', { class: 'card', id: 'periods' }, h('h2', {}, 'Periods'),
    h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['Period', 'Title', `Open on ${date}`].map((title) => h('th', {}, title)))),
      h('tbody', {}, protocol.periods.map((period) => h('tr', { 'data-period': period.id },
        h('td', {}, period.id), h('td', {}, period.title), h('td', { class: 'period-open' }, period.id === open ? 'open' : ''))))),
    form, message);
}
