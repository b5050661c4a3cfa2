// The career path explorer: pick two careers, see the paths between them drawn and described in skills.
import './explore.css';
import { careerDetails, findCareer, findNeighbourhood, findPaths, type CareerPath, type Named, type PathsBetween } from './api';
import { CareerCombobox } from './combobox';
import { Drawing } from './drawing';
import { LivePaths } from './live';
import { MatchesPanel } from './matches';
import { MovesPanel } from './moves';
import { careerButton, el, renderCareerList, renderGap, renderSelection, renderSteps, renderPathChoices, pathLabel } from './panels';
import { fieldError, stale, typedCareer, type End } from './fields';
import { byId, say } from './page';
import { named, readAddress, remember, show, state } from './state';
import { wireToolbar } from './toolbar';

const drawing = new Drawing(byId('drawing'), id => void expand(id));
// A curator changing a career on the drawn paths redraws them, afresh: names and links may have changed.
const live = new LivePaths(change => {
  state.drawnFor = '';
  void load().then(() => say(`Updated: ${change.summary}`));
});
const boxes: Record<End, CareerCombobox> = {
  from: new CareerCombobox(byId('from-input'), byId('from-options'), career => choose('from', career), () => cleared('from'), () => fieldError('from', null)),
  to: new CareerCombobox(byId('to-input'), byId('to-options'), career => choose('to', career), () => cleared('to'), () => fieldError('to', null)),
};

declare global {
  interface Window {
    /** The drawing's cytoscape instance, for the browser console and the browser tests. */
    careerGraphExplorer?: { cy: Drawing['cy'] };
  }
}
window.careerGraphExplorer = { cy: drawing.cy };

/** Choosing one of the moves from the From career makes it the To career, which draws the path to it. */
const moves = new MovesPanel(byId('moves'), career => {
  boxes.to.set(career);
  choose('to', career);
});

/** Choosing a career that fits one's skills makes it the To career: the path to it, or with no From the careers around it. */
const matches = new MatchesPanel(
  byId('matches'),
  skills => show({ ...state.view, skills }, 'replace'),
  career => {
    boxes.to.set(career);
    choose('to', career);
  },
);

/** Re-renders part of the page without losing the keyboard focus: the same control, rebuilt, gets it back. */
function keepingFocus(render: () => void) {
  const active = document.activeElement as HTMLElement | null;
  const container = active?.closest<HTMLElement>('#path-choices, #steps, #drawn-list, #paths');
  render();
  if (!active || active.isConnected || !container) return;
  const again = active.id
    ? document.getElementById(active.id)
    : active.dataset.career
      ? container.querySelector<HTMLElement>(`[data-career="${CSS.escape(active.dataset.career)}"]`)
      : null;
  (again ?? container).focus();
}

function choose(end: End, career: Named) {
  remember([career]);
  fieldError(end, null);
  const other = end === 'from' ? state.view.to : state.view.from;
  if (other === career.id) {
    sameCareer(end, career);
    return;
  }
  show({ ...state.view, [end]: career.id, path: 0, expanded: [], career: null }, 'push');
  void load();
}

function sameCareer(end: End, career: Named) {
  fieldError(end, [`From and To are both ${career.name}. Pick another career to ${end === 'from' ? 'start from' : 'go to'}.`]);
  byId(`${end}-input`).focus();
  say(`${career.name} is already where you are: pick two different careers to see a path.`, true);
}

/** Emptying a field drops what depended on it: the path goes, and the careers around the other one are drawn. */
function cleared(end: End) {
  if (!state.view[end]) return;
  show({ ...state.view, [end]: null, path: 0, expanded: [], career: null }, 'push');
  void load();
}

/** Two paths are the same path when they pass the same careers. */
const pathKey = (path: CareerPath) => path.steps.map(s => s.career.id).join('>');

function distinctPaths(answer: PathsBetween): CareerPath[] {
  const all = answer.shortest ? [answer.shortest, ...answer.paths] : answer.paths;
  const seen = new Set<string>();
  return all.filter(w => !seen.has(pathKey(w)) && !!seen.add(pathKey(w))).slice(0, 3);
}

async function load() {
  const ticket = ++state.loading;
  const { from, to } = state.view;
  const pair = `${from}>${to}`;
  try {
    if (from && to && from !== to) {
      say(`Finding paths from ${named(from).name} to ${named(to).name}…`);
      const [between, around] = await Promise.all([findPaths(from, to), Promise.all(state.view.expanded.map(findNeighbourhood))]);
      if (ticket !== state.loading) return;
      state.paths = distinctPaths(between);
      state.gap = between.gap;
      state.paths.forEach(w => remember(w.steps.map(s => s.career)));
      if (state.paths.length > 0) {
        if (state.drawnFor !== pair) drawing.clear();
        drawing.drawPaths(state.paths, from, to);
        say(`${state.paths.length} ${state.paths.length === 1 ? 'path' : 'paths'} from ${named(from).name} to ${named(to).name}.`);
      } else {
        // Keep what is drawn, so there is still something to look at and click; with nothing drawn, draw both ends.
        if (drawing.cy.nodes().empty()) {
          const ends = await Promise.all([findNeighbourhood(from), findNeighbourhood(to)]);
          if (ticket !== state.loading) return;
          drawing.drawAround(from, ends[0]);
          drawing.add(ends[1]);
        }
        drawing.markEnds(from, to);
        say(`No path of at most 4 steps joins ${named(from).name} and ${named(to).name}. Draw the careers around either one to find a closer target.`, true);
      }
      around.forEach(g => drawing.add(g));
    } else if (from || to) {
      const centre = (from ?? to)!;
      say(`Drawing the careers around ${named(centre).name}…`);
      const around = await Promise.all([centre, ...state.view.expanded].map(findNeighbourhood));
      if (ticket !== state.loading) return;
      state.paths = [];
      state.gap = null;
      if (state.drawnFor !== pair) drawing.clear();
      drawing.drawAround(centre, around[0]);
      around.slice(1).forEach(g => drawing.add(g));
      if (from === to) sameCareer('to', named(centre));
      else say(`The careers around ${named(centre).name}. Pick a career to ${from ? 'go to' : 'start from'}.`);
    } else {
      state.paths = [];
      state.gap = null;
      drawing.clear();
      say('Pick a career to start from and a career to go to, or try an example path.');
    }
    state.drawnFor = pair;
    showPath();
    void moves.show(from ? named(from) : null, to);
    matches.mark(to);
    live.watch(state.paths.flatMap(w => w.steps.map(s => s.career.id)));
    if (state.view.career) void select(state.view.career);
    else renderSelection(byId('selection'), null);
  } catch (error) {
    if (ticket === state.loading) say(`Could not load the paths: ${(error as Error).message}`, true);
  }
}

function showPath() {
  const index = Math.min(state.view.path, Math.max(state.paths.length - 1, 0));
  const path = state.paths[index] ?? null;
  keepingFocus(() => {
    renderPathChoices(byId('path-choices'), state.paths, index, chosen => {
      show({ ...state.view, path: chosen }, 'replace');
      showPath();
    });
    renderSteps(byId('steps'), byId('path-shared'), path);
    renderNoPath();
  });
  drawing.highlight(path);
  drawing.layout(state.view.from ?? state.view.to);
  const { from, to } = state.view;
  renderGap(byId('gap'), named(from ?? ''), named(to ?? ''), from && to ? state.gap : null);
  describeDrawing(path, index);
}

/** With two careers and no path between them, the paths panel offers the next things to try. */
function renderNoPath() {
  const host = byId('path-choices');
  const { from, to } = state.view;
  if (state.paths.length > 0 || !from || !to || from === to) return;
  host.append(
    el(
      'div',
      { class: 'no-path' },
      el('p', {}, `No path joins ${named(from).name} and ${named(to).name}. Draw the careers around one of them:`),
      el('p', { class: 'career-buttons' }, careerButton(named(from)), ' ', careerButton(named(to))),
    ),
  );
}

function describeDrawing(path: CareerPath | null, index: number) {
  const careers = drawing.careers();
  remember(careers.map(c => ({ id: c.id, name: c.label })));
  const count = `${careers.length} ${careers.length === 1 ? 'career' : 'careers'}`;
  byId('drawing').setAttribute(
    'aria-label',
    careers.length === 0 ? 'No careers drawn yet.' : path ? `Graph of ${count}. Highlighted: ${pathLabel(path, index)}.` : `Graph of ${count}.`,
  );
  byId('empty').hidden = careers.length > 0;
  byId('drawn').querySelector('summary')!.textContent = `Careers in the graph (${careers.length})`;
  keepingFocus(() => renderCareerList(byId('drawn-list'), careers));
}

/** Shows a career's details and selects it in the drawing. */
async function select(id: string) {
  const career = named(id);
  drawing.select(id);
  const actions = {
    career,
    start: () => {
      boxes.from.set(career);
      choose('from', career);
    },
    target: () => {
      boxes.to.set(career);
      choose('to', career);
    },
  };
  renderSelection(byId('selection'), { ...actions, details: null });
  try {
    const details = await careerDetails(id);
    if (state.view.career !== id || !details) return;
    remember([details]);
    renderSelection(byId('selection'), { ...actions, career: details, details });
  } catch (error) {
    say(`Could not load the details of ${career.name}: ${(error as Error).message}`, true);
  }
}

/** Selects a career, shows its details and adds the careers around it to the drawing. */
async function expand(id: string) {
  const career = named(id);
  const drawnAround = state.view.expanded.includes(id) || (!state.view.to && id === state.view.from) || (!state.view.from && id === state.view.to);
  show({ ...state.view, career: id, expanded: drawnAround ? state.view.expanded : [...state.view.expanded, id] }, 'replace');
  void select(id);
  if (drawnAround) return;
  const ticket = state.loading;
  try {
    const around = await findNeighbourhood(id);
    if (ticket !== state.loading) return;
    const before = drawing.cy.nodes().length;
    drawing.add(around);
    drawing.layout(state.view.from ?? state.view.to);
    drawing.select(id);
    describeDrawing(state.paths[state.view.path] ?? null, state.view.path);
    say(`Added ${drawing.cy.nodes().length - before} careers around ${career.name}.`);
  } catch (error) {
    say(`Could not draw the careers around ${career.name}: ${(error as Error).message}`, true);
  }
}

/** A suggestion picked in a field's message tries the paths again. */
const retry = () => void showPaths();

/** Counts the times Show paths was asked: a slower, earlier ask must not overwrite what a later one said or loaded. */
let asked = 0;

async function showPaths() {
  const ticket = ++asked;
  let from: Named | null | typeof stale;
  let to: Named | null | typeof stale;
  try {
    [from, to] = await Promise.all([typedCareer('from', boxes.from, retry), typedCareer('to', boxes.to, retry)]);
  } catch (error) {
    if (ticket === asked) say(`Could not look the careers up: ${(error as Error).message}`, true);
    return;
  }
  // A field changed while it was looked up, or Show paths was asked again since: this answer is out of date.
  if (ticket !== asked || from === stale || to === stale) return;
  if (!from || !to) {
    say('Check the marked career names.', true);
    byId(`${from ? 'to' : 'from'}-input`).focus();
    return;
  }
  remember([from, to]);
  if (from.id === to.id) {
    sameCareer('to', to);
    return;
  }
  show({ ...state.view, from: from.id, to: to.id, path: 0, expanded: [], career: null }, 'push');
  await load();
}

// Career buttons in the lists do what a click on the drawing does.
document.addEventListener('click', e => {
  const button = (e.target as HTMLElement).closest<HTMLElement>('button[data-career]');
  if (button) void expand(button.dataset.career!);
});

byId('path-form').addEventListener('submit', e => {
  e.preventDefault();
  void showPaths();
});

byId('swap').addEventListener('click', () => {
  const from = boxes.from.value;
  const to = boxes.to.value;
  boxes.from.set(to);
  boxes.to.set(from);
  show({ ...state.view, from: to?.id ?? null, to: from?.id ?? null, path: 0, expanded: [], career: null }, 'push');
  void load();
});

wireToolbar(drawing);

// The example paths are ordinary links; following them in the page keeps the history and skips a reload.
byId('empty').addEventListener('click', e => {
  const link = (e.target as HTMLElement).closest<HTMLAnchorElement>('a[data-example]');
  if (!link) return;
  e.preventDefault();
  window.history.pushState(null, '', link.href);
  void open();
});

/** Takes the view from the address: ids or names of careers, resolved to the careers they mean. */
async function open() {
  readAddress();
  try {
    const [from, to] = await Promise.all([state.view.from, state.view.to].map(ref => (ref ? findCareer(ref) : Promise.resolve(null))));
    const unknown = [state.view.from && !from ? state.view.from : null, state.view.to && !to ? state.view.to : null].filter(Boolean);
    remember([from, to].filter((c): c is Named => c !== null));
    boxes.from.set(from);
    boxes.to.set(to);
    show({ ...state.view, from: from?.id ?? null, to: to?.id ?? null }, 'replace');
    void matches.open(state.view.skills).catch(error => say(`Could not find the careers that fit: ${(error as Error).message}`, true));
    await load();
    if (unknown.length > 0) say(`No career is called ${unknown.map(u => `"${u}"`).join(' or ')}; search for it instead.`, true);
  } catch (error) {
    say(`Could not open this view: ${(error as Error).message}`, true);
  }
}

window.addEventListener('popstate', () => void open());
void open();
