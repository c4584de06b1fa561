import Foundation
import Testing

/// Every YAML shape of a workflow's `run:` that issue 3 lists, edited through the binary: apply
/// gives the expected bytes, status is clean, rollback restores every byte.
@Suite struct WorkflowYAMLShapeTests {
  static let cases: [CIShape] = [
    CIShape(
      "plain one-line",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
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

          """
        )
      ]
    ),
    CIShape(
      "single-quoted with escapes",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: 'python manage.py test --tag ''slow'' -v 2'

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: 'python manage.py test --parallel=auto --keepdb --tag ''slow'' -v 2'

          """
        )
      ]
    ),
    CIShape(
      "double-quoted with escapes",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: "python manage.py test \\"apps/a b\\" \\t--noinput"

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: "python manage.py test --parallel=auto --keepdb \\"apps/a b\\" \\t--noinput"

          """
        )
      ]
    ),
    CIShape(
      "literal block",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    pip install -r requirements.txt
                    python manage.py test

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |
                    pip install -r requirements.txt
                    python manage.py test --parallel=auto --keepdb

          """
        )
      ]
    ),
    CIShape(
      "literal strip",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |-
                    python manage.py test
                - run: echo done

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |-
                    python manage.py test --parallel=auto --keepdb
                - run: echo done

          """
        )
      ]
    ),
    CIShape(
      "literal keep",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |+
                    python manage.py test

                - run: echo done

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: |+
                    python manage.py test --parallel=auto --keepdb

                - run: echo done

          """
        )
      ]
    ),
    CIShape(
      "folded over several lines",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: >
                    python manage.py
                    test
                    --noinput

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: >
                    python manage.py
                    test --parallel=auto --keepdb
                    --noinput

          """
        )
      ]
    ),
    CIShape(
      "two spaces before the indicator",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run:  |
                    python manage.py test

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run:  |
                    python manage.py test --parallel=auto --keepdb

          """
        )
      ]
    ),
    CIShape(
      "folded with a comment",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: > # a comment
                    python manage.py test

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: > # a comment
                    python manage.py test --parallel=auto --keepdb

          """
        )
      ]
    ),
    CIShape(
      "four-space indentation",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
              t:
                  runs-on: ubuntu-latest
                  steps:
                      -   run: |
                              python manage.py test

          """,
          """
          on: push
          jobs:
              t:
                  runs-on: ubuntu-latest
                  steps:
                      -   run: |
                              python manage.py test --parallel=auto --keepdb

          """
        )
      ]
    ),
    CIShape(
      "steps not indented under steps",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
              - uses: actions/checkout@v4
              - run: coverage run manage.py test
              - run: coverage report

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
              - uses: actions/checkout@v4
              - run: |-
                  coverage run --parallel-mode manage.py test --parallel=auto --keepdb
                  coverage combine
              - run: coverage report

          """
        )
      ]
    ),
    CIShape(
      "leading document marker",
      [
        ".github/workflows/ci.yml": (
          """
          ---
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: python manage.py test

          """,
          """
          ---
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - run: python manage.py test --parallel=auto --keepdb

          """
        )
      ]
    ),
    CIShape(
      "trailing whitespace survives",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - name: Tests\u{20}\u{20}\u{20}
                  run: |\u{20}\u{20}\u{20}
                    python manage.py test\u{20}\u{20}\u{20}
                    echo ok\u{20}\u{20}

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - name: Tests\u{20}\u{20}\u{20}
                  run: |\u{20}\u{20}\u{20}
                    python manage.py test --parallel=auto --keepdb\u{20}\u{20}\u{20}
                    echo ok\u{20}\u{20}

          """
        )
      ]
    ),
    CIShape(
      "flow mapping step",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - {name: Tests, run: python manage.py test}

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - {name: Tests, run: python manage.py test --parallel=auto --keepdb}

          """
        )
      ]
    ),
    CIShape(
      "CRLF and BOM",
      [
        ".github/workflows/ci.yml": (
          "\u{FEFF}on: push\r\njobs:\r\n  t:\r\n    runs-on: ubuntu-latest\r\n    steps:\r\n      - run: |\r\n          coverage run manage.py test\r\n          coverage xml\r\n",
          "\u{FEFF}on: push\r\njobs:\r\n  t:\r\n    runs-on: ubuntu-latest\r\n    steps:\r\n      - run: |\r\n          coverage run --parallel-mode manage.py test --parallel=auto --keepdb\r\n          coverage combine\r\n          coverage xml\r\n"
        )
      ]
    ),
    CIShape(
      "comments inside and beside block scalars",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - name: Tests  # the suite
                  run: |  # runs twice as fast soon
                    # migrations first
                    python manage.py migrate  # quiet
                    python manage.py test  # all apps
                    # done

          """,
          """
          on: push
          jobs:
            t:
              runs-on: ubuntu-latest
              steps:
                - name: Tests  # the suite
                  run: |  # runs twice as fast soon
                    # migrations first
                    python manage.py migrate  # quiet
                    python manage.py test --parallel=auto --keepdb  # all apps
                    # done

          """
        )
      ]
    ),
    CIShape(
      "no final newline",
      [
        ".github/workflows/ci.yml": (
          "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python manage.py test",
          "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python manage.py test --parallel=auto --keepdb"
        )
      ]
    ),
    CIShape(
      "anchor used only by test steps",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            a:
              runs-on: ubuntu-latest
              steps:
                - name: Tests
                  run: &tests |
                    python manage.py test
            b:
              runs-on: ubuntu-latest
              steps:
                - name: Tests again
                  run: *tests

          """,
          """
          on: push
          jobs:
            a:
              runs-on: ubuntu-latest
              steps:
                - name: Tests
                  run: &tests |
                    python manage.py test --parallel=auto --keepdb
            b:
              runs-on: ubuntu-latest
              steps:
                - name: Tests again
                  run: *tests

          """
        )
      ]
    ),
    CIShape(
      "anchored step reused",
      [
        ".github/workflows/ci.yml": (
          """
          on: push
          jobs:
            a:
              runs-on: ubuntu-latest
              steps:
                - &tests
                  name: Tests
                  run: python manage.py test
            b:
              runs-on: ubuntu-latest
              steps:
                - *tests

          """,
          """
          on: push
          jobs:
            a:
              runs-on: ubuntu-latest
              steps:
                - &tests
                  name: Tests
                  run: python manage.py test --parallel=auto --keepdb
            b:
              runs-on: ubuntu-latest
              steps:
                - *tests

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
