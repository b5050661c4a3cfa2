// The operations the Apollo and urql set-ups send; GraphQL Code Generator reads them from here (gql tags).
import { gql } from '@apollo/client';

export const WalkQuery = gql`
  query Walk($from: String!, $to: String!) {
    path(from: $from, to: $to) {
      hops
      steps {
        career { id name }
        via
        sharedWithPrevious { id name }
        newSkills { id name }
      }
      sharedSkills { id name }
    }
  }
`;

export const CareersPageQuery = gql`
  query CareersPage($first: Int!, $after: String) {
    careers(first: $first, after: $after) {
      totalCount
      edges { cursor node { id name } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

// Search hits are typed as the Node interface: Apollo's cache needs possibleTypes to match this fragment.
export const SearchQuery = gql`
  query Search($text: String!) {
    search(text: $text, first: 5) {
      matched
      node { ...NodeSummary }
    }
  }
  fragment NodeSummary on Node { id name kind }
`;
