import Testing

@testable import OptimizeCore

@Suite struct YAMLEditVerifierTests {
  static let workflow = """
    jobs:
      test:
        runs-on: ubuntu-latest
        steps:
          - name: Test
            run: |
              coverage run manage.py test
              coverage report

    """

  private func verify(_ after: String, expected: [String: String] = [:]) throws {
    let before = try YAMLDocument(source: SourceText(path: "ci.yml", string: Self.workflow))
    var keyed: [Int: String] = [:]
    for (needle, value) in expected {
      let scalar = try #require(YAMLEditHarness.findScalar(containing: needle, in: before))
      keyed[scalar.start] = value
    }
    let afterText = SourceText(path: "ci.yml", string: after)
    // Streaming the edited text or the original, in chunks of any size, must find the same.
    var outcomes: [String] = []
    for chunk in [4096, 1, 3] {
      outcomes.append(
        outcome {
          try YAMLEditVerifier.verify(before: before, after: afterText, expected: keyed, chunk: chunk)
        })
      outcomes.append(
        outcome {
          try YAMLEditVerifier.verify(
            streaming: before.source, after: YAMLDocument(source: afterText), expected: keyed, chunk: chunk)
        })
    }
    #expect(Set(outcomes).count == 1, "the ways of comparing disagree: \(outcomes)")
    try YAMLEditVerifier.verify(before: before, after: afterText, expected: keyed)
  }

  private func outcome(_ body: () throws -> Void) -> String {
    do {
      try body()
      return "passed"
    } catch {
      return "\(error)"
    }
  }

  private func replacing(_ old: String, _ new: String) -> String {
    let parts = Self.workflow.split(separator: old, maxSplits: 1, omittingEmptySubsequences: false)
    #expect(parts.count == 2, "the fixture must contain \(old.debugDescription)")
    return parts.count == 2 ? String(parts[0]) + new + String(parts[1]) : Self.workflow
  }

  @Test func sameTextPasses() throws {
    try verify(Self.workflow)
  }

  @Test func intendedEditPassesEvenWithANewStyle() throws {
    let after = replacing(
      "run: |\n          coverage run manage.py test\n          coverage report\n",
      "run: \"coverage run --keepdb manage.py test\\ncoverage report\\n\"\n")
    try verify(after, expected: ["manage.py": "coverage run --keepdb manage.py test\ncoverage report\n"])
  }

  @Test func changedOtherKeyIsCaught() throws {
    let after = replacing("ubuntu-latest", "ubuntu-22.04")
    let error = try #require(throws: FormatError.self) { try verify(after) }
    #expect(error.location == SourceLocation(path: "ci.yml", line: 3, column: 14))
    #expect(error.found.contains("ubuntu-22.04"))
    #expect(error.expected.contains("ubuntu-latest"))
  }

  @Test func changedIndentationIsCaught() throws {
    let after = replacing("          coverage report", "            coverage report")
    let error = try #require(throws: FormatError.self) {
      try verify(after, expected: ["manage.py": "coverage run manage.py test\ncoverage report\n"])
    }
    #expect(error.location.line == 6)
    #expect(error.found.contains("  coverage report"))
  }

  @Test func wrongNewValueIsCaught() throws {
    let after = replacing("manage.py test", "manage.py test --keepdb")
    #expect(throws: FormatError.self) {
      try verify(after, expected: ["manage.py": "coverage run manage.py test --parallel\ncoverage report\n"])
    }
    try verify(after, expected: ["manage.py": "coverage run manage.py test --keepdb\ncoverage report\n"])
  }

  @Test func unlistedScalarMayNotChangeStyle() throws {
    let after = replacing("- name: Test", "- name: \"Test\"")
    let error = try #require(throws: FormatError.self) { try verify(after) }
    #expect(error.found.contains("doubleQuoted"))
  }

  @Test func addedKeyIsCaught() throws {
    let after = replacing("    steps:", "    timeout-minutes: 5\n    steps:")
    let error = try #require(throws: FormatError.self) { try verify(after) }
    #expect(error.location.line == 4)
    #expect(error.found.contains("timeout-minutes"))
  }

  @Test func shorterStreamIsCaught() throws {
    let after = "jobs:\n  test:\n    runs-on: ubuntu-latest\n"
    let error = try #require(throws: FormatError.self) { try verify(after) }
    #expect(error.found.contains("the end of a mapping"))
    #expect(error.expected.contains("the plain scalar \"steps\""))
  }

  @Test func extraDocumentIsCaught() throws {
    let error = try #require(throws: FormatError.self) { try verify(Self.workflow + "---\nextra: 1\n") }
    #expect(error.expected.contains("the stream end"))
    #expect(error.found.contains("a `---`"))
  }

  @Test func brokenYAMLIsCaught() throws {
    let after = replacing("  - name: Test", "  - name: Test\n    bad")
    #expect(throws: FormatError.self) { try verify(after) }
  }

  static let anchored = """
    defaults: &base {shell: bash}
    env: !!map
      NAME: !!str value
    jobs:
      a: *base
      b: [one, 'two']

    """

  @Test(arguments: [
    ("&base", "&other", "anchored &base"),
    ("*base", "*other", "the alias *base"),
    ("!!str value", "!!int value", "tagged tag:yaml.org,2002:str"),
    ("!!map", "", "tagged tag:yaml.org,2002:map"),
    ("[one, 'two']", "[one, two]", "singleQuoted"),
    ("{shell: bash}", "\n    shell: bash", "a flow mapping"),
  ])
  func changedPropertiesAreCaught(old: String, new: String, expected: String) throws {
    let before = try YAMLDocument(source: SourceText(path: "a.yml", string: Self.anchored))
    try YAMLEditVerifier.verify(
      before: before, after: SourceText(path: "a.yml", string: Self.anchored), expected: [:])
    let after = Self.anchored.replacingOccurrences(of: old, with: new)
    let error = try #require(throws: FormatError.self) {
      try YAMLEditVerifier.verify(
        before: before, after: SourceText(path: "a.yml", string: after), expected: [:])
    }
    #expect(error.expected.contains(expected))
  }
}
