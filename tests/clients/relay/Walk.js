const { graphql } = require('relay-runtime');

exports.WalkQuery = graphql`
  query WalkQuery($from: String!, $to: String!) {
    path(from: $from, to: $to) {
      hops
      steps { career { id name } via }
    }
  }
`;
