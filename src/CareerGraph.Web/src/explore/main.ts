// The career path explorer: pick two careers, see the walks between them drawn and described in skills.
import './explore.css';
import { findCareer, findNeighbourhood, findRoutes, type Named, type Routes, type Walk } from './api';
import { CareerCombobox } from './combobox';
import { Drawing } from './drawing';
import { renderCareerList, renderGap, renderSelection, renderSteps, renderWalkChoices, walkLabel } from './panels';
import { readView, viewAddress, type View } from './view-state';

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

const names = new Map<string, string>();
let view: View = readView(window.location.search);
let walks: Walk[] = [];
let gap: Routes['gap'] | null = null;
let loading = 0;

const drawing = new Drawing(byId('drawing'), id => void expand(id));
const fromBox = new CareerCombobox(byId('from-input'), byId('from-options'), career => choose('from', career));
const toBox = new CareerCombobox(byId('to-input'), byId('to-options'), career => choose('to', career));

declare global {
  interface Window {
    /** The drawing's cytoscape instance, for the browser console and the browser tests. */
    careerGraphExplorer?: { cy: Drawing['cy'] };
  }
}
window.careerGraphExplorer = { cy: drawing.cy };

function named(id: string): Named {
  return { id, name: names.get(id) ?? id };
}

function remember(careers: Named[]) {
  for (const c of careers) names.set(c.id, c.name);
}

function say(message: string, problem = false) {
  const status = byId('status');
  status.textContent = message;
  status.classList.toggle('problem', problem);
}

function show(next: View, how: 'push' | 'replace') {
  view = next;
  const address = viewAddress(view);
  if (how === 'push') window.history.pushState(null, '', address);
  else window.history.replaceState(null, '', address);
}

function choose(end: 'from' | 'to', career: Named) {
  remember([career]);
  show({ ...view, [end]: career.id, walk: 0, expanded: [] }, 'push');
  void load();
}

/** Two walks are the same walk when they pass the same careers. */
const walkKey = (walk: Walk) => walk.steps.map(s => s.career.id).join('>');

function distinctWalks(routes: Routes): Walk[] {
  const all = routes.shortest ? [routes.shortest, ...routes.walks] : routes.walks;
  const seen = new Set<string>();
  return all.filter(w => !seen.has(walkKey(w)) && !!seen.add(walkKey(w))).slice(0, 3);
}

async function load() {
  const ticket = ++loading;
  const { from, to } = view;
  renderSelection(byId('selection'), null);
  try {
    if (from && to) {
      say(`Finding walks from ${named(from).name} to ${named(to).name}…`);
      const [routes, around] = await Promise.all([findRoutes(from, to), Promise.all(view.expanded.map(findNeighbourhood))]);
      if (ticket !== loading) return;
      walks = distinctWalks(routes);
      gap = routes.gap;
      walks.forEach(w => remember(w.steps.map(s => s.career)));
      drawing.drawWalks(walks, from, to);
      around.forEach(g => drawing.add(g));
      say(
        walks.length === 0
          ? `No walk of at most 4 moves joins ${named(from).name} and ${named(to).name}. Try careers that are closer, or draw the careers around one of them.`
          : `${walks.length} ${walks.length === 1 ? 'walk' : 'walks'} from ${named(from).name} to ${named(to).name}.`,
      );
    } else if (from) {
      say(`Drawing the careers around ${named(from).name}…`);
      const around = await Promise.all([from, ...view.expanded].map(findNeighbourhood));
      if (ticket !== loading) return;
      walks = [];
      gap = null;
      drawing.drawAround(from, around[0]);
      around.slice(1).forEach(g => drawing.add(g));
      say(`The careers around ${named(from).name}. Pick a career to move to.`);
    } else {
      walks = [];
      gap = null;
      drawing.cy.elements().remove();
      say('Pick a career to start from and a career to move to.');
    }
    showWalk();
  } catch (error) {
    if (ticket === loading) say(`Could not load the walks: ${(error as Error).message}`, true);
  }
}

function showWalk() {
  const index = Math.min(view.walk, Math.max(walks.length - 1, 0));
  const walk = walks[index] ?? null;
  renderWalkChoices(byId('walk-choices'), walks, index, chosen => {
    show({ ...view, walk: chosen }, 'replace');
    showWalk();
  });
  renderSteps(byId('steps'), byId('walk-shared'), walk);
  drawing.highlight(walk);
  drawing.layout(view.from);
  const { from, to } = view;
  renderGap(byId('gap'), named(from ?? ''), named(to ?? ''), from && to ? gap : null);
  describeDrawing(walk, index);
}

function describeDrawing(walk: Walk | null, index: number) {
  const careers = drawing.careers();
  careers.forEach(c => names.set(c.id, c.label));
  const count = `${careers.length} ${careers.length === 1 ? 'career' : 'careers'}`;
  byId('drawing').setAttribute(
    'aria-label',
    careers.length === 0 ? 'No careers drawn yet.' : walk ? `Graph of ${count}. Highlighted: ${walkLabel(walk, index)}.` : `Graph of ${count}.`,
  );
  byId('drawn').querySelector('summary')!.textContent = `Careers in the graph (${careers.length})`;
  renderCareerList(byId('drawn-list'), careers);
}

/** Adds the careers around one career to the drawing and selects it. */
async function expand(id: string) {
  const career = named(id);
  drawing.select(id);
  renderSelection(byId('selection'), {
    career,
    start: () => {
      fromBox.set(career);
      choose('from', career);
    },
    target: () => {
      toBox.set(career);
      choose('to', career);
    },
  });
  const drawnAround = view.expanded.includes(id) || (!view.to && id === view.from);
  if (drawnAround) return;
  show({ ...view, expanded: [...view.expanded, id] }, 'replace');
  const ticket = loading;
  try {
    const around = await findNeighbourhood(id);
    if (ticket !== loading) return;
    const before = drawing.cy.nodes().length;
    drawing.add(around);
    drawing.layout(view.from);
    drawing.select(id);
    describeDrawing(walks[view.walk] ?? null, view.walk);
    say(`Added ${drawing.cy.nodes().length - before} careers around ${career.name}.`);
  } catch (error) {
    say(`Could not draw the careers around ${career.name}: ${(error as Error).message}`, true);
  }
}

// Career buttons in the lists do what a click on the drawing does.
document.addEventListener('click', e => {
  const button = (e.target as HTMLElement).closest<HTMLElement>('button[data-career]');
  if (button) void expand(button.dataset.career!);
});

byId('route-form').addEventListener('submit', e => {
  e.preventDefault();
  if (!fromBox.value || !toBox.value) {
    say('Pick both careers from the suggestions: type a name, then choose one with the arrow keys and Enter.', true);
    return;
  }
  show({ ...view, from: fromBox.value.id, to: toBox.value.id, walk: 0, expanded: [] }, 'push');
  void load();
});

byId('swap').addEventListener('click', () => {
  const from = fromBox.value;
  const to = toBox.value;
  fromBox.set(to);
  toBox.set(from);
  show({ ...view, from: to?.id ?? null, to: from?.id ?? null, walk: 0, expanded: [] }, 'push');
  void load();
});

/** Takes the view from the address: ids or names of careers, resolved to the careers they mean. */
async function open() {
  view = readView(window.location.search);
  try {
    const [from, to] = await Promise.all([view.from, view.to].map(ref => (ref ? findCareer(ref) : Promise.resolve(null))));
    const unknown = [view.from && !from ? view.from : null, view.to && !to ? view.to : null].filter(Boolean);
    remember([from, to].filter((c): c is Named => c !== null));
    fromBox.set(from);
    toBox.set(to);
    show({ ...view, from: from?.id ?? null, to: to?.id ?? null }, 'replace');
    await load();
    if (unknown.length > 0) say(`No career is called ${unknown.map(u => `"${u}"`).join(' or ')}; search for it instead.`, true);
  } catch (error) {
    say(`Could not open this view: ${(error as Error).message}`, true);
  }
}

window.addEventListener('popstate', () => void open());
void open();
