// What the explorer shows, as it travels in the address: /explore?from=…&to=…&path=2&expand=a,b&career=c&skills=x,y
export interface View {
  from: string | null;
  to: string | null;
  /** Which path is highlighted: 0 is the shortest. */
  path: number;
  /** Careers whose surroundings were added to the drawing, in the order they were added. */
  expanded: string[];
  /** The career whose details are shown. */
  career: string | null;
  /** The skills (ids) "What fits my skills?" matches careers to. */
  skills: string[];
}

export function readView(search: string): View {
  const query = new URLSearchParams(search);
  // 'walk' is what addresses shared before the explorer said path: they keep opening the path they showed.
  const path = Number.parseInt(query.get('path') ?? query.get('walk') ?? '1', 10);
  return {
    from: query.get('from')?.trim() || null,
    to: query.get('to')?.trim() || null,
    path: Number.isFinite(path) && path >= 1 ? path - 1 : 0,
    expanded: (query.get('expand') ?? '').split(',').map(id => id.trim()).filter(Boolean),
    career: query.get('career')?.trim() || null,
    skills: (query.get('skills') ?? '').split(',').map(id => id.trim()).filter(Boolean),
  };
}

export function viewAddress(view: View): string {
  const query = new URLSearchParams();
  if (view.from) query.set('from', view.from);
  if (view.to) query.set('to', view.to);
  if (view.path > 0) query.set('path', String(view.path + 1));
  if (view.expanded.length > 0) query.set('expand', view.expanded.join(','));
  if (view.career) query.set('career', view.career);
  if (view.skills.length > 0) query.set('skills', view.skills.join(','));
  const text = query.toString().replaceAll('%2C', ',');
  return text ? `?${text}` : window.location.pathname;
}
