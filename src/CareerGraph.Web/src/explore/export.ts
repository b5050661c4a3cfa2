// The drawing as a picture to share: PNG (cytoscape's own png()) and SVG (cytoscape-svg), each with the legend
// under the graph. Loaded only when a picture is asked for; works with blob: URLs alone (no eval, no inline script).
import cytoscape, { type Core } from 'cytoscape';
import svg from 'cytoscape-svg';
import { legend } from './drawing';

cytoscape.use(svg);

const rowHeight = 22;
const font = '13px system-ui, sans-serif';
const padding = 16;

/** The legend laid out in rows that fit the picture's width: where each entry's swatch and text go. */
function legendRows(width: number, measure: (text: string) => number) {
  const placed: { entry: (typeof legend)[number]; x: number; y: number }[] = [];
  let x = padding;
  let y = padding;
  for (const entry of legend) {
    const size = 30 + measure(entry.text) + 18;
    if (x > padding && x + size > width - padding) {
      x = padding;
      y += rowHeight;
    }
    placed.push({ entry, x, y });
    x += size;
  }
  return { placed, height: y + rowHeight + padding };
}

export async function pngPicture(cy: Core): Promise<Blob> {
  const graph = await createImageBitmap(await cy.png({ output: 'blob-promise', full: true, scale: 2, bg: '#ffffff' }));
  const scale = 2;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d')!;
  context.font = font;
  const width = Math.max(graph.width / scale, 360);
  const { placed, height } = legendRows(width, text => context.measureText(text).width);
  canvas.width = width * scale;
  canvas.height = graph.height + height * scale;
  context.scale(scale, scale);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, canvas.height / scale);
  context.drawImage(graph, 0, 0, graph.width / scale, graph.height / scale);
  context.translate(0, graph.height / scale);
  context.font = font;
  context.textBaseline = 'middle';
  for (const { entry, x, y } of placed) {
    context.strokeStyle = context.fillStyle = entry.colour;
    if (entry.line) {
      context.lineWidth = entry.line === 'path' ? 4 : 2;
      context.setLineDash(entry.line === 'dashed' ? [5, 4] : []);
      context.beginPath();
      context.moveTo(x, y);
      context.lineTo(x + 24, y);
      context.stroke();
    } else {
      context.beginPath();
      context.arc(x + 12, y, 7, 0, 2 * Math.PI);
      context.fill();
    }
    context.fillStyle = '#1f2933';
    context.fillText(entry.text, x + 30, y);
  }
  return new Promise((resolve, reject) => canvas.toBlob(b => (b ? resolve(b) : reject(new Error('The picture could not be made.'))), 'image/png'));
}

export function svgPicture(cy: Core): Blob {
  const svgNs = 'http://www.w3.org/2000/svg';
  const document = new DOMParser().parseFromString(cy.svg({ full: true, bg: '#ffffff' }), 'image/svg+xml');
  const root = document.documentElement;
  const graphHeight = Number.parseFloat(root.getAttribute('height') ?? '0');
  const width = Math.max(Number.parseFloat(root.getAttribute('width') ?? '0'), 360);
  // No layout engine here: estimate text widths from the font size.
  const { placed, height } = legendRows(width, text => text.length * 7);
  const make = (tag: string, attributes: Record<string, string | number>) => {
    const element = document.createElementNS(svgNs, tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
    return element;
  };
  const group = make('g', { transform: `translate(0 ${graphHeight})`, 'font-family': 'system-ui, sans-serif', 'font-size': 13 });
  group.append(make('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }));
  const title = make('title', {});
  title.textContent = 'Legend';
  group.append(title);
  for (const { entry, x, y } of placed) {
    group.append(
      entry.line
        ? make('line', { x1: x, y1: y, x2: x + 24, y2: y, stroke: entry.colour, 'stroke-width': entry.line === 'path' ? 4 : 2, ...(entry.line === 'dashed' ? { 'stroke-dasharray': '5 4' } : {}) })
        : make('circle', { cx: x + 12, cy: y, r: 7, fill: entry.colour }),
    );
    const text = make('text', { x: x + 30, y, 'dominant-baseline': 'middle', fill: '#1f2933' });
    text.textContent = entry.text;
    group.append(text);
  }
  root.append(group);
  const total = graphHeight + height;
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(total));
  root.setAttribute('viewBox', `0 0 ${width} ${total}`);
  return new Blob([new XMLSerializer().serializeToString(document)], { type: 'image/svg+xml' });
}

declare module 'cytoscape' {
  interface Core {
    svg(options?: { full?: boolean; scale?: number; bg?: string }): string;
  }
}
