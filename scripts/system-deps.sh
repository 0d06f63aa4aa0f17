#!/usr/bin/env bash
# Native packages Signaali uses, installed from Debian when missing and when we are root:
#   libvoikko1 voikko-fi : the Voikko morphology behind the spacy-fi lemmatiser (the default backend)
#   chromium             : headless rendering test of the HTML report
#   chromium-driver      : the Selenium browser test of the reviewer app (/usr/bin/chromedriver)
#   postgresql           : the PostgreSQL leg of the store tests
# Without root the step only warns: Signaali then falls back (simplemma lemmas; those tests skip).
set -u
want=(libvoikko1 voikko-fi chromium chromium-driver postgresql)
missing=()
for p in "${want[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "warning: missing Debian packages: ${missing[*]} (run as root: apt-get install ${missing[*]})" >&2
  exit 0
fi
echo "installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "warning: apt-get install ${missing[*]} failed" >&2
exit 0
