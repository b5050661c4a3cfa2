# The CareerGraph service: the browser pages built with Node.js, the service built and published with the .NET SDK
# together with the runtime it runs on, on the image that has only the runtime's own dependencies.

# The pages (GraphQL IDE, explorer): Vite writes them into the host's wwwroot.
FROM node:20-bookworm-slim AS web
WORKDIR /src/src/CareerGraph.Web
COPY src/CareerGraph.Web/package.json src/CareerGraph.Web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY src/CareerGraph.Web/ ./
RUN npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Every project file first, so the package restore is cached until one changes.
COPY Directory.Build.props CareerGraph.sln ./
COPY src/CareerGraph.Core/CareerGraph.Core.csproj src/CareerGraph.Core/
COPY src/CareerGraph.Embedded/CareerGraph.Embedded.csproj src/CareerGraph.Embedded/
COPY src/CareerGraph.Interchange/CareerGraph.Interchange.csproj src/CareerGraph.Interchange/
COPY src/CareerGraph.Neo4j/CareerGraph.Neo4j.csproj src/CareerGraph.Neo4j/
COPY src/CareerGraph.Api/CareerGraph.Api.csproj src/CareerGraph.Api/WebPages.targets src/CareerGraph.Api/
# The runtime identifier of the platform the image is for (BuildKit sets TARGETARCH; the classic builder leaves it empty,
# and then the build machine's own architecture counts). Restore asks for the ReadyToRun compiler with it, as publish needs.
ARG TARGETARCH
# x64 only: the processors the compiled code may assume (x86-64-v3: AVX2). x86-64-v2 for older ones (docs/neo4j.md).
ARG X64_INSTRUCTION_SET=x86-64-v3
RUN case "${TARGETARCH:-$(uname -m)}" in \
      amd64|x86_64) rid=linux-x64 ;; \
      arm64|aarch64) rid=linux-arm64 ;; \
      *) echo "The image is built for linux/amd64 or linux/arm64, not ${TARGETARCH:-$(uname -m)}." >&2; exit 1 ;; \
    esac && echo "$rid" > /rid && \
    dotnet restore src/CareerGraph.Api/CareerGraph.Api.csproj -r "$rid" -p:SelfContained=true -p:PublishReadyToRun=true
# The Cypher of graph/ is embedded in the Neo4j project; the seeds travel with the service; the pages come built.
COPY src/ src/
COPY graph/schema.cypher graph/
COPY graph/queries/ graph/queries/
COPY seeds/ seeds/
COPY --from=web /src/src/CareerGraph.Api/wwwroot/ src/CareerGraph.Api/wwwroot/
# ReadyToRun, composite: the service, its libraries and the .NET and ASP.NET Core runtime compiled ahead of time as one
# image for the platform the restore above chose. One image lets the compiler also compile the runtime's generic code
# for the service's own types (dictionaries keyed by its enums, its async methods), which the JIT would otherwise
# compile at every start (docs/performance.md, "Start-up, third pass"); a profile of the start names the generic code
# made at run time, so that it is compiled too (CareerGraph.Api.csproj, "Start-up, twelfth pass").
RUN dotnet publish src/CareerGraph.Api/CareerGraph.Api.csproj --no-restore -c Release -r "$(cat /rid)" --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -p:ReadyToRunX64InstructionSet="$X64_INSTRUCTION_SET" -p:SkipWebPages=true -o /app

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
WORKDIR /app
COPY --from=build /app .
ENV Urls=http://0.0.0.0:8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["./CareerGraph.Api"]
