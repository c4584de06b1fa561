import Testing

@testable import OptimizeCore

func planBlock(_ text: String, unconditional: Bool = false) throws -> SettingsPlan {
  try SettingsBlockEditor.plan(
    source: SourceText(path: "settings.py", string: text), block: phaseOneBlock, unconditional: unconditional)
}

func location(_ line: Int, _ column: Int = 1) -> OptimizeCore.SourceLocation {
  OptimizeCore.SourceLocation(path: "settings.py", line: line, column: column)
}

let md5 = "'django.contrib.auth.hashers.MD5PasswordHasher'"

@Suite struct SettingsBlockSatisfiedTests {
  @Test func md5FirstInListOrTuple() throws {
    let reason = "PASSWORD_HASHERS already starts with `django.contrib.auth.hashers.MD5PasswordHasher`"
    #expect(
      try planBlock("X = 1\nPASSWORD_HASHERS = [\n    \(md5),\n    'other',\n]\n")
        == .satisfied(reason: reason, location: location(2)))
    #expect(
      try planBlock("PASSWORD_HASHERS = (\(md5),)\n") == .satisfied(reason: reason, location: location(1)))
    #expect(
      try planBlock("PASSWORD_HASHERS: list[str] = [\(md5)] + BASE_HASHERS\n")
        == .satisfied(reason: reason, location: location(1)))
  }

  @Test(arguments: [
    "TESTING", "'test' in sys.argv", "IS_TESTS", "settings.TESTING", "'pytest' in sys.modules or TESTING",
  ])
  func md5UnderTestCondition(condition: String) throws {
    let text = "import sys\n\nif \(condition):\n    DEBUG = False\n    PASSWORD_HASHERS = [\(md5)]\n"
    let reason =
      "PASSWORD_HASHERS already starts with `django.contrib.auth.hashers.MD5PasswordHasher` under `if \(condition):`"
    #expect(try planBlock(text) == .satisfied(reason: reason, location: location(5, 5)))
  }

  @Test func md5UnderTestConditionWithElseBranch() throws {
    let text = "if TESTING:\n    PASSWORD_HASHERS = [\(md5)]\nelse:\n    PASSWORD_HASHERS = ['argon2']\n"
    guard case .satisfied(_, let place) = try planBlock(text) else {
      Issue.record("the else branch does not override the test branch")
      return
    }
    #expect(place == location(2, 5))
  }

  @Test(arguments: [
    "if not TESTING:\n    PASSWORD_HASHERS = [\(md5)]\n",
    "if 'test' not in sys.argv:\n    PASSWORD_HASHERS = [\(md5)]\n",
    "if DEBUG:\n    PASSWORD_HASHERS = [\(md5)]\n",
    "if TESTING and FAST:\n    PASSWORD_HASHERS = [\(md5)]\n",
    "PASSWORD_HASHERS = ['argon2', \(md5)]\n",
    "PASSWORD_HASHERS = (\(md5))\n",
    "PASSWORD_HASHERS = [\(md5)][1:]\n",
    "def f():\n    PASSWORD_HASHERS = [\(md5)]\n",
    "PASSWORD_HASHERS = [\(md5)]\nPASSWORD_HASHERS = ['argon2']\n",
    "PASSWORD_HASHERS = [\(md5)]\nPASSWORD_HASHERS.insert(0, 'argon2')\n",
    "PASSWORD_HASHERS = [\(md5)]\nif not DEBUG:\n    PASSWORD_HASHERS = ['argon2']\n",
    "PASSWORD_HASHERS = [\(md5)]\nfrom .local import *\n",
    "if TESTING:\n    if X:\n        PASSWORD_HASHERS = [\(md5)]\n",
  ])
  func notSatisfied(text: String) throws {
    guard case .edits(let edits, _) = try planBlock(text) else {
      Issue.record("expected edits for \(text)")
      return
    }
    #expect(edits.first?.offset == text.utf8.count)
  }

  @Test func laterExtensionKeepsMD5First() throws {
    let text = "PASSWORD_HASHERS = [\(md5)]\nPASSWORD_HASHERS += ['argon2']\nPASSWORD_HASHERS.append('x')\n"
    guard case .satisfied = try planBlock(text) else {
      Issue.record("appending keeps MD5 first")
      return
    }
  }

  @Test func starImportAfterMD5GetsANote() throws {
    let text = "PASSWORD_HASHERS = [\(md5)]\ntry:\n    from .local import *\nexcept ImportError:\n    pass\n"
    guard case .edits(_, let notes) = try planBlock(text) else {
      Issue.record("a later star import may replace the value")
      return
    }
    #expect(
      notes == [
        "settings.py:3:5: `from .local import *` may replace the value set at line 1; our block sets it last"
      ])
  }

  @Test func alreadyAppliedIsSatisfiedAndIdempotent() throws {
    let once = try applyBlock("import os\nDEBUG = True\n").after
    let plan = try planBlock(once)
    #expect(
      plan
        == .satisfied(
          reason: "the file already contains the `# BEGIN optimize phase-1` block", location: location(4)))
    let unconditional = try applyBlock("DEBUG = True", unconditional: true).after
    #expect(
      try planBlock(unconditional, unconditional: true)
        == .satisfied(
          reason: "the file already contains the `# BEGIN optimize phase-1` block", location: location(3)))
  }

  @Test func damagedBlockIsRefused() throws {
    let text = "DEBUG = True\n# BEGIN optimize phase-1\nPASSWORD_HASHERS = [\(md5)]\n"
    #expect {
      try planBlock(text)
    } throws: { error in
      "\(error)" == """
        settings.py:2:1: expected a `# END optimize phase-1` line after this one, found the end of the file; \
        restore the block's END line or remove its BEGIN line, then run optimize again
            # BEGIN optimize phase-1
            ^
        """
    }
  }
}
