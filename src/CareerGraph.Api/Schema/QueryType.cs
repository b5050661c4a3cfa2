using CareerGraph.Api.Security;
using CareerGraph.Moves;
using CareerGraph.Paths;
using CareerGraph.Store;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

/// <summary>
/// The read side of the API, in groups of fields (Query/). Resolvers only map arguments and results: the use cases
/// are in Core (<see cref="CareerPaths"/>, <see cref="CareerMoveAdvice"/>, <see cref="CareerMatchAdvice"/>) or the store port.
/// </summary>
internal sealed class QueryType : ObjectGraphType
{
    /// <param name="limits">Bounds of page sizes and path arguments, from configuration (docs/limits.md).</param>
    public QueryType(ICareerGraphStore store, CareerPaths careerPaths, CareerMoveAdvice moveAdvice, CareerMatchAdvice matchAdvice, LimitOptions limits)
    {
        Name = "Query";
        Description = "Read the career graph: look up, list, search, and walk between careers.";

        this.AddLookups(store, limits);
        this.AddConnections(store, limits);
        this.AddSearch(store, limits);
        this.AddPaths(careerPaths, limits);
        this.AddCareerMoves(moveAdvice, limits);
        this.AddCareerMatches(matchAdvice, limits);
        this.AddSkillComparison(careerPaths);
        this.AddGraph(store, limits);
    }
}
