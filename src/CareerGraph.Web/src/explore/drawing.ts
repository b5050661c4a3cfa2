// The graph drawing (cytoscape.js): walks between two careers, the chosen walk highlighted, neighbourhoods added on demand.
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import type { Subgraph, Walk } from './api';

const colours = {
  node: '#9aa5b1',
  edge: '#cbd2d9',
  text: '#1f2933',
  start: '#2f855a',
  target: '#6b46c1',
  walk: '#2b6cb0',
};

const label = (node: NodeSingular) => String(node.data('label'));

export class Drawing {
  readonly cy: Core;
  /** The highlighted walk's careers in walking order. */
  private walk: string[] = [];

  constructor(
    private readonly container: HTMLElement,
    onPick: (id: string) => void,
  ) {
    this.cy = cytoscape({
      container,
      minZoom: 0.3,
      maxZoom: 2.5,
      boxSelectionEnabled: false,
      style: [
        {
          selector: 'node',
          style: {
            'background-color': colours.node,
            width: 18,
            height: 18,
            label: 'data(label)',
            color: colours.text,
            'font-size': 11,
            'font-family': 'system-ui, sans-serif',
            'text-valign': 'bottom',
            'text-margin-y': 4,
            'text-wrap': 'wrap',
            'text-max-width': '96px',
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.8,
            'text-background-padding': '1px',
          },
        },
        { selector: 'node.walk', style: { 'background-color': colours.walk, width: 26, height: 26, 'font-weight': 'bold' } },
        { selector: 'node.start', style: { 'background-color': colours.start } },
        { selector: 'node.target', style: { 'background-color': colours.target } },
        { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f6ad55' } },
        {
          selector: 'edge',
          style: {
            width: 1.5,
            'line-color': colours.edge,
            'curve-style': 'bezier',
            'target-arrow-color': colours.edge,
          },
        },
        // A specialisation points from the narrow career to the broad one.
        { selector: 'edge[kind = "SPECIALISATION_OF"]', style: { 'line-style': 'dashed', 'target-arrow-shape': 'triangle' } },
        { selector: 'edge.walk', style: { width: 4, 'line-color': colours.walk, 'target-arrow-color': colours.walk, 'z-index': 10 } },
      ],
    });
    this.cy.on('tap', 'node', e => onPick(e.target.id()));
  }

  /** Replaces the drawing with these walks between two careers. */
  drawWalks(walks: Walk[], from: string, to: string) {
    this.cy.elements().remove();
    for (const walk of walks) this.add(walk.graph);
    this.cy.getElementById(from).addClass('start');
    this.cy.getElementById(to).addClass('target');
  }

  /** Replaces the drawing with one career's surroundings. */
  drawAround(centre: string, graph: Subgraph) {
    this.cy.elements().remove();
    this.add(graph);
    this.cy.getElementById(centre).addClass('start');
  }

  /** Adds what surrounds a career to the drawing, keeping what is there. */
  add(graph: Subgraph) {
    const fresh: ElementDefinition[] = [
      ...graph.nodes.filter(n => this.cy.getElementById(n.id).empty()).map(n => ({ group: 'nodes' as const, data: { ...n } })),
      ...graph.edges.filter(e => this.cy.getElementById(e.id).empty()).map(e => ({ group: 'edges' as const, data: { ...e } })),
    ];
    this.cy.add(fresh);
  }

  highlight(walk: Walk | null) {
    this.cy.elements().removeClass('walk');
    this.walk = walk?.steps.map(s => s.career.id) ?? [];
    if (!walk) return;
    for (const step of walk.steps) this.cy.getElementById(step.career.id).addClass('walk');
    for (const edge of walk.graph.edges) this.cy.getElementById(edge.id).addClass('walk');
  }

  select(id: string) {
    this.cy.nodes().unselect();
    this.cy.getElementById(id).select();
  }

  /**
   * Lays the careers out in columns by their distance in moves from the root (rows on a narrow screen).
   * The highlighted walk runs straight along the middle line, one column a step; the other careers of
   * a column alternate around it.
   */
  layout(root: string | null) {
    const wide = this.container.clientWidth > this.container.clientHeight * 1.2;
    const depths = this.distancesFrom(root);
    const columns = new Map<number, NodeSingular[]>();
    for (const node of this.cy.nodes().toArray()) {
      const depth = depths.get(node.id()) ?? 0;
      columns.set(depth, [...(columns.get(depth) ?? []), node]);
    }
    const positions: Record<string, { x: number; y: number }> = {};
    for (const [depth, nodes] of columns) {
      nodes.sort((a, b) => Number(b.hasClass('walk')) - Number(a.hasClass('walk')) || label(a).localeCompare(label(b)));
      nodes.forEach((node, index) => {
        // 0, 1, -1, 2, -2, …: the first node (on the walk, if any) sits on the middle line.
        const offset = index % 2 === 1 ? (index + 1) / 2 : -index / 2;
        positions[node.id()] = wide ? { x: depth * 190, y: offset * 80 } : { x: offset * 125, y: depth * 100 };
      });
    }
    this.cy.layout({ name: 'preset', positions, fit: true, padding: 30, animate: false }).run();
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
    this.walk.forEach((id, step) => depths.set(id, step));
    // Careers not joined to the root (none, unless a neighbourhood was cut short) go one column further.
    const last = Math.max(0, ...depths.values()) + 1;
    this.cy.nodes().forEach(n => {
      if (!depths.has(n.id())) depths.set(n.id(), last);
    });
    return depths;
  }

  careers(): { id: string; label: string }[] {
    return this.cy
      .nodes()
      .map(n => ({ id: n.id(), label: n.data('label') as string }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }
}
