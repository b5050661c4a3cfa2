// The GraphQL IDE served at GET /graphql: GraphiQL with the schema docs, example queries and a headers editor.
// Loaded by main.tsx after the page's first paint.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './graphiql.css';
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { getOperationAST, parse } from 'graphql';
import { createClient } from 'graphql-sse';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { exampleTabs, headersTemplate } from './examples';

const url = new URL('/graphql', window.location.href).href;
const send = createGraphiQLFetcher({ url });

// The headers template names X-Api-Key with an empty value; a header left blank is not sent,
// so queries work untouched and filling in the key is all a write needs.
// Subscriptions run as GraphQL over Server-Sent Events (graphql-sse), each on its own stream.
const fetcher: Fetcher = (params, options) => {
  const headers = withoutBlankValues(options?.headers) as Record<string, string> | undefined;
  return isSubscription(params.query, params.operationName)
    ? createClient({ url, headers, retryAttempts: 0 }).iterate({ query: params.query, variables: params.variables, operationName: params.operationName ?? undefined })
    : send(params, { ...options, headers });
};

function isSubscription(query: string, operationName?: string | null) {
  try {
    return getOperationAST(parse(query), operationName)?.operation === 'subscription';
  } catch {
    return false; // the service reports the syntax error
  }
}

function withoutBlankValues(headers: Record<string, unknown> | undefined) {
  return headers && Object.fromEntries(Object.entries(headers).filter(([, value]) => String(value ?? '').trim() !== ''));
}

export function showIde(host: HTMLElement) {
  createRoot(host).render(
    <StrictMode>
      <GraphiQL
        fetcher={fetcher}
        defaultTabs={exampleTabs}
        defaultHeaders={headersTemplate}
        defaultEditorToolsVisibility="headers"
        shouldPersistHeaders={false}
        schemaDescription
      >
        <GraphiQL.Logo>
          <span className="careergraph-logo">
            CareerGraph <a href="/explore">Explorer</a>
          </span>
        </GraphiQL.Logo>
      </GraphiQL>
    </StrictMode>,
  );
}
