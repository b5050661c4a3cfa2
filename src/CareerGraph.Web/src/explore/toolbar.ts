// The drawing's toolbar: zoom, fit, the drawing saved as a PNG or SVG picture, and a link to the view.
import type { Drawing } from './drawing';
import { byId, say } from './page';
import { state } from './state';

/** Hands a picture to the browser as a download; the blob: URL lives only as long as the click needs it. */
function download(blob: Blob, extension: string) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  const { from, to } = state.view;
  link.download = `careergraph-${[from, to].filter(Boolean).join('-to-') || 'graph'}.${extension}`;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export function wireToolbar(drawing: Drawing) {
  byId('zoom-in').addEventListener('click', () => drawing.zoomBy(1.25));
  byId('zoom-out').addEventListener('click', () => drawing.zoomBy(0.8));
  byId('fit').addEventListener('click', () => drawing.fit());

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
}
