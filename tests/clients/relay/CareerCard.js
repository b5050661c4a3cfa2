const { graphql } = require('relay-runtime');

// @refetchable on a Node type: relay-compiler writes a query that refetches it through Query.node(id:).
exports.CareerCardFragment = graphql`
  fragment CareerCard_career on Career @refetchable(queryName: "CareerCardRefetchQuery") {
    name
    jobZone
  }
`;
