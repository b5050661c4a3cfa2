const { graphql } = require('relay-runtime');

// A paginated list as usePaginationFragment expects it: @refetchable makes the next-page query, @connection merges pages.
exports.CareerListFragment = graphql`
  fragment CareerList_query on Query
  @refetchable(queryName: "CareerListPaginationQuery")
  @argumentDefinitions(first: { type: "Int", defaultValue: 5 }, after: { type: "String" }) {
    careers(first: $first, after: $after) @connection(key: "CareerList_careers") {
      totalCount
      edges { node { id name } }
    }
  }
`;

exports.CareerListQuery = graphql`
  query CareerListQuery {
    ...CareerList_query
  }
`;
