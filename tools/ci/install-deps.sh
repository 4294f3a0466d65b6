#!/usr/bin/env bash
# Debian packages the integration tests use: mosquitto (each mosquitto test starts its own broker
# on a free 127.0.0.1 port). Idempotent: installs only what is missing. Skipped, with a message,
# when not root; the tests then say what is missing (and fail in CI, where CI=true).
set -u

need=()
if ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then
  need+=(mosquitto)
fi

if [ ${#need[@]} -eq 0 ]; then
  echo "install-deps: mosquitto present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: not root, not installing: ${need[*]}"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}"
