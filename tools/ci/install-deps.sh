#!/usr/bin/env bash
# Debian packages the integration tests use. Idempotent: installs only what is missing. Skipped,
# with a message, when not root; the tests then say what is missing (and fail in CI, where CI=true).
#   mosquitto                          the external-broker demo test starts its own broker
#   bluez-meshd dbus python3-dbus      the interop tests against BlueZ's bluetooth-meshd
#   python3-gi gcc libssl-dev          (tests/Gateway.Interop.Tests, reference/bluez-peer.md)
set -u

packages=(mosquitto bluez-meshd dbus python3-dbus python3-gi gcc libssl-dev)
need=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    need+=("$p")
  fi
done

if [ ${#need[@]} -eq 0 ]; then
  echo "install-deps: all present (${packages[*]})"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: not root, not installing: ${need[*]}"
  exit 0
fi

echo "install-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
