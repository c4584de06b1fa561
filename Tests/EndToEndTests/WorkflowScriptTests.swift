import Foundation
import Testing

/// Test commands in shell scripts of the repository, composite actions and reusable workflows,
/// through the binary: apply gives the expected bytes, status is clean, rollback restores every byte.
@Suite struct WorkflowScriptTests {
  static let cases: [CIShape] = [
    CIShape(
      "script: ./scripts/test.sh with coverage, pipefail and \"$@\" given nothing",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: ./scripts/test.sh

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: ./scripts/test.sh

          """
        ),
        "scripts/test.sh": (
          """
          #!/usr/bin/env bash
          set -euo pipefail
          coverage run manage.py test "$@" | tee test.log
          coverage report

          """,
          """
          #!/usr/bin/env bash
          set -euo pipefail
          coverage run --parallel-mode manage.py test --parallel=auto --keepdb "$@" | tee test.log
          coverage combine
          coverage report

          """
        ),
      ]
    ),
    CIShape(
      "script: bash scripts/ci.sh with cd inside and a continuation",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: bash scripts/ci.sh

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: bash scripts/ci.sh

          """
        ),
        "scripts/ci.sh": (
          """
          #!/bin/sh
          set -e
          cd backend
          python manage.py test \\
            --noinput

          """,
          """
          #!/bin/sh
          set -e
          cd backend
          python manage.py test --parallel=auto --keepdb \\
            --noinput

          """
        ),
        "backend/manage.py": (
          """
          #!/usr/bin/env python
          import os
          os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_app.settings")

          """,
          """
          #!/usr/bin/env python
          import os
          os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_app.settings")

          """
        ),
        "backend/site_app/__init__.py": (
          "",
          ""
        ),
        "backend/site_app/settings.py": (
          """
          SECRET_KEY = 'x'

          """,
          """
          SECRET_KEY = 'x'

          # BEGIN optimize phase-1
          import sys

          if 'test' in sys.argv or 'pytest' in sys.modules:
              # Use faster password hasher for tests (10-100x speedup)
              PASSWORD_HASHERS = [
                  'django.contrib.auth.hashers.MD5PasswordHasher',
              ]
          # END optimize phase-1

          """
        ),
        "backend/site_app/test_settings.py": (
          """
          from .settings import *  # noqa

          """,
          """
          from .settings import *  # noqa

          """
        ),
      ]
    ),
    CIShape(
      "script: ./dev ci test_general",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: ./dev ci test_general

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: ./dev ci test_general

          """
        ),
        "dev": (
          """
          #!/bin/bash
          test_general() {
            python manage.py test apps.general
          }
          case "$1" in
            ci) shift; "$@" ;;
          esac

          """,
          """
          #!/bin/bash
          test_general() {
            python manage.py test --parallel=auto --keepdb apps.general
          }
          case "$1" in
            ci) shift; "$@" ;;
          esac

          """
        ),
      ]
    ),
    CIShape(
      "script: \"$@\" given --parallel 2 by the step",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: ./scripts/test.sh --parallel 2

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: ./scripts/test.sh --parallel 2

          """
        ),
        "scripts/test.sh": (
          """
          #!/bin/sh
          exec python manage.py test "$@"

          """,
          """
          #!/bin/sh
          exec python manage.py test --keepdb "$@"

          """
        ),
      ]
    ),
    CIShape(
      "composite action and reusable workflow",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            call:
              uses: ./.github/workflows/tests.yml

          """,
          """
          on: push
          jobs:
            call:
              uses: ./.github/workflows/tests.yml

          """
        ),
        ".github/workflows/tests.yml": (
          """
          on:
            workflow_call:
          jobs:
            tests:
              runs-on: ubuntu-latest
              steps:
                - uses: actions/checkout@v4
                - uses: ./.github/actions/django-tests

          """,
          """
          on:
            workflow_call:
          jobs:
            tests:
              runs-on: ubuntu-latest
              steps:
                - uses: actions/checkout@v4
                - uses: ./.github/actions/django-tests

          """
        ),
        ".github/actions/django-tests/action.yml": (
          """
          name: Django tests
          runs:
            using: composite
            steps:
              - run: coverage run manage.py test
                shell: bash
              - run: coverage xml
                shell: bash

          """,
          """
          name: Django tests
          runs:
            using: composite
            steps:
              - run: |-
                  coverage run --parallel-mode manage.py test --parallel=auto --keepdb
                  coverage combine
                shell: bash
              - run: coverage xml
                shell: bash

          """
        ),
      ]
    ),
    CIShape(
      "two jobs with the same command line",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: python manage.py test
            again:
              runs-on: ubuntu-latest
              steps:
                - run: python manage.py test

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: python manage.py test --parallel=auto --keepdb
            again:
              runs-on: ubuntu-latest
              steps:
                - run: python manage.py test --parallel=auto --keepdb

          """
        )
      ]
    ),
  ]

  @Test(arguments: cases)
  func appliesByteExact(_ shape: CIShape) throws {
    try WorkflowFixture.expectApplied(shape.before, gives: shape.after)
  }
}
