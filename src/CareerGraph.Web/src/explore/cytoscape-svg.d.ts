// cytoscape-svg ships no types: it registers Core.svg(options), which returns the drawing as SVG text.
declare module 'cytoscape-svg' {
  import type { Ext } from 'cytoscape';
  const extension: Ext;
  export default extension;
}
