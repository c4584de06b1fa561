import Foundation
import Testing

/// Test commands behind a Makefile target, through the binary: the recipe line is edited (tabs,
/// prefixes, continuations and `$(VAR)` kept), `coverage combine` is a new recipe line in the same
/// folder, status is clean and rollback restores every byte.
@Suite struct WorkflowMakefileTests {
  static let cases: [CIShape] = [
    CIShape(
      "make test: @ prefix, $(VAR), continuation, coverage with --rcfile",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: make test

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: make test

          """
        ),
        "Makefile": (
          """
          PYTHON ?= python3
          MANAGE = manage.py

          .PHONY: test

          test:
          \t@echo "testing"
          \t@$(PYTHON) -m coverage run --rcfile=.coveragerc $(MANAGE) test \\
          \t\t--noinput -v 2
          \t-coverage report

          """,
          """
          PYTHON ?= python3
          MANAGE = manage.py

          .PHONY: test

          test:
          \t@echo "testing"
          \t@$(PYTHON) -m coverage run --parallel-mode --rcfile=.coveragerc $(MANAGE) test --parallel=auto --keepdb \\
          \t\t--noinput -v 2
          \t@$(PYTHON) -m coverage combine --rcfile=.coveragerc
          \t-coverage report

          """
        ),
      ]
    ),
    CIShape(
      "TEST_DB=x make test and make ci following $(MAKE) one level and prerequisites",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: TEST_DB=x make test
                - run: make ci

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: TEST_DB=x make test
                - run: make ci

          """
        ),
        "Makefile": (
          """
          test:
          \tpython manage.py test --tag unit

          ci: lint
          \t$(MAKE) integration

          lint: check
          \tpython manage.py test --tag lint

          check:
          \tpython manage.py test --tag deep

          integration:
          \tpython manage.py test --tag integration

          """,
          """
          test:
          \tpython manage.py test --parallel=auto --keepdb --tag unit

          ci: lint
          \t$(MAKE) integration

          lint: check
          \tpython manage.py test --parallel=auto --keepdb --tag lint

          check:
          \tpython manage.py test --parallel=auto --keepdb --tag deep

          integration:
          \tpython manage.py test --parallel=auto --keepdb --tag integration

          """
        ),
      ]
    ),
    CIShape(
      "make -C a folder, cd in the recipe, combine in the same folder",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: make -C build cov

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: make -C build cov

          """
        ),
        "build/Makefile": (
          """
          cov:
          \tcd ../backend && coverage run manage.py test
          \tcd ../backend && coverage xml

          """,
          """
          cov:
          \tcd ../backend && coverage run --parallel-mode manage.py test --parallel=auto --keepdb
          \tcd ../backend && coverage combine
          \tcd ../backend && coverage xml

          """
        ),
        "backend/.coveragerc": (
          """
          [run]
          source = .

          """,
          """
          [run]
          parallel = True
          concurrency = multiprocessing,thread
          source = .

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
      "the test command in a Make variable, flags after it",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: make test

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: make test

          """
        ),
        "Makefile": (
          """
          TEST_CMD = python manage.py test

          test:
          \t$(TEST_CMD) --noinput

          """,
          """
          TEST_CMD = python manage.py test

          test:
          \t$(TEST_CMD) --parallel=auto --keepdb --noinput

          """
        ),
      ]
    ),
    CIShape(
      "a later recipe line already combines",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: make cov

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: make cov

          """
        ),
        "Makefile": (
          """
          cov:
          \t-coverage run manage.py test
          \tcoverage combine
          \tcoverage report

          """,
          """
          cov:
          \t-coverage run --parallel-mode manage.py test --parallel=auto --keepdb
          \tcoverage combine
          \tcoverage report

          """
        ),
      ]
    ),
    CIShape(
      "CRLF Makefile",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: make cov

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: make cov

          """
        ),
        "Makefile": (
          "cov:\r\n\t@coverage run manage.py test\r\n\t@coverage html\r\n",
          "cov:\r\n\t@coverage run --parallel-mode manage.py test --parallel=auto --keepdb\r\n\t@coverage combine\r\n\t@coverage html\r\n"
        ),
      ]
    ),
  ]

  @Test(arguments: cases)
  func appliesByteExact(_ shape: CIShape) throws {
    try WorkflowFixture.expectApplied(shape.before, gives: shape.after)
  }
}
