// The explorer's questions to the GraphQL API, and the shapes of the answers.

export interface Named {
  id: string;
  name: string;
}

export interface CareerHit {
  matched: string;
  viaAlias: boolean;
  /** 1 is exact; lower for prefixes, substrings and typos. */
  score: number;
  node: Named;
}

export interface CareerDetails extends Named {
  description: string | null;
  duties: string[];
  jobZone: number | null;
  socCode: string | null;
  aliases: string[];
}

export interface GraphNode {
  id: string;
  label: string;
  kind: 'CAREER' | 'SKILL' | 'INDUSTRY';
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: 'SEE_ALSO' | 'SPECIALISATION_OF' | 'REQUIRES' | 'IN_INDUSTRY';
  weight: number | null;
}

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface Step {
  career: Named;
  via: GraphEdge['kind'] | null;
  weight: number | null;
  /** The edge followed to reach this career, in its stored direction; null on the first step. */
  edge: { source: string; target: string } | null;
  sharedWithPrevious: Named[];
  newSkills: Named[];
}

export interface CareerPath {
  hops: number;
  strength: number;
  steps: Step[];
  sharedSkills: Named[];
  graph: Subgraph;
}

export interface SkillGap {
  keep: Named[];
  learn: Named[];
  leaveBehind: Named[];
}

export interface PathsBetween {
  shortest: CareerPath | null;
  paths: CareerPath[];
  gap: SkillGap;
}

export class ApiError extends Error {}

/** One GraphQL question to the service; errors in the answer become an ApiError with their messages. */
export async function ask<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => null);
  if (body?.errors?.length) throw new ApiError(body.errors.map((e: { message: string }) => e.message).join(' '));
  if (!response.ok || !body?.data) throw new ApiError(`The API answered ${response.status} ${response.statusText}.`);
  return body.data as T;
}

const searchQuery = `query SearchCareers($text: String!) {
  search(text: $text, kinds: [CAREER], first: 8) { matched viaAlias score node { id name } }
}`;

export const searchCareers = async (text: string) =>
  (await ask<{ search: CareerHit[] }>(searchQuery, { text })).search;

const searchSkillsQuery = `query SearchSkills($text: String!) {
  search(text: $text, kinds: [SKILL], first: 8) { matched viaAlias score node { id name } }
}`;

/** Skills for a text, with the same typo-tolerant search as the career fields. */
export const searchSkills = async (text: string) =>
  (await ask<{ search: CareerHit[] }>(searchSkillsQuery, { text })).search;

const resolveQuery = `query ResolveCareer($reference: String!) { resolve(reference: $reference, kind: CAREER) { id ... on Career { name } } }`;

/** Every career an id, name or alias means, as the API resolves it: none, one, or several for an ambiguous alias. */
export const resolveCareers = async (reference: string) =>
  (await ask<{ resolve: Named[] }>(resolveQuery, { reference })).resolve;

const detailsQuery = `query CareerDetails($id: ID!) { career(id: $id) { id name description duties jobZone socCode aliases } }`;

export const careerDetails = async (id: string) =>
  (await ask<{ career: CareerDetails | null }>(detailsQuery, { id })).career;

const careerByIdQuery = `query CareerById($id: ID!) { career(id: $id) { id name } }`;
const careerByNameQuery = `query CareerByName($name: String!) { career(name: $name) { id name } }`;

/** The career an address names: by id, or else by name or alias. */
export async function findCareer(reference: string): Promise<Named | null> {
  const byId = await ask<{ career: Named | null }>(careerByIdQuery, { id: reference });
  return byId.career ?? (await ask<{ career: Named | null }>(careerByNameQuery, { name: reference })).career;
}

// "path" is the API's best path; "paths" adds the alternatives (Yen's k shortest, best first).
const pathsQuery = `query PathsBetween($from: String!, $to: String!) {
  shortest: path(from: $from, to: $to) { ...CareerPath }
  paths(from: $from, to: $to, k: 3) { ...CareerPath }
  gap: skillGap(from: $from, to: $to) { keep { id name } learn { id name } leaveBehind { id name } }
}
fragment CareerPath on CareerPath {
  hops
  strength
  steps { career { id name } via weight edge { source target } sharedWithPrevious { id name } newSkills { id name } }
  sharedSkills { id name }
  graph { nodes { id label kind } edges { id source target kind weight } }
}`;

export const findPaths = (from: string, to: string) => ask<PathsBetween>(pathsQuery, { from, to });

const neighbourhoodQuery = `query Neighbourhood($id: String!) {
  neighbourhood(id: $id, depth: 1, edgeKinds: [SEE_ALSO, SPECIALISATION_OF], maxNodes: 40) {
    nodes { id label kind }
    edges { id source target kind weight }
  }
}`;

export const findNeighbourhood = async (id: string) =>
  (await ask<{ neighbourhood: Subgraph }>(neighbourhoodQuery, { id })).neighbourhood;
