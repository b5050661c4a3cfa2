// "Where next?": the best career moves from the From career, with what carries over, what to learn and why.
import { ask, type Named } from './api';
import { el, skillList } from './panels';

export interface CareerMove {
  career: Named;
  /** 0 to 1, higher is a better move. */
  score: number;
  sharedSkills: Named[];
  skillsToLearn: Named[];
  reasons: string[];
}

const movesQuery = `query CareerMoves($from: String!) {
  careerMoves(from: $from, first: 5) {
    career { id name } score reasons
    sharedSkills { id name } skillsToLearn { id name }
  }
}`;

const findMoves = async (from: string) => (await ask<{ careerMoves: CareerMove[] }>(movesQuery, { from })).careerMoves;

/**
 * The "Where next?" panel. It follows the From career (asking again only when it changes) and marks the move that is
 * the current To; choosing a move hands it to the page, which makes it the To career and draws the path.
 */
export class MovesPanel {
  private from: string | null = null;
  private to: string | null = null;
  private moves: CareerMove[] = [];
  /** The career whose moves are on their way, if any. */
  private loadingFor: string | null = null;

  constructor(
    private readonly host: HTMLElement,
    private readonly onChoose: (career: Named) => void,
  ) {}

  async show(from: Named | null, to: string | null) {
    this.to = to;
    if (from?.id === this.from) {
      // The moves are those of this career, or on their way; the answer is drawn with the latest To.
      if (this.loadingFor !== this.from) this.render(from, to);
      return;
    }
    this.from = from?.id ?? null;
    this.moves = [];
    if (!from) {
      this.render(null, to);
      return;
    }
    this.host.replaceChildren(el('p', { class: 'none' }, `Finding the best moves from ${from.name}…`));
    this.loadingFor = from.id;
    try {
      const moves = await findMoves(from.id);
      if (this.from !== from.id) return;
      this.moves = moves;
      this.render(from, this.to);
    } catch (error) {
      if (this.from !== from.id) return;
      this.from = null; // asked again next time
      this.host.replaceChildren(el('p', { class: 'none problem' }, `Could not find the moves: ${(error as Error).message}`));
    } finally {
      if (this.loadingFor === from.id) this.loadingFor = null;
    }
  }

  private render(from: Named | null, to: string | null) {
    if (!from) {
      this.host.replaceChildren(el('p', { class: 'none' }, 'Pick a career to start from to see where one can go from it.'));
      return;
    }
    if (this.moves.length === 0) {
      this.host.replaceChildren(el('p', { class: 'none' }, `No moves from ${from.name}: it shares no important skill and no link with another career.`));
      return;
    }
    const focused = (document.activeElement as HTMLElement | null)?.dataset.move;
    this.host.replaceChildren(
      el('p', { class: 'hint' }, 'Ranked by the skills that carry over, then how closely linked the careers are. Choose one to draw the path.'),
      el('ol', { class: 'moves', 'aria-label': `Best moves from ${from.name}` }, ...this.moves.map(move => this.item(move, move.career.id === to))),
    );
    if (focused) this.host.querySelector<HTMLElement>(`[data-move="${CSS.escape(focused)}"]`)?.focus();
  }

  private item(move: CareerMove, chosen: boolean): HTMLElement {
    const score = `score ${move.score.toFixed(2)}`;
    const button = el(
      'button',
      { type: 'button', class: 'move-choice', 'data-move': move.career.id, 'aria-pressed': String(chosen), title: `Draw the path to ${move.career.name}` },
      el('span', { class: 'move-name' }, move.career.name),
      ' ',
      el('span', { class: 'move-score' }, score),
    );
    button.addEventListener('click', () => this.onChoose(move.career));
    return el(
      'li',
      { class: chosen ? 'move chosen' : 'move' },
      el('h3', {}, button),
      el('ul', { class: 'reasons', 'aria-label': `Why ${move.career.name}` }, ...move.reasons.map(r => el('li', {}, r))),
      el(
        'details',
        {},
        el('summary', {}, `Skills: ${move.sharedSkills.length} carry over, ${move.skillsToLearn.length} to learn`),
        el(
          'div',
          { class: 'step-skills' },
          skillList('shared', 'Carries over', move.sharedSkills, 'Nothing carries over.'),
          skillList('new', 'To learn', move.skillsToLearn, 'Nothing new to learn.'),
        ),
      ),
    );
  }
}
