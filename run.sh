#!/usr/bin/env bash
# Runs Learning Catalogue on its embedded defaults: SQLite and a Virtuoso RDF store in the data folder, Lucene
# indexes in indexes/, the web host on 127.0.0.1. On first start it imports ESCO (../shared/esco-data) and the
# sample corpus (../shared/corpora) when present, the courses published with suggested skill links.
# Safe to run again: migrations and the sample import only do what is not done yet.
#
#   ./run.sh [--port N] [--data DIR]      (defaults: 5080 and ./data)
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
port=5080
data="./data"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$data"
data="$(cd "$data" && pwd)"

"$root/src/tools/prerequisites.sh"
dotnet build "$root/LearningCatalogue.sln" -c Release -nologo -v quiet -clp:"ErrorsOnly;NoSummary"

# The search indexes live in the repository's indexes/ folder, for the command line and the web host alike.
export Catalogue__Search__IndexFolder="$root/indexes"
"$root/catalogue" --data "$data" db migrate
# ESCO into the RDF store (a Virtuoso of the data folder's own) when it holds none, and the skill suggestion index.
"$root/catalogue" --data "$data" esco import --if-empty
# The sample corpus, published with suggested skill links, on first start (an administrator's import).
corpus="$root/../shared/corpora/edx_courses.csv"
if [[ -f "$corpus" ]]; then
  "$root/catalogue" --data "$data" import courses "$corpus" --if-empty --skip-invalid --publish --link-skills
fi
"$root/catalogue" --data "$data" index rebuild

echo "Learning Catalogue on http://127.0.0.1:$port (data in $data). Ctrl+C stops it."
cd "$root/src/LearningCatalogue.Api/bin/Release/net10.0"
exec dotnet LearningCatalogue.Api.dll --urls "http://127.0.0.1:$port" --Catalogue:DataFolder "$data"
