using CareerGraph.Api.Hosting;
using CareerGraph.Api.Schema;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace CareerGraph.Tests.Api;

/// <summary>
/// The service registers its graph types from a list (<see cref="ApiRegistration.GraphTypes"/>) rather than by scanning
/// its assembly at every start: the list must name exactly the graph types GraphQL.NET's own scan registers.
/// </summary>
public sealed class GraphTypeListTests
{
    [Fact]
    public void The_list_names_every_graph_type_the_assembly_scan_registers_and_nothing_else()
    {
        var assembly = typeof(CareerGraphSchema).Assembly;
        var services = new ServiceCollection();
        services.AddGraphQL(graphql => graphql.AddGraphTypes(assembly));

        var scanned = services.Select(service => service.ServiceType).Where(type => type.Assembly == assembly).Select(type => type.FullName!).Order();

        Assert.Equal(scanned, ApiRegistration.GraphTypes.Select(type => type.FullName!).Order());
    }
}
