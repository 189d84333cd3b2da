// The coordinators' page: a header with the trial and the user, and one view per route
// (#/study, #/screening, #/patients, #/patients/ID, #/dashboard, #/users).
import './style.css';
import { api, currentUser } from './api.js';
import { h, replace } from './dom.js';
import { loginView } from './views/login.js';
import { studyView } from './views/study.js';
import { screeningView } from './views/screening.js';
import { patientsView } from './views/patients.js';
import { patientView } from './views/patient.js';
import { dashboardView } from './views/dashboard.js';
import { usersView } from './views/users.js';
import { feasibilityView } from './views/feasibility.js';

const app = document.getElementById('app');
const top = document.getElementById('top');
let protocol = null;

const routes = [
  { path: /^#\/study$/, title: 'Study', view: () => studyView(app, protocol) },
  { path: /^#\/screening$/, title: 'Screening', view: () => screeningView(app, protocol) },
  { path: /^#\/patients$/, title: 'Patients', view: () => patientsView(app) },
  { path: /^#\/patients\/(.+)$/, view: (id) => patientView(app, protocol, decodeURIComponent(id)) },
  { path: /^#\/dashboard$/, title: 'Dashboard', view: () => dashboardView(app, protocol) },
  { path: /^#\/users$/, title: 'Users', view: () => usersView(app), role: 'administrator' },
  { path: /^#\/feasibility$/, title: 'Feasibility', view: () => feasibilityView(app), role: 'investigator' },
];

function header() {
  const links = routes.filter((route) => route.title && (!route.role || route.role === currentUser.role))
    .map((route) => h('a', { href: route.path.source.slice(1, -1).replace(/\\\//g, '/'), class: location.hash.startsWith(route.path.source.slice(1, -1).replace(/\\\//g, '/')) ? 'active' : null }, route.title));
  replace(top,
    h('div', { class: 'brand' }, h('strong', {}, 'trialcore'), ' ', h('span', { class: 'muted' }, protocol ? `${protocol.id} · ${protocol.registry.brief_title || protocol.title}` : '')),
    h('nav', {}, links),
    h('div', { class: 'user' }, `${currentUser.username} (${currentUser.role}) `,
      h('button', { class: 'link', onclick: async () => { await api.signOut(); location.hash = '#/login'; show(); } }, 'Sign out')));
}

async function show() {
  const session = await api.resume();
  if (!session || currentUser.must_change_password) {
    replace(top);
    return loginView(app, session, async () => { protocol = null; location.hash = '#/patients'; await show(); });
  }
  if (!protocol) protocol = await api.get('/api/protocol');
  if (!location.hash || location.hash === '#/login') location.hash = '#/patients';
  header();
  for (const route of routes) {
    const match = location.hash.match(route.path);
    if (match) return route.view(...match.slice(1));
  }
  location.hash = '#/patients';
}

window.addEventListener('hashchange', show);
show();
