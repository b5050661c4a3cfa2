// The queries the IDE opens with (one tab each) and the headers template.
import type { GraphiQLProps } from 'graphiql';

export const headersTemplate = `{
  "X-Api-Key": ""
}`;

const walk = `# The walk from ML Engineer to Cloud Engineer,
# with the skills that carry over at each step.
# Run: ▶ or Ctrl-Enter. Schema: the Docs button.
query Walk {
  path(from: "ML Engineer", to: "Cloud Engineer") {
    hops
    steps {
      career { id name }
      via
      sharedWithPrevious { name }
      newSkills { name }
    }
    sharedSkills { name }
  }
}
`;

const alternatives = `# Up to three walks, best first, and what
# the whole move means for skills.
query Alternatives($from: String! = "machine-learning-engineer", $to: String! = "cloud-engineer") {
  paths(from: $from, to: $to, k: 3) {
    hops
    strength
    careers { name }
  }
  skillGap(from: $from, to: $to) {
    keep { name }
    learn { name }
    leaveBehind { name }
  }
}
`;

const neighbourhood = `# Find a career by any of its names,
# then the careers around it, shaped for drawing.
query Neighbourhood {
  search(text: "mlops", kinds: [CAREER], first: 3) {
    matched
    node { id name }
  }
  neighbourhood(id: "mlops-engineer", depth: 1, edgeKinds: [SEE_ALSO, SPECIALISATION_OF]) {
    nodes { id label kind }
    edges { source target kind weight }
  }
}
`;

const changes = `# Changes as curators make them, one result per change
# (GraphQL over Server-Sent Events). Run it, then change a
# career in another tab; stop it with ■. A curator key in the
# headers also shows who made each change (actor).
subscription Changes {
  graphChanged(kinds: [CAREER]) {
    sequence
    operation
    nodeIds
    summary
    at
  }
}
`;

export const exampleTabs: NonNullable<GraphiQLProps['defaultTabs']> = [
  { query: walk, headers: headersTemplate },
  { query: alternatives, headers: headersTemplate },
  { query: neighbourhood, headers: headersTemplate },
  { query: changes, headers: headersTemplate },
];
