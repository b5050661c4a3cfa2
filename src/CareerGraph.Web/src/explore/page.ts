// The page's own elements: found by id, and the status line every part of the explorer reports to.

export const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** Shows a message in the status line (read out by screen readers); a problem is marked as one. */
export function say(message: string, problem = false) {
  const status = byId('status');
  status.textContent = message;
  status.classList.toggle('problem', problem);
}
