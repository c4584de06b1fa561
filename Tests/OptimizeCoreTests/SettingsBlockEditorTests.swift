import Testing

@testable import OptimizeCore

let phaseOneBlock = SettingsBlock(
  marker: "optimize phase-1", guardExpression: "'test' in sys.argv or 'pytest' in sys.modules",
  comment: "Use faster password hasher for tests (10-100x speedup)", name: "PASSWORD_HASHERS",
  values: ["django.contrib.auth.hashers.MD5PasswordHasher"], imports: ["sys"])

/// Plans, applies, verifies, re-plans (must be satisfied) and rolls back; returns the edited text and notes.
func applyBlock(
  _ before: String, unconditional: Bool = false, path: String = "app/settings.py"
) throws -> (after: String, notes: [String]) {
  let source = SourceText(path: path, string: before)
  let plan = try SettingsBlockEditor.plan(source: source, block: phaseOneBlock, unconditional: unconditional)
  guard case .edits(let edits, let notes) = plan else {
    Issue.record("expected edits, got \(plan)")
    return (before, [])
  }
  #expect(edits.count == 1)
  let bytes = try edits.applied(to: source.bytes, path: path)
  let after = SourceText(path: path, bytes: bytes)
  try SettingsBlockEditor.verify(
    before: source, after: after, block: phaseOneBlock, unconditional: unconditional)
  let again = try SettingsBlockEditor.plan(source: after, block: phaseOneBlock, unconditional: unconditional)
  guard case .satisfied = again else {
    Issue.record("planning again must give nothing to do, got \(again)")
    return (after.string, notes)
  }
  #expect(try edits.inverses.applied(to: bytes, path: path) == source.bytes)
  return (String(decoding: bytes, as: UTF8.self), notes)
}

@Suite struct SettingsBlockEditorTests {
  @Test func plainSettings() throws {
    let before = """
      import os

      DEBUG = False
      INSTALLED_APPS = [
          'django.contrib.auth',
      ]

      """
    let expected = """
      import os

      DEBUG = False
      INSTALLED_APPS = [
          'django.contrib.auth',
      ]

      # BEGIN optimize phase-1
      import sys

      if 'test' in sys.argv or 'pytest' in sys.modules:
          # Use faster password hasher for tests (10-100x speedup)
          PASSWORD_HASHERS = [
              'django.contrib.auth.hashers.MD5PasswordHasher',
          ]
      # END optimize phase-1

      """
    let result = try applyBlock(before)
    #expect(result.after == expected)
    #expect(result.notes.isEmpty)
  }

  @Test func futureImportAndSysAlreadyImported() throws {
    let before = """
      from __future__ import annotations

      import os, sys

      SECRET_KEY = 'x'

      """
    let expected = """
      from __future__ import annotations

      import os, sys

      SECRET_KEY = 'x'

      # BEGIN optimize phase-1
      if 'test' in sys.argv or 'pytest' in sys.modules:
          # Use faster password hasher for tests (10-100x speedup)
          PASSWORD_HASHERS = [
              'django.contrib.auth.hashers.MD5PasswordHasher',
          ]
      # END optimize phase-1

      """
    #expect(try applyBlock(before).after == expected)
    let module = try PythonModule(source: SourceText(path: "s.py", string: before))
    #expect(module.futureImports.count == 1)
  }

  @Test(arguments: [
    "import sys as s\n", "from sys import argv\n", "if True:\n    import sys\n", "def f():\n    import sys\n",
    "try:\n    import sys\nexcept ImportError:\n    pass\n", "import sysconfig\n", "# import sys\n",
  ])
  func sysNotBoundAtModuleLevelGetsImported(before: String) throws {
    let after = try applyBlock(before).after
    #expect(
      after == before + "\n# BEGIN optimize phase-1\nimport sys\n\nif " + phaseOneBlock.guardExpression
        + ":\n"
        + "    # Use faster password hasher for tests (10-100x speedup)\n    PASSWORD_HASHERS = [\n"
        + "        'django.contrib.auth.hashers.MD5PasswordHasher',\n    ]\n# END optimize phase-1\n")
  }

  @Test func noFinalNewline() throws {
    let before = "import sys\nDEBUG = True"
    let expected = """
      import sys
      DEBUG = True

      # BEGIN optimize phase-1
      if 'test' in sys.argv or 'pytest' in sys.modules:
          # Use faster password hasher for tests (10-100x speedup)
          PASSWORD_HASHERS = [
              'django.contrib.auth.hashers.MD5PasswordHasher',
          ]
      # END optimize phase-1
      """
    #expect(try applyBlock(before).after == expected)
  }

  @Test func endsWithBlankLineGetsNoSecondBlankLine() throws {
    let before = "import sys\nDEBUG = True\n\n"
    let after = try applyBlock(before).after
    #expect(after.hasPrefix(before + "# BEGIN optimize phase-1\nif 'test'"))
    #expect(try applyBlock("import sys\nDEBUG = True\n").after == after)
  }

  @Test func crlfTabsAndDoubleQuotes() throws {
    let before = "import sys\r\n\r\nif DEBUG:\r\n\tX = \"a\"\r\n\tY = \"b\"\r\n"
    let expected =
      before + "\r\n# BEGIN optimize phase-1\r\nif \"test\" in sys.argv or \"pytest\" in sys.modules:\r\n"
      + "\t# Use faster password hasher for tests (10-100x speedup)\r\n\tPASSWORD_HASHERS = [\r\n"
      + "\t\t\"django.contrib.auth.hashers.MD5PasswordHasher\",\r\n\t]\r\n# END optimize phase-1\r\n"
    #expect(try applyBlock(before).after == expected)
  }

  @Test func twoSpaceIndentAndDoubleQuotes() throws {
    let before = """
      # -*- coding: utf-8 -*-
      import sys

      DATABASES = {
        "default": {
          "ENGINE": "django.db.backends.postgresql",
        },
      }

      """
    let expected = """
      # -*- coding: utf-8 -*-
      import sys

      DATABASES = {
        "default": {
          "ENGINE": "django.db.backends.postgresql",
        },
      }

      # BEGIN optimize phase-1
      if "test" in sys.argv or "pytest" in sys.modules:
        # Use faster password hasher for tests (10-100x speedup)
        PASSWORD_HASHERS = [
          "django.contrib.auth.hashers.MD5PasswordHasher",
        ]
      # END optimize phase-1

      """
    #expect(try applyBlock(before).after == expected)
  }

  @Test func localSettingsImportStaysBeforeTheBlock() throws {
    let before = """
      from .base import *

      try:
          from .local_settings import *
      except ImportError:
          pass
      """
    let expected = """
      from .base import *

      try:
          from .local_settings import *
      except ImportError:
          pass

      # BEGIN optimize phase-1
      import sys

      if 'test' in sys.argv or 'pytest' in sys.modules:
          # Use faster password hasher for tests (10-100x speedup)
          PASSWORD_HASHERS = [
              'django.contrib.auth.hashers.MD5PasswordHasher',
          ]
      # END optimize phase-1
      """
    #expect(try applyBlock(before).after == expected)
  }

  @Test func unconditionalForTestOnlyModule() throws {
    let before = "from .base import *  # noqa\n\nDEBUG = False\n"
    let expected = """
      from .base import *  # noqa

      DEBUG = False

      # BEGIN optimize phase-1
      # Use faster password hasher for tests (10-100x speedup)
      PASSWORD_HASHERS = [
          'django.contrib.auth.hashers.MD5PasswordHasher',
      ]
      # END optimize phase-1

      """
    #expect(try applyBlock(before, unconditional: true, path: "app/settings/test.py").after == expected)
  }

  @Test func emptyFile() throws {
    let after = try applyBlock("", unconditional: true).after
    #expect(
      after == "# BEGIN optimize phase-1\n# Use faster password hasher for tests (10-100x speedup)\n"
        + "PASSWORD_HASHERS = [\n    'django.contrib.auth.hashers.MD5PasswordHasher',\n]\n# END optimize phase-1\n"
    )
  }

  @Test func nonMD5HasherEarlierGetsANote() throws {
    let before = """
      import sys
      PASSWORD_HASHERS = [
          'django.contrib.auth.hashers.Argon2PasswordHasher',
          'django.contrib.auth.hashers.MD5PasswordHasher',
      ]

      """
    let result = try applyBlock(before)
    #expect(result.after.hasPrefix(before + "\n# BEGIN optimize phase-1\nif 'test' in sys.argv"))
    #expect(
      result.notes == [
        "app/settings.py:2:1: PASSWORD_HASHERS is set here without "
          + "`django.contrib.auth.hashers.MD5PasswordHasher` first; it is overridden for tests only by our block"
      ])
  }
}
