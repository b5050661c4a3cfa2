// The career path explorer: pick two careers, see the paths between them drawn and described in skills.
import './explore.css';
import { careerDetails, findCareer, findNeighbourhood, findPaths, resolveCareers, searchCareers, type Named, type PathsBetween, type CareerPath } from './api';
import { CareerCombobox } from './combobox';
import { Drawing } from './drawing';
import { LivePaths } from './live';
import { MatchesPanel } from './matches';
import { MovesPanel } from './moves';
import { careerButton, el, renderCareerList, renderGap, renderSelection, renderSteps, renderPathChoices, pathLabel } from './panels';
import { readView, viewAddress, type View } from './view-state';

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

type End = 'from' | 'to';

const names = new Map<string, string>();
let view: View = readView(window.location.search);
let paths: CareerPath[] = [];
let gap: PathsBetween['gap'] | null = null;
let loading = 0;
/** The two careers the drawing was laid out for: a new pair starts a fresh drawing, anything else adds to it. */
let drawnFor = '';

const drawing = new Drawing(byId('drawing'), id => void expand(id));
// A curator changing a career on the drawn paths redraws them, afresh: names and links may have changed.
const live = new LivePaths(change => {
  drawnFor = '';
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
  skills => show({ ...view, skills }, 'replace'),
  career => {
    boxes.to.set(career);
    choose('to', career);
  },
);

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

/** Marks a field as wrong with a message linked to it (null clears it); the message may offer careers to pick. */
function fieldError(end: End, message: (Node | string)[] | null) {
  const input = byId<HTMLInputElement>(`${end}-input`);
  const host = byId(`${end}-error`);
  host.hidden = message === null;
  host.replaceChildren(...(message ?? []));
  if (message) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${end}-error combobox-hint`);
  } else {
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', 'combobox-hint');
  }
}

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

function show(next: View, how: 'push' | 'replace') {
  view = next;
  const address = viewAddress(view);
  if (how === 'push') window.history.pushState(null, '', address);
  else window.history.replaceState(null, '', address);
}

function choose(end: End, career: Named) {
  remember([career]);
  fieldError(end, null);
  const other = end === 'from' ? view.to : view.from;
  if (other === career.id) {
    sameCareer(end, career);
    return;
  }
  show({ ...view, [end]: career.id, path: 0, expanded: [], career: null }, 'push');
  void load();
}

function sameCareer(end: End, career: Named) {
  fieldError(end, [`From and To are both ${career.name}. Pick another career to ${end === 'from' ? 'start from' : 'go to'}.`]);
  byId(`${end}-input`).focus();
  say(`${career.name} is already where you are: pick two different careers to see a path.`, true);
}

/** Emptying a field drops what depended on it: the path goes, and the careers around the other one are drawn. */
function cleared(end: End) {
  if (!view[end]) return;
  show({ ...view, [end]: null, path: 0, expanded: [], career: null }, 'push');
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
  const ticket = ++loading;
  const { from, to } = view;
  const pair = `${from}>${to}`;
  try {
    if (from && to && from !== to) {
      say(`Finding paths from ${named(from).name} to ${named(to).name}…`);
      const [between, around] = await Promise.all([findPaths(from, to), Promise.all(view.expanded.map(findNeighbourhood))]);
      if (ticket !== loading) return;
      paths = distinctPaths(between);
      gap = between.gap;
      paths.forEach(w => remember(w.steps.map(s => s.career)));
      if (paths.length > 0) {
        if (drawnFor !== pair) drawing.clear();
        drawing.drawPaths(paths, from, to);
        say(`${paths.length} ${paths.length === 1 ? 'path' : 'paths'} from ${named(from).name} to ${named(to).name}.`);
      } else {
        // Keep what is drawn, so there is still something to look at and click; with nothing drawn, draw both ends.
        if (drawing.cy.nodes().empty()) {
          const ends = await Promise.all([findNeighbourhood(from), findNeighbourhood(to)]);
          if (ticket !== loading) return;
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
      const around = await Promise.all([centre, ...view.expanded].map(findNeighbourhood));
      if (ticket !== loading) return;
      paths = [];
      gap = null;
      if (drawnFor !== pair) drawing.clear();
      drawing.drawAround(centre, around[0]);
      around.slice(1).forEach(g => drawing.add(g));
      if (from === to) sameCareer('to', named(centre));
      else say(`The careers around ${named(centre).name}. Pick a career to ${from ? 'go to' : 'start from'}.`);
    } else {
      paths = [];
      gap = null;
      drawing.clear();
      say('Pick a career to start from and a career to go to, or try an example path.');
    }
    drawnFor = pair;
    showPath();
    void moves.show(from ? named(from) : null, to);
    matches.mark(to);
    live.watch(paths.flatMap(w => w.steps.map(s => s.career.id)));
    if (view.career) void select(view.career);
    else renderSelection(byId('selection'), null);
  } catch (error) {
    if (ticket === loading) say(`Could not load the paths: ${(error as Error).message}`, true);
  }
}

function showPath() {
  const index = Math.min(view.path, Math.max(paths.length - 1, 0));
  const path = paths[index] ?? null;
  keepingFocus(() => {
    renderPathChoices(byId('path-choices'), paths, index, chosen => {
      show({ ...view, path: chosen }, 'replace');
      showPath();
    });
    renderSteps(byId('steps'), byId('path-shared'), path);
    renderNoPath();
  });
  drawing.highlight(path);
  drawing.layout(view.from ?? view.to);
  const { from, to } = view;
  renderGap(byId('gap'), named(from ?? ''), named(to ?? ''), from && to ? gap : null);
  describeDrawing(path, index);
}

/** With two careers and no path between them, the paths panel offers the next things to try. */
function renderNoPath() {
  const host = byId('path-choices');
  const { from, to } = view;
  if (paths.length > 0 || !from || !to || from === to) return;
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
  careers.forEach(c => names.set(c.id, c.label));
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
    if (view.career !== id || !details) return;
    remember([details]);
    renderSelection(byId('selection'), { ...actions, career: details, details });
  } catch (error) {
    say(`Could not load the details of ${career.name}: ${(error as Error).message}`, true);
  }
}

/** Selects a career, shows its details and adds the careers around it to the drawing. */
async function expand(id: string) {
  const career = named(id);
  const drawnAround = view.expanded.includes(id) || (!view.to && id === view.from) || (!view.from && id === view.to);
  show({ ...view, career: id, expanded: drawnAround ? view.expanded : [...view.expanded, id] }, 'replace');
  void select(id);
  if (drawnAround) return;
  const ticket = loading;
  try {
    const around = await findNeighbourhood(id);
    if (ticket !== loading) return;
    const before = drawing.cy.nodes().length;
    drawing.add(around);
    drawing.layout(view.from ?? view.to);
    drawing.select(id);
    describeDrawing(paths[view.path] ?? null, view.path);
    say(`Added ${drawing.cy.nodes().length - before} careers around ${career.name}.`);
  } catch (error) {
    say(`Could not draw the careers around ${career.name}: ${(error as Error).message}`, true);
  }
}

/**
 * The career typed in a field, resolved as the API resolves names: the career picked from the suggestions, or the one
 * career the text names (id, name or alias). Otherwise the field is marked with what it may mean and null comes back.
 */
async function typedCareer(end: End): Promise<Named | null> {
  const box = boxes[end];
  if (box.value) return box.value;
  const text = box.text;
  if (!text) {
    fieldError(end, [end === 'from' ? 'Type a career to start from.' : 'Type a career to go to.']);
    return null;
  }
  const careers = await resolveCareers(text);
  if (careers.length === 1) {
    box.set(careers[0]);
    return careers[0];
  }
  const offer = (candidates: Named[]) =>
    candidates.flatMap((c, i) => {
      const button = el('button', { type: 'button', class: 'suggestion' }, c.name);
      button.addEventListener('click', () => {
        box.set(c);
        fieldError(end, null);
        byId(`${end}-input`).focus();
        void showPaths();
      });
      return [i === 0 ? ' ' : i === candidates.length - 1 ? ' or ' : ', ', button];
    });
  if (careers.length > 1) {
    fieldError(end, [`“${text}” may mean several careers. Which one?`, ...offer(careers), '']);
    return null;
  }
  const hits = (await searchCareers(text)).slice(0, 3).map(h => h.node);
  fieldError(end, hits.length === 0 ? [`No career is called “${text}”.`] : [`No career is called “${text}”. Did you mean`, ...offer(hits), '?']);
  return null;
}

async function showPaths() {
  let from: Named | null;
  let to: Named | null;
  try {
    [from, to] = await Promise.all([typedCareer('from'), typedCareer('to')]);
  } catch (error) {
    say(`Could not look the careers up: ${(error as Error).message}`, true);
    return;
  }
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
  show({ ...view, from: from.id, to: to.id, path: 0, expanded: [], career: null }, 'push');
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
  show({ ...view, from: to?.id ?? null, to: from?.id ?? null, path: 0, expanded: [], career: null }, 'push');
  void load();
});

byId('zoom-in').addEventListener('click', () => drawing.zoomBy(1.25));
byId('zoom-out').addEventListener('click', () => drawing.zoomBy(0.8));
byId('fit').addEventListener('click', () => drawing.fit());

/** Hands a picture to the browser as a download; the blob: URL lives only as long as the click needs it. */
function download(blob: Blob, extension: string) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  const { from, to } = view;
  link.download = `careergraph-${[from, to].filter(Boolean).join('-to-') || 'graph'}.${extension}`;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

for (const kind of ['png', 'svg'] as const) {
  byId(`export-${kind}`).addEventListener('click', async () => {
    if (drawing.cy.nodes().empty()) {
      say('Draw some careers first: there is nothing to export yet.', true);
      return;
    }
    try {
      const pictures = await import('./export');
      download(kind === 'png' ? await pictures.pngPicture(drawing.cy) : pictures.svgPicture(drawing.cy), kind);
      say(`The graph was saved as a ${kind.toUpperCase()} picture with its legend.`);
    } catch (error) {
      say(`Could not export the graph: ${(error as Error).message}`, true);
    }
  });
}

byId('copy-link').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(window.location.href);
    say('Link to this view copied.');
  } catch {
    say(`Copy this link to share the view: ${window.location.href}`);
  }
});

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
  view = readView(window.location.search);
  try {
    const [from, to] = await Promise.all([view.from, view.to].map(ref => (ref ? findCareer(ref) : Promise.resolve(null))));
    const unknown = [view.from && !from ? view.from : null, view.to && !to ? view.to : null].filter(Boolean);
    remember([from, to].filter((c): c is Named => c !== null));
    boxes.from.set(from);
    boxes.to.set(to);
    show({ ...view, from: from?.id ?? null, to: to?.id ?? null }, 'replace');
    void matches.open(view.skills).catch(error => say(`Could not find the careers that fit: ${(error as Error).message}`, true));
    await load();
    if (unknown.length > 0) say(`No career is called ${unknown.map(u => `"${u}"`).join(' or ')}; search for it instead.`, true);
  } catch (error) {
    say(`Could not open this view: ${(error as Error).message}`, true);
  }
}

window.addEventListener('popstate', () => void open());
void open();
