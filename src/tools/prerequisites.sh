#!/usr/bin/env bash
# Checks and installs what the product and its tests need on a Debian machine. Safe to run again.
# The .NET 10 SDK is expected on the machine; anything else comes from Debian's packages.
set -euo pipefail

if ! command -v dotnet >/dev/null || ! dotnet --list-sdks | grep -q '^10\.'; then
  echo "The .NET 10 SDK is required (https://dot.net); 'dotnet --list-sdks' shows none." >&2
  exit 1
fi

# Debian packages the product needs (ICU: culture data for language codes); installed only when missing.
packages=(libicu72)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi
