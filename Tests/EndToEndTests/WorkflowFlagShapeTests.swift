import Foundation
import Testing

/// Issue 3's shell structures, flags, labels, parallelism already present and coverage combine, through
/// the binary: apply gives the expected bytes, status is clean, rollback restores every byte.
@Suite struct WorkflowFlagShapeTests {
  static let cases: [CIShape] = [
    CIShape(
      "labels, --settings X and --settings=X, -v 2, --noinput, tags",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    python manage.py test apps.a apps.b --settings mysite.settings -v 2 --noinput
                    python manage.py test --settings=mysite.settings --exclude-tag=slow --tag api

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    python manage.py test --parallel=auto --keepdb apps.a apps.b --settings mysite.settings -v 2 --noinput
                    python manage.py test --parallel=auto --keepdb --settings=mysite.settings --exclude-tag=slow --tag api

          """
        )
      ]
    ),
    CIShape(
      "matrix expressions that are not flags, or list no flag",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              strategy:
                matrix:
                  app: [a, b]
                  extra: ["--tag=a", "-v 2"]
              steps:
                - run: python manage.py test apps/${{ matrix.app }} ${{ matrix.extra }}

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              strategy:
                matrix:
                  app: [a, b]
                  extra: ["--tag=a", "-v 2"]
              steps:
                - run: python manage.py test --parallel=auto --keepdb apps/${{ matrix.app }} ${{ matrix.extra }}

          """
        )
      ]
    ),
    CIShape(
      "parallelism already present is satisfied",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    python manage.py test --parallel --keepdb
                    python manage.py test --parallel auto --keepdb
                    python manage.py test --parallel=auto --keepdb
                    python manage.py test --keepdb --parallel 4
                    python manage.py test --keepdb

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    python manage.py test --parallel --keepdb
                    python manage.py test --parallel auto --keepdb
                    python manage.py test --parallel=auto --keepdb
                    python manage.py test --keepdb --parallel 4
                    python manage.py test --parallel=auto --keepdb

          """
        )
      ]
    ),
    CIShape(
      "max-parallel and a codecov parallel: true are not the runner's flags",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              strategy:
                max-parallel: 2
                matrix:
                  python: ["3.11", "3.12"]
              steps:
                - run: coverage run manage.py test
                - run: coverage xml
                - uses: codecov/codecov-action@v4
                  with:
                    parallel: true

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              strategy:
                max-parallel: 2
                matrix:
                  python: ["3.11", "3.12"]
              steps:
                - run: |-
                    coverage run --parallel-mode manage.py test --parallel=auto --keepdb
                    coverage combine
                - run: coverage xml
                - uses: codecov/codecov-action@v4
                  with:
                    parallel: true

          """
        )
      ]
    ),
    CIShape(
      "an existing coverage combine step is satisfied",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: coverage run --parallel-mode manage.py test
                - run: coverage combine
                - run: coverage report

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: coverage run --parallel-mode manage.py test --parallel=auto --keepdb
                - run: coverage combine
                - run: coverage report

          """
        )
      ]
    ),
    CIShape(
      "coverage on one matrix leg chosen by if",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              strategy:
                matrix:
                  python: ["3.11", "3.12"]
              steps:
                - if: matrix.python != '3.12'
                  run: python manage.py test
                - if: matrix.python == '3.12'
                  run: coverage run manage.py test
                - if: matrix.python == '3.12'
                  run: coverage xml

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              strategy:
                matrix:
                  python: ["3.11", "3.12"]
              steps:
                - if: matrix.python != '3.12'
                  run: python manage.py test --parallel=auto --keepdb
                - if: matrix.python == '3.12'
                  run: |-
                    coverage run --parallel-mode manage.py test --parallel=auto --keepdb
                    coverage combine
                - if: matrix.python == '3.12'
                  run: coverage xml

          """
        )
      ]
    ),
    CIShape(
      "several workflows and jobs each run tests",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            unit:
              runs-on: ubuntu-latest
              steps:
                - run: python manage.py test
            coverage:
              runs-on: ubuntu-latest
              steps:
                - run: coverage run manage.py test
                - run: coverage html

          """,
          """
          on: push
          jobs:
            unit:
              runs-on: ubuntu-latest
              steps:
                - run: python manage.py test --parallel=auto --keepdb
            coverage:
              runs-on: ubuntu-latest
              steps:
                - run: |-
                    coverage run --parallel-mode manage.py test --parallel=auto --keepdb
                    coverage combine
                - run: coverage html

          """
        ),
        ".github/workflows/nightly.yaml": (
          """
          on:
            schedule:
              - cron: '0 3 * * *'
          jobs:
            slow:
              runs-on: ubuntu-latest
              steps:
                - run: python manage.py test --tag slow

          """,
          """
          on:
            schedule:
              - cron: '0 3 * * *'
          jobs:
            slow:
              runs-on: ubuntu-latest
              steps:
                - run: python manage.py test --parallel=auto --keepdb --tag slow

          """
        ),
      ]
    ),
    CIShape(
      "a custom data_file in the config: combine runs in the same folder with the same --rcfile",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    cd app
                    coverage run --rcfile=../ci/cov.ini manage.py test
                    coverage xml --rcfile=../ci/cov.ini

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    cd app
                    coverage run --parallel-mode --rcfile=../ci/cov.ini manage.py test --parallel=auto --keepdb
                    coverage combine --rcfile=../ci/cov.ini
                    coverage xml --rcfile=../ci/cov.ini

          """
        ),
        "ci/cov.ini": (
          """
          [run]
          data_file = .cov/data
          source = .

          """,
          """
          [run]
          parallel = True
          concurrency = multiprocessing,thread
          data_file = .cov/data
          source = .

          """
        ),
        "app/manage.py": (
          """
          #!/usr/bin/env python
          import os
          os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")

          """,
          """
          #!/usr/bin/env python
          import os
          os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")

          """
        ),
        "app/mysite/__init__.py": (
          "",
          ""
        ),
        "app/mysite/settings.py": (
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
      ]
    ),
    CIShape(
      "tee with shell: bash gets no note",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: python manage.py test | tee log
                  shell: bash

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: python manage.py test --parallel=auto --keepdb | tee log
                  shell: bash

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
