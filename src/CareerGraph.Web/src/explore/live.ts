// Keeps the drawn paths current: a graphChanged subscription (GraphQL over Server-Sent Events, docs/subscriptions.md)
// on the careers they pass, which calls back when one of them changes.
import { createClient } from 'graphql-sse';

export interface CareerChange {
  sequence: number;
  nodeIds: string[];
  summary: string;
}

const changes = `subscription PathChanged($ids: [ID!], $after: Int) {
  graphChanged(nodeIds: $ids, kinds: [CAREER], afterSequence: $after) { sequence nodeIds summary }
}`;

/** How long to wait before subscribing again after the stream failed (the service restarting, the network gone). */
const retryDelayMs = 5_000;

export class LivePaths {
  private readonly client = createClient({ url: new URL('/graphql', window.location.href).href, retryAttempts: 0 });
  private watched = '';
  private stop: (() => void) | null = null;
  /** The last change heard: a stream that ends (idle, restart) is opened again after it, so nothing is missed. */
  private lastSequence: number | null = null;

  constructor(private readonly changed: (change: CareerChange) => void) {}

  /** Watches these careers from now on; the same set again changes nothing, an empty one stops watching. */
  watch(careerIds: string[]) {
    const key = [...new Set(careerIds)].sort().join(' ');
    if (key === this.watched) return;
    this.watched = key;
    this.lastSequence = null; // the paths were just read: changes before now are in them
    this.subscribe();
  }

  private subscribe() {
    this.stop?.();
    this.stop = null;
    if (!this.watched) return;
    const key = this.watched;
    const again = (delay: number) => window.setTimeout(() => this.watched === key && this.subscribe(), delay);
    let refused = false; // e.g. TOO_MANY_SUBSCRIPTIONS: try again later, not at once
    this.stop = this.client.subscribe<{ graphChanged: CareerChange }>(
      { query: changes, variables: { ids: key.split(' '), after: this.lastSequence } },
      {
        next: result => {
          refused ||= !!result.errors;
          const change = result.data?.graphChanged;
          if (!change) return;
          this.lastSequence = change.sequence;
          this.changed(change);
        },
        complete: () => again(refused ? retryDelayMs : 0),
        error: () => again(retryDelayMs),
      },
    );
  }
}
