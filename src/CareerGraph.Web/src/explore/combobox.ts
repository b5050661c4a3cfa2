// A career (or skill) picker following the WAI-ARIA combobox pattern (list autocomplete): type, arrow to an option, Enter.
import { searchCareers, type CareerHit, type Named } from './api';

export class CareerCombobox {
  private hits: CareerHit[] = [];
  private active = -1;
  private chosen: Named | null = null;
  private pending = 0;
  private timer: number | undefined;

  constructor(
    private readonly input: HTMLInputElement,
    private readonly listbox: HTMLUListElement,
    private readonly onChoose: (career: Named) => void,
    /** Called when the field is emptied, by deleting its text or with Escape. */
    private readonly onClear: () => void,
    /** Called on every edit, so that a message about the old text can go. */
    private readonly onEdit: () => void,
    /** The suggestions for a text: careers unless told otherwise (the skills field asks for skills, with the same search). */
    private readonly find: (text: string) => Promise<CareerHit[]> = searchCareers,
    private readonly noneText = 'No career matches.',
  ) {
    input.addEventListener('input', () => this.typed());
    input.addEventListener('keydown', e => this.key(e));
    input.addEventListener('blur', () => this.close());
    // pointerdown, not click: choose before the input loses focus and closes the list.
    listbox.addEventListener('pointerdown', e => {
      const option = (e.target as HTMLElement).closest<HTMLLIElement>('[role=option]');
      if (!option) return;
      e.preventDefault();
      this.choose(Number(option.dataset.index));
    });
  }

  get value(): Named | null {
    return this.chosen;
  }

  /** What is typed in the field. */
  get text(): string {
    return this.input.value.trim();
  }

  /** Shows a career as chosen without announcing it (used when the view comes from the URL). */
  set(career: Named | null) {
    this.chosen = career;
    this.input.value = career?.name ?? '';
    this.close();
  }

  private typed() {
    this.chosen = null;
    window.clearTimeout(this.timer);
    this.onEdit();
    const text = this.input.value.trim();
    if (!text) {
      this.close();
      this.onClear();
      return;
    }
    this.timer = window.setTimeout(() => this.search(text), 150);
  }

  private async search(text: string) {
    const ticket = ++this.pending;
    let hits: CareerHit[];
    try {
      hits = await this.find(text);
    } catch {
      hits = [];
    }
    // An older answer arriving after a newer one must not replace it.
    if (ticket !== this.pending || document.activeElement !== this.input) return;
    this.hits = hits;
    this.active = hits.length > 0 ? 0 : -1;
    this.render();
  }

  private render() {
    this.listbox.replaceChildren(
      ...this.hits.map((hit, index) => {
        const option = document.createElement('li');
        option.id = `${this.listbox.id}-${index}`;
        option.setAttribute('role', 'option');
        option.dataset.index = String(index);
        option.dataset.id = hit.node.id;
        option.setAttribute('aria-selected', String(index === this.active));
        option.textContent = hit.node.name;
        if (hit.viaAlias && hit.matched.toLowerCase() !== hit.node.name.toLowerCase()) {
          const alias = document.createElement('span');
          alias.className = 'alias';
          alias.textContent = ` also known as ${hit.matched}`;
          option.append(alias);
        }
        return option;
      }),
    );
    if (this.hits.length === 0) {
      const none = document.createElement('li');
      none.className = 'empty';
      none.textContent = this.noneText;
      this.listbox.append(none);
    }
    this.listbox.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.markActive();
  }

  private markActive() {
    this.listbox.querySelectorAll('[role=option]').forEach((option, index) => {
      option.setAttribute('aria-selected', String(index === this.active));
    });
    if (this.active >= 0) {
      const id = `${this.listbox.id}-${this.active}`;
      this.input.setAttribute('aria-activedescendant', id);
      document.getElementById(id)?.scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  private key(e: KeyboardEvent) {
    const open = !this.listbox.hidden;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        e.preventDefault();
        if (!open) {
          if (this.input.value.trim()) void this.search(this.input.value.trim());
          return;
        }
        if (this.hits.length === 0) return;
        this.active = (this.active + (e.key === 'ArrowDown' ? 1 : -1) + this.hits.length) % this.hits.length;
        this.markActive();
        break;
      case 'Enter':
        if (open && this.active >= 0) {
          e.preventDefault();
          this.choose(this.active);
        }
        break;
      case 'Escape':
        if (open) {
          this.close();
        } else if (this.input.value) {
          this.input.value = '';
          this.chosen = null;
          this.onEdit();
          this.onClear();
        }
        break;
    }
  }

  private choose(index: number) {
    const hit = this.hits[index];
    if (!hit) return;
    this.set(hit.node);
    this.onChoose(hit.node);
  }

  private close() {
    this.pending++;
    window.clearTimeout(this.timer);
    this.listbox.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}
