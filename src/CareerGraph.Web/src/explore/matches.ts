// "What fits my skills?": the careers that best fit the skills one has, with coverage, what to learn and why.
import { ask, searchSkills, type Named } from './api';
import { CareerCombobox } from './combobox';
import { el } from './panels';

interface Requirement {
  skill: Named;
  core: boolean;
}

export interface CareerMatch {
  career: Named;
  /** 0 to 1, higher fits better. */
  score: number;
  /** The share of the career's requirement weight one has, 0 to 1. */
  coverage: number;
  matchedSkills: Requirement[];
  missingSkills: Requirement[];
  reasons: string[];
}

const matchesQuery = `query CareerMatches($skills: [String!]!) {
  careerMatches(skills: $skills, first: 5) {
    career { id name } score coverage reasons
    matchedSkills { skill { id name } core } missingSkills { skill { id name } core }
  }
}`;

const skillsQuery = `query SkillsById($ids: [ID!]!) { nodes(ids: $ids) { id ... on Skill { name } } }`;

/** How many of the skills to learn are named in a match. */
const learnFirst = 3;

export const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * The "What fits my skills?" panel: a skills field with the career fields' suggestions (asking for skills), the chosen
 * skills as removable chips, and the best matches. The skills travel in the address (the page keeps them in its view);
 * choosing a match hands it to the page, which makes it the To career: the path to it from the From career, or, with
 * no From, the careers around it.
 */
export class MatchesPanel {
  private skills: Named[] = [];
  private matches: CareerMatch[] = [];
  private chosen: string | null = null;
  private asked = 0;
  private readonly box: CareerCombobox;
  private readonly chips: HTMLElement;
  private readonly results: HTMLElement;

  constructor(
    host: HTMLElement,
    /** Called when the skills change, with their ids, so the page can put them in the address. */
    private readonly onSkills: (ids: string[]) => void,
    private readonly onChoose: (career: Named) => void,
  ) {
    const input = el('input', {
      id: 'skills-input',
      type: 'text',
      role: 'combobox',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': 'skills-options',
      'aria-describedby': 'skills-hint',
      placeholder: 'e.g. Python',
    }) as HTMLInputElement;
    const listbox = el('ul', { id: 'skills-options', role: 'listbox', 'aria-labelledby': 'skills-label', hidden: '' }) as HTMLUListElement;
    this.chips = el('ul', { class: 'skill-chips', 'aria-label': 'Your skills' });
    this.results = el('div', { class: 'matches-results' });
    host.replaceChildren(
      el(
        'div',
        { class: 'field' },
        el('label', { for: 'skills-input', id: 'skills-label' }, 'Add a skill you have'),
        el('div', { class: 'combobox' }, input, listbox),
      ),
      el('p', { id: 'skills-hint', class: 'hint' }, 'Type a skill, then pick it with the arrow keys and Enter; add as many as you have.'),
      this.chips,
      this.results,
    );
    this.box = new CareerCombobox(
      input,
      listbox,
      skill => {
        this.box.set(null);
        if (!this.skills.some(s => s.id === skill.id)) this.change([...this.skills, skill]);
      },
      () => {},
      () => {},
      searchSkills,
      'No skill matches.',
    );
    this.render();
  }

  /** Takes the skills from the address (ids); unknown ids are dropped and said. */
  async open(ids: string[]) {
    if (ids.join(',') === this.skills.map(s => s.id).join(',')) return;
    if (ids.length === 0) {
      this.skills = [];
      this.matches = [];
      this.render();
      return;
    }
    const found = (await ask<{ nodes: (Named | null)[] }>(skillsQuery, { ids })).nodes.filter((n): n is Named => !!n?.name);
    this.skills = found;
    await this.find();
    if (found.length < ids.length) {
      const unknown = ids.filter(id => !found.some(s => s.id === id));
      this.results.prepend(el('p', { class: 'none problem' }, `No skill has the id ${unknown.map(u => `“${u}”`).join(' or ')}.`));
    }
  }

  /** Marks the match that is the current To career. */
  mark(to: string | null) {
    this.chosen = to;
    this.results.querySelectorAll<HTMLElement>('[data-match]').forEach(b => {
      const chosen = b.dataset.match === to;
      b.setAttribute('aria-pressed', String(chosen));
      b.closest('li')?.classList.toggle('chosen', chosen);
    });
  }

  private change(skills: Named[]) {
    this.skills = skills;
    this.onSkills(skills.map(s => s.id));
    void this.find();
  }

  private async find() {
    const ticket = ++this.asked;
    this.renderChips();
    if (this.skills.length === 0) {
      this.matches = [];
      this.render();
      return;
    }
    this.results.replaceChildren(el('p', { class: 'none' }, 'Finding the careers that fit…'));
    try {
      const matches = (await ask<{ careerMatches: CareerMatch[] }>(matchesQuery, { skills: this.skills.map(s => s.id) })).careerMatches;
      if (ticket !== this.asked) return;
      this.matches = matches;
      this.render();
    } catch (error) {
      if (ticket !== this.asked) return;
      this.results.replaceChildren(el('p', { class: 'none problem' }, `Could not find the careers that fit: ${(error as Error).message}`));
    }
  }

  private renderChips() {
    this.chips.replaceChildren(
      ...this.skills.map(skill => {
        const remove = el('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove ${skill.name}`, title: `Remove ${skill.name}` }, '×');
        remove.addEventListener('click', () => {
          this.change(this.skills.filter(s => s.id !== skill.id));
          document.getElementById('skills-input')?.focus();
        });
        return el('li', { class: 'skill-chip', 'data-skill': skill.id }, skill.name, ' ', remove);
      }),
    );
  }

  private render() {
    this.renderChips();
    if (this.skills.length === 0) {
      this.results.replaceChildren(el('p', { class: 'none' }, 'Add the skills you have to see the careers that fit them and what to learn.'));
      return;
    }
    if (this.matches.length === 0) {
      this.results.replaceChildren(el('p', { class: 'none' }, 'No career requires any of these skills.'));
      return;
    }
    this.results.replaceChildren(
      el('p', { class: 'hint' }, 'Ranked by how much of each career you already have and how much of what you know it uses. Choose one to draw it.'),
      el('ol', { class: 'moves matches', 'aria-label': 'Careers that fit your skills' }, ...this.matches.map(match => this.item(match))),
    );
    this.mark(this.chosen);
  }

  private item(match: CareerMatch): HTMLElement {
    const button = el(
      'button',
      {
        type: 'button',
        class: 'move-choice',
        'data-match': match.career.id,
        'aria-pressed': 'false',
        title: `Draw ${match.career.name}: the path to it from the From career, or the careers around it`,
      },
      el('span', { class: 'move-name' }, match.career.name),
      ' ',
      el('span', { class: 'move-score match-coverage' }, `${percent(match.coverage)} covered`),
    );
    button.addEventListener('click', () => this.onChoose(match.career));
    const learn = match.missingSkills.slice(0, learnFirst).map(r => r.skill.name);
    const more = match.missingSkills.length - learn.length;
    return el(
      'li',
      { class: 'move match' },
      el('h3', {}, button),
      el(
        'p',
        { class: 'match-learn' },
        learn.length === 0 ? 'Nothing to learn.' : `Learn first: ${learn.join(', ')}${more > 0 ? ` (and ${more} more)` : ''}`,
      ),
      el('ul', { class: 'reasons', 'aria-label': `Why ${match.career.name}` }, ...match.reasons.map(r => el('li', {}, r))),
    );
  }
}
