// The From and To fields: marking one as wrong, and the career a typed text means, resolved as the API resolves names.
import { resolveCareers, searchCareers, type Named } from './api';
import type { CareerCombobox } from './combobox';
import { el } from './panels';
import { byId } from './page';

export type End = 'from' | 'to';

/** Marks a field as wrong with a message linked to it (null clears it); the message may offer careers to pick. */
export function fieldError(end: End, message: (Node | string)[] | null) {
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

/** What `typedCareer` answers when the field's text changed while it was looked up: its answer is out of date. */
export const stale = 'stale';

/**
 * The career typed in a field: the career picked from the suggestions, or the one career the text names (id, name or
 * alias). Otherwise the field is marked with what it may mean, offering careers whose choice calls `picked`, and null
 * comes back. When the field changes while its text is looked up, the field is left as it is and `stale` comes back.
 */
export async function typedCareer(end: End, box: CareerCombobox, picked: () => void): Promise<Named | null | typeof stale> {
  if (box.value) return box.value;
  const text = box.text;
  if (!text) {
    fieldError(end, [end === 'from' ? 'Type a career to start from.' : 'Type a career to go to.']);
    return null;
  }
  const careers = await resolveCareers(text);
  // A late answer must not replace what was typed since, nor mark it with a message about the old text.
  if (box.text !== text) return stale;
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
        picked();
      });
      return [i === 0 ? ' ' : i === candidates.length - 1 ? ' or ' : ', ', button];
    });
  if (careers.length > 1) {
    fieldError(end, [`“${text}” may mean several careers. Which one?`, ...offer(careers), '']);
    return null;
  }
  const hits = (await searchCareers(text)).slice(0, 3).map(h => h.node);
  if (box.text !== text) return stale;
  fieldError(end, hits.length === 0 ? [`No career is called “${text}”.`] : [`No career is called “${text}”. Did you mean`, ...offer(hits), '?']);
  return null;
}
