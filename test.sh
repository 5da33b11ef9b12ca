#!/usr/bin/env bash
# Runs the whole test suite (every test project of the solution) and ends with one summary line
# "N passed, N failed, N skipped". Installs what the tests need first; safe to run again.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"

src/tools/prerequisites.sh
dotnet build LearningCatalogue.sln -c Release -nologo -v quiet -clp:ErrorsOnly

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test LearningCatalogue.sln -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?

# One closing line for the whole suite, summed over the test assemblies' own summaries.
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
       runs++ }
     END { if (runs == 0) { print "no test assembly reported a result"; exit 1 }
           printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log" || status=1
exit "$status"
