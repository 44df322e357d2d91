#!/usr/bin/env bash
# Installs Debian's chromium when it is missing: the HTML report of the audit is tested in a real browser
# (src/audit/report-html.browser.test.ts drives /usr/bin/chromium with playwright-core).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: /usr/bin/chromium is missing and installing it needs root (apt-get install chromium)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
/usr/bin/chromium --version
