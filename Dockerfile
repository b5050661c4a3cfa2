# The CareerGraph service: built and published with the .NET SDK, run on the slimmer ASP.NET Core runtime image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first, so the package restore is cached until they change.
COPY Directory.Build.props CareerGraph.sln ./
COPY src/CareerGraph.Core/CareerGraph.Core.csproj src/CareerGraph.Core/
COPY src/CareerGraph.Embedded/CareerGraph.Embedded.csproj src/CareerGraph.Embedded/
COPY src/CareerGraph.Neo4j/CareerGraph.Neo4j.csproj src/CareerGraph.Neo4j/
COPY src/CareerGraph.Api/CareerGraph.Api.csproj src/CareerGraph.Api/
RUN dotnet restore src/CareerGraph.Api/CareerGraph.Api.csproj
# The Cypher of graph/ is embedded in the Neo4j project; the seeds travel with the service.
COPY src/ src/
COPY graph/schema.cypher graph/
COPY graph/queries/ graph/queries/
COPY seeds/ seeds/
RUN dotnet publish src/CareerGraph.Api/CareerGraph.Api.csproj --no-restore -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV Urls=http://0.0.0.0:8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "CareerGraph.Api.dll"]
