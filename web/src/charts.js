// Charts drawn as SVG by hand: a Kaplan-Meier curve per group, and a swimmer plot of each
// patient's courses and responses. No library: a few dozen lines each.

const SVG = 'http://www.w3.org/2000/svg';
const COLORS = ['#1f6feb', '#c2410c', '#15803d', '#7c3aed', '#0f172a'];

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children.flat()) if (child) element.append(child);
  return element;
}

function text(x, y, content, attributes = {}) {
  const element = svg('text', { x, y, 'font-size': 11, fill: '#334155', ...attributes });
  element.textContent = content;
  return element;
}

// An average calendar month, in days: the time axis is labelled in months.
const DAYS_A_MONTH = 365.25 / 12;

// Round months along an axis of `maximum` days: 0 and every 1, 2, 3, 6 or 12 months, the
// finest that gives at most 7 ticks.
function monthTicks(maximum) {
  const months = maximum / DAYS_A_MONTH;
  const every = [1, 2, 3, 6, 12, 24].find((step) => months / step <= 6) || 24;
  const ticks = [];
  for (let month = 0; month <= months; month += every) ticks.push(month);
  return ticks;
}

// Step functions of S(t) per group, starting at 1, with censoring ticks; the time axis in
// round months.
export function kaplanMeierChart(groups, { width = 640, height = 300 } = {}) {
  const margin = { left: 44, right: 190, top: 12, bottom: 36 };
  const maximum = Math.max(2 * DAYS_A_MONTH, ...groups.flatMap((group) => group.steps.map((step) => step.time)));
  const x = (time) => margin.left + (time / maximum) * (width - margin.left - margin.right);
  const y = (survival) => margin.top + (1 - survival) * (height - margin.top - margin.bottom);
  const axes = [
    svg('line', { x1: x(0), y1: y(0), x2: x(maximum), y2: y(0), stroke: '#94a3b8' }),
    svg('line', { x1: x(0), y1: y(0), x2: x(0), y2: y(1), stroke: '#94a3b8' }),
    ...[0, 0.25, 0.5, 0.75, 1].map((s) => text(4, y(s) + 4, s.toFixed(2))),
    ...monthTicks(maximum).map((month) => text(x(month * DAYS_A_MONTH) - 4, height - 18, month, { class: 'km-month', 'data-month': month })),
    text(width / 2 - 60, height - 4, 'months from enrollment'),
  ];
  const curves = groups.map((group, index) => {
    const color = COLORS[index % COLORS.length];
    let path = `M ${x(0)} ${y(1)}`;
    let survival = 1;
    const ticks = [];
    for (const step of group.steps) {
      path += ` H ${x(step.time)}`;
      if (step.events > 0) { survival = step.survival; path += ` V ${y(survival)}`; }
      if (step.censored > 0) ticks.push(svg('line', { x1: x(step.time), x2: x(step.time), y1: y(survival) - 4, y2: y(survival) + 4, stroke: color }));
    }
    path += ` H ${x(maximum)}`;
    const median = group.median_days === null ? 'median not reached' : `median ${Math.round(group.median_days)} d`;
    return svg('g', { class: 'km-group', 'data-group': group.group },
      svg('path', { d: path, fill: 'none', stroke: color, 'stroke-width': 2 }), ...ticks,
      text(width - margin.right + 8, margin.top + 14 + index * 30, `${group.group}`, { fill: color, 'font-weight': 'bold' }),
      text(width - margin.right + 8, margin.top + 27 + index * 30, `${group.subjects} pts, ${median}`, { fill: color }));
  });
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': 'Kaplan-Meier curves of overall survival', class: 'chart' }, axes, curves);
}

// A bar per patient from enrollment to the last day recorded; a tick at each course's
// first dose; a marker at each response assessment, coloured by its category.
export function swimmerPlot(patients, { width = 640 } = {}) {
  const rowHeight = 18;
  const margin = { left: 90, right: 20, top: 10, bottom: 28 };
  const height = margin.top + margin.bottom + rowHeight * Math.max(1, patients.length);
  const maximum = Math.max(30, ...patients.map((patient) => patient.days));
  const x = (days) => margin.left + (days / maximum) * (width - margin.left - margin.right);
  const category = { CR: '#15803d', CRi: '#22c55e', PR: '#eab308', NR: '#dc2626', NE: '#94a3b8' };
  const rows = patients.map((patient, index) => {
    const top = margin.top + index * rowHeight;
    return svg('g', { class: 'swimmer-row', 'data-patient': patient.id },
      text(4, top + 12, patient.id),
      svg('rect', { x: x(0), y: top + 3, width: Math.max(2, x(patient.days) - x(0)), height: rowHeight - 6, rx: 3, fill: patient.offStudy ? '#cbd5e1' : '#bfdbfe' }),
      ...patient.courses.map((day) => svg('line', { x1: x(day), x2: x(day), y1: top + 2, y2: top + rowHeight - 2, stroke: '#1e3a8a', 'stroke-width': 2 })),
      ...patient.responses.map((response) => {
        const marker = svg('circle', { cx: x(response.day), cy: top + rowHeight / 2, r: 5, fill: category[response.category] || '#64748b' });
        marker.append(svg('title', {}, `${response.category} after course ${response.course}`));
        return marker;
      }));
  });
  const legend = Object.entries(category).map(([name, color], index) => svg('g', {},
    svg('circle', { cx: margin.left + index * 60, cy: height - 8, r: 5, fill: color }), text(margin.left + index * 60 + 8, height - 4, name)));
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': 'Swimmer plot of courses and responses', class: 'chart' }, rows, legend);
}
