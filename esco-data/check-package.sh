#!/usr/bin/env bash
# Tells whether FOLDER (default ../shared/esco-data) holds the files of the official ESCO CSV package
# that the catalogue reads, and how many skills each language file has.
set -euo pipefail
folder="${1:-$(dirname "$0")/../../shared/esco-data}"
[[ -d "$folder" ]] || { echo "No folder $folder" >&2; exit 1; }
status=0
for file in skillGroups_en.csv broaderRelationsSkillPillar_en.csv skillSkillRelations_en.csv; do
  if [[ -f "$folder/$file" ]]; then echo "ok       $file"; else echo "missing  $file"; status=1; fi
done
shopt -s nullglob
languages=("$folder"/skills_*.csv)
[[ ${#languages[@]} -gt 0 ]] || { echo "missing  skills_<lang>.csv"; status=1; }
for file in "${languages[@]}"; do
  # Count records, not lines: descriptions hold line breaks inside quotes.
  records=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding="utf-8"))))' "$file")
  echo "ok       $(basename "$file"): $records skills"
done
exit "$status"
