#!/usr/bin/env bash
# What the test suite needs besides Node.js and npm; `npm test` runs this first.
#
# - Debian packages: Chromium for the end-to-end tests (at CHROMIUM_PATH, default
#   /usr/bin/chromium), poppler-utils (pdftotext, pdftoppm) and unzip, with which the export tests
#   open the PDF and DOCX files, libxml2-utils (xmllint), with which they check that every XML
#   part of the DOCX is well-formed, and nginx, which runs the deployment's load-balancer config.
#   Missing ones are installed with apt-get when this runs as root or with password-less sudo;
#   otherwise it stops at once and prints the command that installs them.
# - Redis and PostgreSQL, for the scaled-mode suites: when they are installed but not running on
#   their default local ports (and REDIS_URL / DATABASE_URL are not set), they are started.
#
# Says nothing and takes a few milliseconds when everything is there.
set -euo pipefail

say() { printf 'test prerequisites: %s\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }

# How to run a command as root: directly, through sudo without a password, or not at all.
if [[ $(id -u) -eq 0 ]]; then
  as_root=()
  can_root=1
elif have sudo && sudo -n true 2>/dev/null; then
  as_root=(sudo)
  can_root=1
else
  as_root=()
  can_root=0
fi

# --- Debian packages --------------------------------------------------------------------------
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing_packages() {
  local pkgs=()
  [[ -x $chromium ]] || pkgs+=(chromium)
  { have pdftotext && have pdftoppm; } || pkgs+=(poppler-utils)
  have unzip || pkgs+=(unzip)
  have xmllint || pkgs+=(libxml2-utils)
  [[ -x /usr/sbin/nginx || -x /usr/bin/nginx ]] || pkgs+=(nginx-light)
  echo "${pkgs[*]}"
}

read -r -a need <<<"$(missing_packages)"
if ((${#need[@]})); then
  if ! have apt-get; then
    say "missing ${need[*]} (Debian package names); install them with your system's package manager."
    exit 1
  fi
  if ((!can_root)); then
    say "missing ${need[*]}. Install them with:"
    if have sudo; then
      printf '\n  sudo apt-get update && sudo apt-get install -y %s\n\n' "${need[*]}" >&2
    else
      printf '\n  su -c "apt-get update && apt-get install -y %s"\n\n' "${need[*]}" >&2
    fi
    exit 1
  fi
  say "installing ${need[*]} (apt-get)"
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  read -r -a still <<<"$(missing_packages)"
  if ((${#still[@]})); then
    say "apt-get installed ${need[*]}, but ${still[*]} is still missing (tools are looked up on PATH; Chromium at $chromium)."
    exit 1
  fi
fi

# --- Redis and PostgreSQL -----------------------------------------------------------------------
# Only the default local services: a REDIS_URL or DATABASE_URL names a server this does not manage.
started=()

if [[ -z ${REDIS_URL:-} ]] && have redis-server && have redis-cli && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  say "starting Redis on 127.0.0.1:6379"
  dir="$(mktemp -d "${TMPDIR:-/tmp}/codesign-redis.XXXXXX")"
  if redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save '' --appendonly no \
    --dir "$dir" --logfile "$dir/redis.log"; then
    started+=(redis)
  else
    say "warning: could not start Redis"
  fi
fi

if [[ -z ${DATABASE_URL:-} ]] && have pg_isready && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  # Debian's clusters: the one on port 5432, if it is down.
  cluster="$(pg_lsclusters -h 2>/dev/null | awk '$3 == 5432 && $4 == "down" { print $1 " " $2; exit }' || true)"
  if [[ -z $cluster ]]; then
    say "warning: PostgreSQL is not answering on 127.0.0.1:5432 and no stopped cluster uses that port"
  elif ((!can_root)); then
    say "warning: PostgreSQL is down; start it with: sudo pg_ctlcluster $cluster start"
  else
    say "starting PostgreSQL $cluster"
    # shellcheck disable=SC2086 # "version name"
    if "${as_root[@]}" pg_ctlcluster --skip-systemctl-redirect $cluster start; then
      started+=(postgres)
    else
      say "warning: could not start PostgreSQL $cluster"
    fi
  fi
fi

# Wait for what was started (a few seconds at most).
if ((${#started[@]})); then
  for _ in $(seq 1 60); do
    ok=1
    for s in "${started[@]}"; do
      case $s in
      redis) redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || ok=0 ;;
      postgres) pg_isready -h 127.0.0.1 -p 5432 -q || ok=0 ;;
      esac
    done
    ((ok)) && break
    sleep 0.5
  done
  ((ok)) || say "warning: ${started[*]} started but not answering yet"
fi
exit 0
