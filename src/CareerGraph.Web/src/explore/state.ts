// The explorer's state and its address: what is shown (the view, kept in the address so a link reopens it), the paths
// and skill gap loaded for it, and the names of the careers met so far. Every other module reads it from here.
import type { CareerPath, Named, PathsBetween } from './api';
import { readView, viewAddress, type View } from './view-state';

export const state = {
  view: readView(window.location.search) as View,
  /** The paths between From and To, shortest first (at most three). */
  paths: [] as CareerPath[],
  gap: null as PathsBetween['gap'] | null,
  /** Counts loads: an answer that arrives after a newer load started is dropped. */
  loading: 0,
  /** The two careers the drawing was laid out for: a new pair starts a fresh drawing, anything else adds to it. */
  drawnFor: '',
};

const names = new Map<string, string>();

/** A career by id with the name it was last seen with (the id itself until then). */
export function named(id: string): Named {
  return { id, name: names.get(id) ?? id };
}

export function remember(careers: Named[]) {
  for (const c of careers) names.set(c.id, c.name);
}

/** Makes a view current and puts it in the address: a new history entry (push), or in place of the current one. */
export function show(next: View, how: 'push' | 'replace') {
  state.view = next;
  const address = viewAddress(next);
  if (how === 'push') window.history.pushState(null, '', address);
  else window.history.replaceState(null, '', address);
}

/** Takes the view from the address again (opening the page, going back or forward). */
export function readAddress(): View {
  state.view = readView(window.location.search);
  return state.view;
}
