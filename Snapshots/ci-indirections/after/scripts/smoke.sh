#!/usr/bin/env bash
# Smoke tests: the fast subset, with a log for the artifact.
set -euo pipefail
cd "web"
python manage.py test --parallel=auto --keepdb --tag smoke \
    --noinput | tee smoke.log
