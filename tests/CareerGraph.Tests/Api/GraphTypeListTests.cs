using System.Reflection;
using CareerGraph.Api.Hosting;
using CareerGraph.Api.Schema;
using GraphQL;
using GraphQL.Types;

namespace CareerGraph.Tests.Api;

/// <summary>
/// The service registers its graph types from a list (<see cref="ApiRegistration.GraphTypes"/>) rather than by scanning
/// its assembly at every start: the list must name exactly the graph types GraphQL.NET's scan would find.
/// </summary>
public sealed class GraphTypeListTests
{
    [Fact]
    public void The_list_names_every_graph_type_of_the_assembly_and_nothing_else()
    {
        var scanned = typeof(CareerGraphSchema).Assembly.GetTypes()
            .Where(type => type.IsClass && !type.IsAbstract && typeof(IGraphType).IsAssignableFrom(type) && !type.IsDefined(typeof(DoNotRegisterAttribute)))
            .Select(type => type.FullName!)
            .Order();

        Assert.Equal(scanned, ApiRegistration.GraphTypes.Select(type => type.FullName!).Order());
    }
}
