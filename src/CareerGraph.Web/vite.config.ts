// Two pages, built into the service's wwwroot: the GraphQL IDE (served at GET /graphql) and the explorer (/explore).
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

export default defineConfig({
  base: '/',
  build: {
    outDir: resolve(here, '../CareerGraph.Api/wwwroot'),
    emptyOutDir: true,
    // Monaco (the IDE's editor) is large by nature; it is served from the same host, never from a CDN.
    chunkSizeWarningLimit: 6000,
    rolldownOptions: {
      input: {
        graphiql: resolve(here, 'graphiql.html'),
        explore: resolve(here, 'explore.html'),
      },
      // React libraries mark modules "use client" for server frameworks; in a browser bundle that means nothing.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  worker: { format: 'es' },
  // `npm run dev` serves the pages with hot reload and passes GraphQL on to a running service.
  server: {
    proxy: { '/graphql': process.env.CAREERGRAPH_API ?? 'http://127.0.0.1:5080' },
  },
});
