#!/usr/bin/env bash
# Deletes the EF Core migrations of both storage providers and generates one initial migration
# for each from the current GatewayDbContext model. Run it after a change to the model, while
# the project has no deployed databases to upgrade (after that, add migrations instead).
# Installs dotnet-ef as a local tool (dotnet-tools.json) on first use.
set -euo pipefail

cd "$(dirname "$0")/.."

readonly ef_version=10.0.15
readonly storage_project=src/Gateway.Storage

if [[ ! -f dotnet-tools.json && ! -f .config/dotnet-tools.json ]]; then
  dotnet new tool-manifest
fi
if ! dotnet tool list --local | grep -q '^dotnet-ef '; then
  dotnet tool install dotnet-ef --version "$ef_version"
fi
dotnet tool restore

# Build once without any migrations: with --no-build, each `migrations add` then sees neither
# the old migrations nor the one just generated for the other provider.
rm -rf "$storage_project/Migrations/Sqlite" "$storage_project/Migrations/PostgreSql"
dotnet build "$storage_project" --nologo --verbosity quiet

for provider in Sqlite PostgreSql; do
  dotnet ef migrations add InitialCreate \
    --project "$storage_project" \
    --startup-project "$storage_project" \
    --context "${provider}GatewayDbContext" \
    --output-dir "Migrations/$provider" \
    --no-build
done

echo "Regenerated $storage_project/Migrations/Sqlite and $storage_project/Migrations/PostgreSql"
