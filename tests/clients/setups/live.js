// Live data over GraphQL over WebSocket (graphql-transport-ws) as docs/clients.md sets it up: one graphql-ws client
// per page, Apollo Client's GraphQLWsLink for subscriptions beside the HTTP link (split), urql's subscriptionExchange.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';

/** `webSocketImpl` only outside browsers (Node 20: the `ws` package); credentials go in connection_init's payload. */
export function createWsClient(url, { apiKey, webSocketImpl, ...options } = {}) {
  return createClient({ url, webSocketImpl, connectionParams: apiKey ? { apiKey } : {}, ...options });
}

/** Subscriptions over the socket, queries and mutations over HTTP (cacheable, persisted queries as before). */
export function createApolloLiveClient(uri, wsClient, { headers = {} } = {}) {
  const link = ApolloLink.split(
    ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
    new GraphQLWsLink(wsClient),
    new HttpLink({ uri, headers }),
  );
  return new ApolloClient({ link, cache: new InMemoryCache() });
}

export function createUrqlLiveClient(url, wsClient) {
  return new Client({
    url,
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return { subscribe: sink => ({ unsubscribe: wsClient.subscribe(input, sink) }) };
        },
      }),
    ],
  });
}
