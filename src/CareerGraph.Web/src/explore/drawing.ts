// The graph drawing (cytoscape.js): paths between two careers, the chosen path highlighted, neighbourhoods added on demand.
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import type { Subgraph, CareerPath } from './api';

const colours = {
  node: '#9aa5b1',
  edge: '#cbd2d9',
  text: '#1f2933',
  start: '#2f855a',
  target: '#6b46c1',
  path: '#2b6cb0',
};

const label = (node: NodeSingular) => String(node.data('label'));

/** Labels are drawn at this size at zoom 1; below READABLE px on screen cytoscape hides them rather than shrink them. */
const fontSize = 12;
export const READABLE = 11;
const readableZoom = READABLE / fontSize;
/** The widest a label is drawn ('text-max-width') and the room for three wrapped lines under a node, at zoom 1. */
const labelWidth = 110;
const labelHeight = 56;
/** A career's dot, in px at zoom 1 (larger on the path). */
const nodeSize = 18;
/** The margin the fit leaves around the drawing, in px. */
const fitPadding = 30;

/** What the colours and lines mean, drawn under the page's graph and into every exported picture. */
export const legend: { text: string; colour: string; line?: 'solid' | 'dashed' | 'path' }[] = [
  { text: 'From', colour: colours.start },
  { text: 'To', colour: colours.target },
  { text: 'On the chosen path', colour: colours.path },
  { text: 'Other career', colour: colours.node },
  { text: 'Related careers', colour: '#9aa5b1', line: 'solid' },
  { text: 'Specialisation', colour: '#9aa5b1', line: 'dashed' },
  { text: 'Chosen path, arrows in path order', colour: colours.path, line: 'path' },
];

export class Drawing {
  readonly cy: Core;
  /** The highlighted path's careers in path order. */
  private path: string[] = [];
  /** Grid spacing of the last full layout; careers added later take free cells of the same grid. */
  private cell = { x: 190, y: 90 };

  constructor(
    private readonly container: HTMLElement,
    onPick: (id: string) => void,
  ) {
    this.cy = cytoscape({
      container,
      minZoom: 0.2,
      maxZoom: 3,
      boxSelectionEnabled: false,
      style: [
        {
          selector: 'node',
          style: {
            'background-color': colours.node,
            width: nodeSize,
            height: nodeSize,
            label: 'data(label)',
            color: colours.text,
            'font-size': fontSize,
            'min-zoomed-font-size': READABLE,
            'font-family': 'system-ui, sans-serif',
            'text-valign': 'bottom',
            'text-margin-y': 4,
            'text-wrap': 'wrap',
            'text-max-width': `${labelWidth}px`,
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.8,
            'text-background-padding': '1px',
          },
        },
        { selector: 'node.path', style: { 'background-color': colours.path, width: 26, height: 26, 'font-weight': 'bold' } },
        { selector: 'node.start', style: { 'background-color': colours.start } },
        { selector: 'node.target', style: { 'background-color': colours.target } },
        { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f6ad55' } },
        {
          selector: 'edge',
          style: {
            width: 1.5,
            'line-color': colours.edge,
            'curve-style': 'bezier',
            'arrow-scale': 1.2,
          },
        },
        { selector: 'edge[kind = "SPECIALISATION_OF"]', style: { 'line-style': 'dashed' } },
        { selector: 'edge.path', style: { width: 4, 'line-color': colours.path, 'z-index': 10 } },
        // The chosen path's arrows point the way the path goes, whichever way the edge is stored.
        { selector: 'edge.forward', style: { 'target-arrow-shape': 'triangle', 'target-arrow-color': colours.path } },
        { selector: 'edge.backward', style: { 'source-arrow-shape': 'triangle', 'source-arrow-color': colours.path } },
      ],
    });
    this.cy.on('tap', 'node', e => onPick(e.target.id()));
    // The box may change size after a layout (the side panels fill in, the window turns): fit the drawing to it again.
    let size = { width: container.clientWidth, height: container.clientHeight };
    new ResizeObserver(() => {
      if (container.clientWidth === size.width && container.clientHeight === size.height) return;
      size = { width: container.clientWidth, height: container.clientHeight };
      this.cy.resize();
      if (this.cy.nodes().empty()) return;
      this.growToFit();
      this.fit();
    }).observe(container);
    // Over the graph the wheel always zooms it. Cytoscape's own wheel zoom gives way to page scrolling for a while
    // after any scroll, so the page scrolled on under the pointer; this listener runs first and stops the event.
    container.parentElement!.addEventListener(
      'wheel',
      e => {
        e.preventDefault();
        e.stopPropagation();
        const pixels = e.deltaY * (e.deltaMode === 1 ? 33 : e.deltaMode === 2 ? 400 : 1);
        const box = container.getBoundingClientRect();
        this.zoomBy(Math.pow(2, -pixels / 400), { x: e.clientX - box.left, y: e.clientY - box.top });
      },
      { capture: true, passive: false },
    );
  }

  /** Sets the drawing to these paths between two careers; careers already drawn keep their places. */
  drawPaths(paths: CareerPath[], from: string, to: string) {
    this.keepOnly(new Set(paths.flatMap(w => w.graph.nodes.map(n => n.id))));
    for (const path of paths) this.add(path.graph);
    this.markEnds(from, to);
  }

  /** Colours the two ends of the path asked for, where they are drawn. */
  markEnds(from: string, to: string | null) {
    this.cy.nodes().removeClass('start target');
    this.cy.getElementById(from).addClass('start');
    if (to) this.cy.getElementById(to).addClass('target');
  }

  /** Sets the drawing to one career's surroundings. */
  drawAround(centre: string, graph: Subgraph) {
    this.keepOnly(new Set(graph.nodes.map(n => n.id)));
    this.add(graph);
    this.markEnds(centre, null);
  }

  clear() {
    this.cy.elements().remove();
    this.resetHeight();
  }

  /** Back to the box's own height (from the style sheet), which a large drawing may have grown. */
  private resetHeight() {
    if (!this.container.style.minHeight) return;
    for (const box of [this.container, this.container.parentElement!]) box.style.minHeight = '';
    this.cy.resize();
  }

  private keepOnly(ids: Set<string>) {
    this.cy.nodes().filter(n => !ids.has(n.id())).remove();
  }

  /** Adds what surrounds a career to the drawing, keeping what is there. */
  add(graph: Subgraph) {
    const fresh: ElementDefinition[] = [
      ...graph.nodes.filter(n => this.cy.getElementById(n.id).empty()).map(n => ({ group: 'nodes' as const, data: { ...n } })),
      ...graph.edges.filter(e => this.cy.getElementById(e.id).empty()).map(e => ({ group: 'edges' as const, data: { ...e } })),
    ];
    this.cy.add(fresh);
  }

  highlight(path: CareerPath | null) {
    this.cy.elements().removeClass('path forward backward');
    this.path = path?.steps.map(s => s.career.id) ?? [];
    if (!path) return;
    for (const step of path.steps) this.cy.getElementById(step.career.id).addClass('path');
    path.steps.forEach((step, index) => {
      if (index === 0 || !step.edge) return;
      const previous = path.steps[index - 1].career.id;
      const edge = this.cy
        .edges()
        .filter(e => e.data('source') === step.edge!.source && e.data('target') === step.edge!.target)
        .first();
      edge.addClass(['path', step.edge.source === previous ? 'forward' : 'backward']);
    });
  }

  select(id: string | null) {
    this.cy.nodes().unselect();
    if (id) this.cy.getElementById(id).select();
  }

  /**
   * Places the careers not yet placed and fits the drawing to its box. A fresh drawing is laid out in columns by
   * distance from the root (rows on a narrow box), spread to fill the box, with the path along the middle line;
   * careers added later take the free grid cells nearest a placed neighbour, so nothing already drawn moves.
   */
  layout(root: string | null) {
    const placed = this.cy.nodes().filter(n => n.scratch('placed') === true);
    const fresh = this.cy.nodes().filter(n => n.scratch('placed') !== true);
    if (fresh.empty()) return;
    if (placed.empty()) {
      this.layoutInColumns(root);
      this.growToFit();
    } else {
      fresh.forEach(node => this.placeNear(node));
    }
    this.cy.nodes().forEach(n => {
      n.scratch('placed', true);
    });
    this.fit();
  }

  /**
   * A fresh layout fits across the box at a readable zoom; when it is taller than the box there, the box grows down
   * (the page scrolls), so that every career and label is drawn inside it and readable.
   */
  private growToFit() {
    // Labels are measured only once drawn, so the room they take is the most they may take: centred under a node, as
    // wide as 'text-max-width' at most.
    const nodes = this.cy.nodes().boundingBox({ includeLabels: false });
    const needed = Math.ceil((nodes.h + labelHeight) * readableZoom + 2 * fitPadding);
    const across = (Math.max(0, nodes.w - nodeSize) + labelWidth) * readableZoom + 2 * fitPadding;
    if (across > this.container.clientWidth + 1 || needed <= this.container.clientHeight) return;
    // A minimum, not a height: on a wide screen the box is a flex item of a card as tall as the window, which would
    // shrink a height back; with a minimum the card scrolls instead. Its frame (the parent) grows with it.
    for (const box of [this.container, this.container.parentElement!]) box.style.minHeight = `${needed}px`;
    this.cy.resize();
  }

  private layoutInColumns(root: string | null) {
    this.resetHeight();
    const wide = this.container.clientWidth >= 560;
    const depths = this.distancesFrom(root);
    const columns = new Map<number, NodeSingular[]>();
    for (const node of this.cy.nodes().toArray()) {
      const depth = depths.get(node.id()) ?? 0;
      columns.set(depth, [...(columns.get(depth) ?? []), node]);
    }
    // A long column folds into several narrower ones, so that the drawing keeps the box's shape.
    const [width, height] = wide ? [this.container.clientWidth, this.container.clientHeight] : [this.container.clientHeight, this.container.clientWidth];
    const side = wide ? 80 : 140;
    // The room for node centres at the smallest zoom that keeps labels readable, less the fit's padding and a label's
    // size: a grid that fits there is drawn whole, labels included, when fitted (a drawing of 40 careers was cut at both
    // edges when its columns were spaced for the box at zoom 1 and the fit could not shrink it enough).
    const [labelAlong, labelApart] = wide ? [labelWidth, labelHeight] : [labelHeight, labelWidth];
    const [minAlong, minApart] = wide ? [labelWidth + 16, labelHeight + 8] : [labelHeight + 8, labelWidth + 16];
    // (20 px spare: a scroll bar may take that much once the box grows.)
    const roomAlong = (width - 2 * fitPadding - 20) / readableZoom - labelAlong;
    const roomApart = (height - 2 * fitPadding - 20) / readableZoom - labelApart;
    const fitsAlong = Math.max(1, Math.floor(roomAlong / minAlong) + 1);
    const fitsApart = Math.max(1, Math.floor(roomApart / minApart) + 1);
    const sizes = [...columns.values()].map(nodes => nodes.length);
    const across = (rows: number) => sizes.reduce((sum, n) => sum + Math.ceil(n / rows), 0);
    // On a wide box the columns must fit across it, so long columns fold into more rows (the box then grows down); on a
    // narrow one the rows must fit across it, and the columns run down as far as they need.
    let rowsAtMost = Math.max(3, Math.floor((height - 80) / side) + 1);
    if (wide) while (across(rowsAtMost) > fitsAlong && rowsAtMost < Math.max(...sizes)) rowsAtMost++;
    else rowsAtMost = Math.min(rowsAtMost, fitsApart);
    const folds = sizes.map(n => Math.ceil(n / rowsAtMost));
    const steps = Math.max(1, across(rowsAtMost) - 1);
    const down = Math.max(1, ...sizes.map((n, i) => Math.ceil(n / folds[i]) - 1));
    // Spread the grid over the box, within limits that keep labels apart and the drawing compact.
    const along = Math.min(320, Math.max(minAlong, Math.min(Math.max(wide ? 150 : 100, (width - 160) / steps), roomAlong / steps)));
    const apart = Math.min(160, Math.max(minApart, Math.min(Math.max(side, (height - 80) / down), roomApart / down)));
    this.cell = wide ? { x: along, y: apart } : { x: apart, y: along };
    let at = 0;
    for (const depth of [...columns.keys()].sort((a, b) => a - b)) {
      const nodes = columns.get(depth)!;
      nodes.sort((a, b) => Number(b.hasClass('path')) - Number(a.hasClass('path')) || label(a).localeCompare(label(b)));
      const rows = Math.ceil(nodes.length / Math.ceil(nodes.length / rowsAtMost));
      nodes.forEach((node, index) => {
        const row = index % rows;
        // 0, 1, -1, 2, -2, …: the first node (on the path, if any) sits on the middle line.
        const offset = row % 2 === 1 ? (row + 1) / 2 : -row / 2;
        const step = at + Math.floor(index / rows);
        node.position(wide ? { x: step * along, y: offset * apart } : { x: offset * apart, y: step * along });
      });
      at += Math.ceil(nodes.length / rows);
    }
  }

  /** Puts a new career in the free grid cell nearest the placed career it is joined to, leaning away from the middle. */
  private placeNear(node: NodeSingular) {
    const anchor = node
      .neighborhood()
      .nodes()
      .toArray()
      .find(n => n.scratch('placed') === true);
    const origin = anchor ? { ...anchor.position() } : { x: 0, y: 0 };
    const centre = this.cy.nodes().filter(n => n.scratch('placed') === true).boundingBox({});
    const middle = { x: (centre.x1 + centre.x2) / 2, y: (centre.y1 + centre.y2) / 2 };
    const taken = this.cy
      .nodes()
      .toArray()
      .filter(n => n.scratch('placed') === true)
      .map(n => n.position());
    const free = (p: { x: number; y: number }) => taken.every(t => Math.abs(t.x - p.x) > this.cell.x * 0.6 || Math.abs(t.y - p.y) > this.cell.y * 0.6);
    for (let ring = 1; ring < 12; ring++) {
      const cells: { x: number; y: number; cost: number }[] = [];
      for (let i = -ring; i <= ring; i++)
        for (let j = -ring; j <= ring; j++) {
          if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
          const p = { x: origin.x + i * this.cell.x, y: origin.y + j * this.cell.y };
          const away = Math.hypot(p.x - middle.x, p.y - middle.y) - Math.hypot(origin.x - middle.x, origin.y - middle.y);
          cells.push({ ...p, cost: Math.hypot(i, j) - away / (4 * this.cell.x) });
        }
      const best = cells.filter(free).sort((a, b) => a.cost - b.cost)[0];
      if (best) {
        node.position({ x: best.x, y: best.y });
        node.scratch('placed', true);
        return;
      }
    }
    node.position(origin);
    node.scratch('placed', true);
  }

  /** Fits the whole drawing in the box, but never so small that labels drop below READABLE px: then it centres the path. */
  fit() {
    this.cy.fit(undefined, fitPadding);
    if (this.cy.zoom() > 1.4) {
      this.cy.zoom(1.4);
      this.cy.center();
    }
    if (this.cy.zoom() < readableZoom) {
      this.cy.zoom(readableZoom);
      const path = this.cy.nodes('.path');
      this.cy.center(path.nonempty() ? path : this.cy.nodes(':selected').nonempty() ? this.cy.nodes(':selected') : undefined);
    }
  }

  /** Zooms by a factor about a point of the box (its middle unless given). */
  zoomBy(factor: number, about = { x: this.container.clientWidth / 2, y: this.container.clientHeight / 2 }) {
    this.cy.zoom({
      level: Math.min(this.cy.maxZoom(), Math.max(this.cy.minZoom(), this.cy.zoom() * factor)),
      renderedPosition: about,
    });
  }

  /** Moves needed to reach each drawn career from the root, over the drawn edges in either direction. */
  private distancesFrom(root: string | null): Map<string, number> {
    const depths = new Map<string, number>();
    const start = root && this.cy.getElementById(root).nonempty() ? this.cy.getElementById(root) : this.cy.nodes().first();
    if (start.empty()) return depths;
    this.cy.elements().bfs({
      roots: start,
      directed: false,
      visit: (node, _edge, _previous, _index, depth) => {
        depths.set(node.id(), depth);
      },
    });
    this.path.forEach((id, step) => depths.set(id, step));
    // Careers not joined to the root (none, unless a neighbourhood was cut short) go one column further.
    const last = Math.max(0, ...depths.values()) + 1;
    this.cy.nodes().forEach(n => {
      if (!depths.has(n.id())) depths.set(n.id(), last);
    });
    return depths;
  }

  /** Every career with its label on screen (labels smaller than READABLE px are hidden). */
  careers(): { id: string; label: string }[] {
    return this.cy
      .nodes()
      .map(n => ({ id: n.id(), label: n.data('label') as string }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }
}
