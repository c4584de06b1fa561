import Foundation
import Testing

/// Issue 3's command prefixes and coverage options, through the binary: apply gives the expected
/// bytes of each listed file, status is clean, rollback restores every byte.
@Suite struct WorkflowCommandShapeTests {
  static let cases: [CIShape] = [
    CIShape(
      "python manage.py, ./manage.py, python3 path/to/manage.py with a label",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    python manage.py test
                    ./manage.py test
                    python3 sub/manage.py test sub/apps/

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    python manage.py test --parallel=auto --keepdb
                    ./manage.py test --parallel=auto --keepdb
                    python3 sub/manage.py test --parallel=auto --keepdb sub/apps/

          """
        ),
        "sub/manage.py": (
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
        "sub/mysite/__init__.py": (
          "",
          ""
        ),
        "sub/mysite/settings.py": (
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
      "uv run, poetry run, pipenv run, .venv/bin/python",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    uv run python manage.py test
                    poetry run python manage.py test
                    pipenv run ./manage.py test
                    .venv/bin/python manage.py test

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    uv run python manage.py test --parallel=auto --keepdb
                    poetry run python manage.py test --parallel=auto --keepdb
                    pipenv run ./manage.py test --parallel=auto --keepdb
                    .venv/bin/python manage.py test --parallel=auto --keepdb

          """
        )
      ]
    ),
    CIShape(
      "python -W error -m coverage run, --module manage",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    python -W error -m coverage run --source=. --omit='*/migrations/*' manage.py test
                    python -m coverage run --module manage test
                    python -m coverage report

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    python -W error -m coverage run --parallel-mode --source=. --omit='*/migrations/*' manage.py test --parallel=auto --keepdb
                    python -m coverage combine
                    python -m coverage run --parallel-mode --module manage test --parallel=auto --keepdb
                    python -m coverage combine
                    python -m coverage report

          """
        )
      ]
    ),
    CIShape(
      "docker compose run and docker exec",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    docker compose run --rm web python manage.py test
                    docker exec app ./manage.py test

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    docker compose run --rm web python manage.py test --parallel=auto --keepdb
                    docker exec app ./manage.py test --parallel=auto --keepdb

          """
        )
      ]
    ),
    CIShape(
      "coverage --rcfile and --data-file go to combine",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: coverage run --rcfile=ci/coverage.ini --data-file=.cov/data manage.py test
                - run: coverage xml --rcfile=ci/coverage.ini --data-file=.cov/data

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |-
                    coverage run --parallel-mode --rcfile=ci/coverage.ini --data-file=.cov/data manage.py test --parallel=auto --keepdb
                    coverage combine --rcfile=ci/coverage.ini --data-file=.cov/data
                - run: coverage xml --rcfile=ci/coverage.ini --data-file=.cov/data

          """
        ),
        "ci/coverage.ini": (
          """
          [run]
          branch = True

          """,
          """
          [run]
          parallel = True
          concurrency = multiprocessing,thread
          branch = True

          """
        ),
      ]
    ),
    CIShape(
      "backslash continuations",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    python manage.py test \\
                      --noinput \\
                      -v 2

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    python manage.py test --parallel=auto --keepdb \\
                      --noinput \\
                      -v 2

          """
        )
      ]
    ),
    CIShape(
      "and and semicolon chains after cd",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    cd app && python manage.py test; echo done

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    cd app && python manage.py test --parallel=auto --keepdb; echo done

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
      "environment assignments before the command",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    DJANGO_SETTINGS_MODULE=mysite.settings COVERAGE_FILE=.cov coverage run manage.py test
                    COVERAGE_FILE=.cov coverage xml

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    DJANGO_SETTINGS_MODULE=mysite.settings COVERAGE_FILE=.cov coverage run --parallel-mode manage.py test --parallel=auto --keepdb
                    COVERAGE_FILE=.cov coverage combine
                    COVERAGE_FILE=.cov coverage xml

          """
        )
      ]
    ),
    CIShape(
      "if fi, heredoc and backticks",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    if [ -n "$CI" ]; then
                      python manage.py test --tag fast
                    fi
                    cat <<EOF
                    python manage.py test
                    EOF
                    echo `date`; python manage.py test

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    if [ -n "$CI" ]; then
                      python manage.py test --parallel=auto --keepdb --tag fast
                    fi
                    cat <<EOF
                    python manage.py test
                    EOF
                    echo `date`; python manage.py test --parallel=auto --keepdb

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
