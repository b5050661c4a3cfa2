#!/usr/bin/env bash
# The Neo4j side for real: the backend contract suite and the README's walk against a running Neo4j 5.26+.
# Uses NEO4J_URI (with NEO4J_USER, NEO4J_PASSWORD) when set; otherwise starts the compose stack and stops it afterwards.
# Without either (no NEO4J_URI, no Docker) it says why and exits 0, so CI on a machine without them skips it.
set -euo pipefail
cd "$(dirname "$0")/../.."

started=""
cleanup() { if [ -n "$started" ]; then docker compose down >/dev/null 2>&1 || true; fi; }
trap cleanup EXIT

if [ -z "${NEO4J_URI:-}" ]; then
  if ! command -v docker >/dev/null 2>&1 || ! docker info >/dev/null 2>&1; then
    echo "Skipped: no NEO4J_URI and no Docker engine here; set NEO4J_URI=http://host:7474 (with NEO4J_USER, NEO4J_PASSWORD) or start Docker."
    exit 0
  fi
  export NEO4J_PASSWORD="${NEO4J_PASSWORD:-run-sh-$(date +%s)}"
  docker compose up --build --detach --wait
  started=yes
  export NEO4J_URI=http://localhost:7474 NEO4J_USER=neo4j
  service=http://localhost:8080
else
  service=""
fi

# 1. The backend contract suite against that Neo4j (it empties the database it is given before each test).
dotnet test tests/CareerGraph.Tests --filter "FullyQualifiedName~Neo4jStoreContractTests" --logger "console;verbosity=normal"

# 2. The README's walk, through the service: the compose stack's, or one started here on NEO4J_URI.
pid=""
if [ -z "$service" ]; then
  service=http://127.0.0.1:5089
  CareerGraph__Store=Neo4j CareerGraph__Neo4j__Uri="$NEO4J_URI" CareerGraph__Neo4j__User="${NEO4J_USER:-neo4j}" \
    CareerGraph__Neo4j__Password="${NEO4J_PASSWORD:-}" dotnet run --project src/CareerGraph.Api -- --urls "$service" &
  pid=$!
  trap 'kill "$pid" 2>/dev/null || true; cleanup' EXIT
fi
for _ in $(seq 1 120); do curl -fs "$service/ready" >/dev/null && break; sleep 1; done
answer=$(curl -fs "$service/graphql" -H 'content-type: application/json' \
  -d '{"query":"{ path(from: \"ML Engineer\", to: \"Cloud Engineer\") { hops steps { career { id } } } }"}')
echo "$answer"
echo "$answer" | grep -q '"mlops-engineer"' && echo "$answer" | grep -q '"hops":2' || { echo "The walk is not ML Engineer -> MLOps Engineer -> Cloud Engineer." >&2; exit 1; }
echo "Neo4j contract suite and README walk passed against $NEO4J_URI."
