// The text side of the explorer: the path choices, the steps of the chosen path, and the skill gap.
import type { CareerDetails, Named, SkillGap, Step, CareerPath } from './api';

type Child = Node | string | null | false | undefined;

export function el(tag: string, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children.filter((c): c is Node | string => c !== null && c !== false && c !== undefined));
  return element;
}

/** A button naming a career; the page listens for clicks on [data-career] to draw its surroundings. */
export function careerButton(career: Named): HTMLElement {
  return el('button', { type: 'button', class: 'career', 'data-career': career.id, title: `Draw the careers around ${career.name}` }, career.name);
}

export function skillList(kind: string, title: string, skills: Named[], empty: string): HTMLElement {
  const heading = `${title} (${skills.length})`;
  return el(
    'div',
    { class: `skills ${kind}`, 'data-skills': kind },
    el('h4', {}, heading),
    skills.length === 0 ? el('p', { class: 'none' }, empty) : el('ul', { 'aria-label': heading }, ...skills.map(s => el('li', {}, s.name))),
  );
}

function viaText(step: Step, previous: Named): string {
  if (step.via === 'SPECIALISATION_OF')
    return step.edge?.source === step.career.id ? `a specialisation of ${previous.name}` : `the broader career ${previous.name} specialises`;
  return `related to ${previous.name} (strength ${step.weight ?? 'unknown'})`;
}

export function pathLabel(path: CareerPath, index: number): string {
  const careers = path.steps.map(s => s.career.name).join(' → ');
  const kind = index === 0 ? 'Shortest' : `Alternative ${index}`;
  return `${kind}: ${path.hops} ${path.hops === 1 ? 'step' : 'steps'}, ${careers}`;
}

export function renderPathChoices(host: HTMLElement, paths: CareerPath[], chosen: number, onChoose: (index: number) => void) {
  host.replaceChildren(
    ...paths.map((path, index) => {
      const input = el('input', { type: 'radio', name: 'path', value: String(index), id: `path-${index}` }) as HTMLInputElement;
      input.checked = index === chosen;
      input.addEventListener('change', () => onChoose(index));
      return el('label', { class: 'path-choice', for: `path-${index}` }, input, el('span', {}, pathLabel(path, index)));
    }),
  );
}

export function renderSteps(list: HTMLElement, shared: HTMLElement, path: CareerPath | null) {
  if (!path) {
    list.replaceChildren();
    shared.replaceChildren();
    return;
  }
  list.replaceChildren(
    ...path.steps.map((step, index) =>
      el(
        'li',
        { class: 'step', 'data-career-id': step.career.id },
        el('h3', {}, careerButton(step.career)),
        el('p', { class: 'via' }, index === 0 ? 'Start here' : `Step ${index}: ${viaText(step, path.steps[index - 1].career)}`),
        index === 0
          ? el('details', {}, el('summary', {}, `Skills at the start (${step.newSkills.length})`), skillList('start', 'Skills', step.newSkills, 'None recorded.'))
          : el(
              'div',
              { class: 'step-skills' },
              skillList('shared', 'Shared with the previous career', step.sharedWithPrevious, 'Nothing carries over.'),
              skillList('new', 'New skills to learn', step.newSkills, 'Nothing new to learn.'),
            ),
      ),
    ),
  );
  shared.replaceChildren(skillList('path-shared', 'Skills every career on this path shares', path.sharedSkills, 'None.'));
}

export function renderGap(host: HTMLElement, from: Named, to: Named, gap: SkillGap | null) {
  if (!gap) {
    host.replaceChildren(el('p', { class: 'none' }, 'Pick two careers to compare their skills.'));
    return;
  }
  host.replaceChildren(
    el('p', {}, `Moving from ${from.name} to ${to.name} in one go:`),
    skillList('keep', 'Keep', gap.keep, 'No skills in common.'),
    skillList('learn', 'Learn', gap.learn, 'Nothing new to learn.'),
    el('details', {}, el('summary', {}, `Leave behind (${gap.leaveBehind.length})`), skillList('leave', 'Leave behind', gap.leaveBehind, 'Nothing.')),
  );
}

export interface Selection {
  career: Named;
  /** Null while the details are on their way. */
  details: CareerDetails | null;
  start: () => void;
  target: () => void;
}

const jobZones = ['', 'little or no preparation', 'some preparation', 'medium preparation', 'considerable preparation', 'extensive preparation'];

/** The selected career: what it is, what people in it do, and buttons to path from or to it. */
export function renderSelection(host: HTMLElement, selection: Selection | null) {
  host.hidden = selection === null;
  if (!selection) return;
  const { career, details } = selection;
  const start = el('button', { type: 'button' }, 'Start from here');
  const target = el('button', { type: 'button' }, 'Go here');
  start.addEventListener('click', selection.start);
  target.addEventListener('click', selection.target);
  const code = details?.socCode;
  host.replaceChildren(
    el('h3', {}, 'Selected: ', el('strong', {}, career.name)),
    el('div', { class: 'actions' }, start, target),
    details === null
      ? el('p', { class: 'none' }, 'Loading the details…')
      : el(
          'div',
          { class: 'details' },
          el('p', {}, details.description ?? 'No description recorded.'),
          details.aliases.length > 0 && el('p', { class: 'aliases' }, `Also known as ${details.aliases.join(', ')}.`),
          el(
            'dl',
            {},
            el('dt', {}, 'Job zone'),
            el('dd', {}, details.jobZone ? `${details.jobZone} of 5: ${jobZones[details.jobZone] ?? ''}` : 'Not recorded'),
            el('dt', {}, 'O*NET code'),
            el(
              'dd',
              {},
              code
                ? el('a', { href: `https://www.onetonline.org/link/summary/${encodeURIComponent(code)}`, target: '_blank', rel: 'noopener' }, `${code} on O*NET OnLine`)
                : 'Not recorded',
            ),
          ),
          el(
            'details',
            {},
            el('summary', {}, `Duties (${details.duties.length})`),
            details.duties.length === 0 ? el('p', { class: 'none' }, 'None recorded.') : el('ul', {}, ...details.duties.map(d => el('li', {}, d))),
          ),
        ),
  );
}

export function renderCareerList(host: HTMLElement, careers: { id: string; label: string }[]) {
  host.replaceChildren(...careers.map(c => el('li', {}, careerButton({ id: c.id, name: c.label }))));
}
