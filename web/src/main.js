// The coordinators' page: a header with the trial and the user, and one view per route
// (#/study, #/screening, #/patients, #/patients/ID, #/dashboard, #/users). Each navigation
// gives its view a root of its own (dom.js): a view the user has left never overwrites the
// page, and a view rendered again keeps what the user typed.
import './style.css';
import { api, currentUser, may } from './api.js';
import { h, replace, viewRoot, isEdited } from './dom.js';
import { loginView } from './views/login.js';
import { studyView } from './views/study.js';
import { screeningView } from './views/screening.js';
import { patientsView } from './views/patients.js';
import { patientView } from './views/patient.js';
import { dashboardView } from './views/dashboard.js';
import { usersView } from './views/users.js';
import { feasibilityView } from './views/feasibility.js';
import { safetyView } from './views/safety.js';

const app = document.getElementById('app');
const top = document.getElementById('top');
let protocol = null;

const routes = [
  { path: /^#\/study$/, title: 'Study', view: (root) => studyView(root, protocol) },
  { path: /^#\/screening$/, title: 'Screening', view: (root) => screeningView(root, protocol) },
  { path: /^#\/patients$/, title: 'Patients', view: (root) => patientsView(root, protocol) },
  { path: /^#\/patients\/(.+)$/, view: (root, id) => patientView(root, protocol, decodeURIComponent(id)) },
  { path: /^#\/dashboard(?:\?.*)?$/, href: '#/dashboard', title: 'Dashboard', view: (root) => dashboardView(root, protocol) },
  { path: /^#\/safety$/, title: 'Safety', view: (root) => safetyView(root) },
  { path: /^#\/users$/, title: 'Users', view: (root) => usersView(root, protocol), may: 'manage-users' },
  { path: /^#\/feasibility$/, title: 'Feasibility', view: (root) => feasibilityView(root), may: 'see-feasibility' },
];

function header() {
  const links = routes.filter((route) => route.title && (!route.may || may(route.may)))
    .map((route) => {
      const href = route.href || route.path.source.slice(1, -1).replace(/\\\//g, '/');
      return h('a', { href, class: location.hash.startsWith(href) ? 'active' : null }, route.title);
    });
  replace(top,
    h('div', { class: 'brand' }, h('strong', {}, 'trialcore'), ' ', h('span', { class: 'muted' }, protocol ? `${protocol.id} · ${protocol.registry.brief_title || protocol.title}` : '')),
    h('nav', {}, links),
    h('div', { class: 'user' }, `${currentUser.username} (${currentUser.role}) `,
      h('button', { class: 'link', onclick: async () => { await api.signOut(); await go('#/login'); } }, 'Sign out')));
}

// A form holds what the user typed and has not saved: leaving it asks first.
function unsaved() {
  return [...app.querySelectorAll('form input, form textarea, form select')]
    .some((control) => isEdited(control) && control.type !== 'file' && (control.type === 'checkbox' ? control.checked !== control.defaultChecked : control.value !== control.defaultValue));
}

let shownHash = location.hash;
window.addEventListener('beforeunload', (event) => {
  if (unsaved()) event.preventDefault();
});

// Shows the route of the page's address. A change of address calls it again (hashchange).
function go(hash) {
  if (location.hash === hash) return show();
  location.hash = hash;  // hashchange shows it
  return undefined;
}

async function show() {
  const root = viewRoot(app);
  const session = await api.resume();
  if (!session || currentUser.must_change_password) {
    replace(top);
    return loginView(root, session, async () => { protocol = null; await go('#/patients'); });
  }
  if (!protocol) protocol = await api.get('/api/protocol');
  if (!location.hash || location.hash === '#/login') return go('#/patients');
  header();
  for (const route of routes) {
    const match = location.hash.match(route.path);
    if (match) {
      document.title = `${route.title || 'Patient'} · trialcore`;
      return route.view(root, ...match.slice(1));
    }
  }
  return go('#/patients');
}

window.addEventListener('hashchange', () => {
  const leaving = location.hash.split('?')[0] !== shownHash.split('?')[0];
  if (leaving && unsaved() && !window.confirm('A form holds what you typed and has not been saved. Leave it?')) {
    history.replaceState(null, '', shownHash || '#/patients');  // stay, with what was typed
    return;
  }
  shownHash = location.hash;
  show();
});
show();
