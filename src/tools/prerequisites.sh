#!/usr/bin/env bash
# Checks and installs what the product and its tests need on a Debian machine. Safe to run again.
# The .NET 10 SDK is expected on the machine; anything else comes from Debian's packages.
set -euo pipefail

if ! command -v dotnet >/dev/null || ! dotnet --list-sdks | grep -q '^10\.'; then
  echo "The .NET 10 SDK is required (https://dot.net); 'dotnet --list-sdks' shows none." >&2
  exit 1
fi

# Debian packages the product needs, installed only when missing. ICU: culture data for language codes.
# virtuoso-opensource-7-bin: the RDF store holding ESCO (virtuoso-t, and isql-vt to set the password and shut
# down); only the binaries: the product writes its own virtuoso.ini and database, so the packages with the
# system service and its debconf DBA-password question are not wanted.
# ICU's package name carries its version (libicu72 on Debian 12, libicu76 on Debian 13): any one will do.
packages=(virtuoso-opensource-7-bin)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
ldconfig -p | grep 'libicuuc\.so' >/dev/null || missing+=(icu)
if [[ ${#missing[@]} -gt 0 ]]; then
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  if [[ " ${missing[*]} " == *" icu "* ]]; then
    icu="$(apt-cache search --names-only '^libicu[0-9]+$' | awk '{print $1}' | sort -V | tail -1)"
    missing=("${missing[@]/icu/$icu}")
  fi
  # Noninteractive, with the packages' default answers to any debconf question, so that it never waits for input.
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" </dev/null
fi
