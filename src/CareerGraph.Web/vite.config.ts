// Two pages, built into the service's wwwroot: the GraphQL IDE (served at GET /graphql) and the explorer (/explore).
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const here = import.meta.dirname;

export default defineConfig({
  base: '/',
  // Every text asset also as .br and .gz next to it, at the strongest levels (built once, served many times);
  // the service sends the one the browser accepts (src/CareerGraph.Api/Http/WebPages.cs).
  plugins: [
    compression({
      include: /\.(js|mjs|css|html|svg|json|ttf)$/,
      threshold: 1024,
      algorithms: [defineAlgorithm('gzip', { level: 9 }), defineAlgorithm('brotliCompress')],
    }),
  ],
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
