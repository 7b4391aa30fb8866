#!/usr/bin/env bash
# Debian's Chromium for the browser test (Playwright's own browser download cannot work offline).
# Best effort unless REQUIRED=1: without root or sudo the browser test is skipped locally.
set -uo pipefail
[ -x /usr/bin/chromium ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo"; else
    echo "chromium missing and no root/sudo: the browser test will be skipped (apt-get install chromium)" >&2
    [ "${REQUIRED:-0}" = 1 ] && exit 1 || exit 0
  fi
fi
$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
status=$?
if [ $status -ne 0 ] && [ "${REQUIRED:-0}" = 1 ]; then exit $status; fi
exit 0
