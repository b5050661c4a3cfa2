// The GraphQL IDE's first script: small, so the page paints its loading note at once; GraphiQL with React and
// Monaco (several megabytes) follows in its own chunks.
import './page.css';

const host = document.getElementById('graphiql')!;

import('./ide')
  .then(({ showIde }) => showIde(host))
  .catch((error: Error) => {
    host.textContent = `The GraphQL IDE could not load: ${error.message}. Reload the page to try again.`;
  });
