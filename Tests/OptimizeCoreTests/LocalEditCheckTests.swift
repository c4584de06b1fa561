import Testing

@testable import OptimizeCore

/// The check that reads only the entry holding an edit proves exactly what reading the whole
/// edited file proves: whenever it says yes, the whole file passes too and its events are the
/// ones libyaml reads; whenever it cannot tell, it says nothing and the whole file is read.
@Suite struct LocalEditCheckTests {
  /// Checks `edits` of `yaml` both ways and returns the local check's answer.
  @discardableResult
  func bothWays(_ yaml: String, edits: [Edit], expected: [Int: String]) throws -> EventShift? {
    let bytes = Array(yaml.utf8)
    let document = try YAMLDocument(source: SourceText(path: "local/ci.yml", bytes: bytes))
    let after = try edits.applied(to: bytes, path: "local/ci.yml")
    let text = SourceText(path: "local/ci.yml", bytes: after)
    let local = LocalEditCheck(before: document, after: text, expected: expected, edits: edits).proven()
    if let local {
      #expect(local.local && local.holds)
      #expect(
        throws: Never.self,
        "the whole file must pass what the entry proved: \(String(decoding: after, as: UTF8.self))"
      ) {
        try YAMLEditVerifier.verify(
          before: document, after: text, expected: expected, edits: edits, local: false, chunk: 64)
      }
      try YAMLEditHarness.expectShiftedEqualsParsed(document, after: after, shift: local, expected: expected)
    }
    return local
  }

  /// The edits the scalar editor makes to put `spots` into the scalar holding `needle`.
  func editorEdits(_ yaml: String, _ needle: String, _ spots: [Spot]) throws -> (
    edits: [Edit], expected: [Int: String]
  ) {
    let document = try YAMLDocument(source: SourceText(path: "local/ci.yml", string: yaml))
    let scalar = try #require(YAMLEditHarness.findScalar(containing: needle, in: document))
    let insertions = try spots.map { try YAMLEditHarness.insertion($0, into: scalar.value) }
    let edits = try ScalarEditor.edits(
      for: scalar, in: document, insertions: insertions,
      keyColumn: YAMLEditHarness.keyColumnOf(scalar, in: document))
    var value = Array(scalar.value.utf8)
    for insertion in insertions.reversed() {
      value.insert(contentsOf: insertion.text.utf8, at: insertion.offset)
    }
    return (edits, [scalar.start: String(decoding: value, as: UTF8.self)])
  }

  static let workflow = """
    # CI — three jobs; the tests are in the middle one.
    on: [push]
    env:
      A: "1"
    jobs:
      lint:
        runs-on: ubuntu-latest
        steps:
          - run: ruff check .
      test:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - name: Tests
            run: |
              pip install -r requirements.txt
              coverage run manage.py test -v 2

          - run: coverage report
      docs:
        steps:
          - run: "make html"

    """

  @Test func aFlagInTheMiddleJobIsProvenFromThatJob() throws {
    let (edits, expected) = try editorEdits(Self.workflow, "coverage run", YAMLEditHarness.phaseOne)
    #expect(try bothWays(Self.workflow, edits: edits, expected: expected) != nil)
  }

  @Test func theLastJobReachesTheEndOfTheFileThroughItsComments() throws {
    let yaml =
      Self.workflow.replacingOccurrences(of: "\"make html\"", with: "python manage.py test")
      + "# trailing comment\n\n"
    let (edits, expected) = try editorEdits(yaml, "python manage.py", Self.flagAndLine)
    #expect(try bothWays(yaml, edits: edits, expected: expected) != nil)
  }

  static let flagAndLine: [Spot] = [.after("manage.py test", " --parallel"), .end("\ncoverage combine")]

  @Test func aPlainScalarTurnedIntoALiteralBlockIsProvenFromAnEntryAroundIt() throws {
    let yaml = Self.workflow.replacingOccurrences(of: "ruff check .", with: "python manage.py test")
    let (edits, expected) = try editorEdits(yaml, "python manage.py", Self.flagAndLine)
    #expect(edits.contains { $0.new.contains("|") })
    #expect(try bothWays(yaml, edits: edits, expected: expected) != nil)
  }

  @Test func crlfLinesAndWideCharacters() throws {
    let yaml = Self.workflow.replacingOccurrences(of: "\n", with: "\r\n")
    let (edits, expected) = try editorEdits(yaml, "coverage run", YAMLEditHarness.phaseOneFlags)
    #expect(try bothWays(yaml, edits: edits, expected: expected) != nil)
  }

  @Test func aTagHandleDeclaredBeforeTheEntryLeavesItToTheWholeFile() throws {
    let yaml =
      "%TAG !e! tag:example.com,2000:\n---\n"
      + Self.workflow.replacingOccurrences(
        of: "run: |\n", with: "run: !e!script |\n")
    let (edits, expected) = try editorEdits(yaml, "coverage run", YAMLEditHarness.phaseOneFlags)
    #expect(try bothWays(yaml, edits: edits, expected: expected) == nil)
  }

  /// `!!str` means another tag once `%TAG !!` is redefined: the entry read alone would not see
  /// it, and its events would not be the whole file's.
  @Test func aRedefinedTagHandleLeavesItToTheWholeFile() throws {
    let yaml =
      "%TAG !! tag:example.com,2000:\n---\n"
      + Self.workflow.replacingOccurrences(
        of: "ubuntu-latest\n    steps:\n      - uses", with: "!!str ubuntu-latest\n    steps:\n      - uses")
    #expect(yaml.contains("!!str"))
    let (edits, expected) = try editorEdits(yaml, "coverage run", YAMLEditHarness.phaseOneFlags)
    #expect(try bothWays(yaml, edits: edits, expected: expected) == nil)
  }

  @Test func flowStyleLeavesItToTheWholeFile() throws {
    let yaml = "jobs: {t: {steps: [{run: \"python manage.py test\"}]}}\n"
    let (edits, expected) = try editorEdits(yaml, "manage.py", [.after("manage.py test", " --parallel")])
    #expect(try bothWays(yaml, edits: edits, expected: expected) == nil)
  }

  @Test func anEditThatClosesTheJobEarlyIsNotProven() throws {
    let yaml = Self.workflow
    let offset = Array(yaml.utf8).firstRange(of: Array("coverage run".utf8))!.lowerBound
    let document = try YAMLDocument(source: SourceText(path: "local/ci.yml", string: yaml))
    let scalar = try #require(YAMLEditHarness.findScalar(containing: "coverage run", in: document))
    // Text at the jobs' indentation ends the block scalar and the job: a new job appears.
    let edit = Edit.insert("x\n  new:\n    steps: []\n      ", at: offset)
    let expected = [scalar.start: scalar.value.replacingOccurrences(of: "coverage", with: "xcoverage")]
    #expect(try bothWays(yaml, edits: [edit], expected: expected) == nil)
  }

  /// `plan` relies on the entry's proof; `apply` reads the whole edited file again. Shown with a
  /// proof recorded for bytes that reading the whole file refutes.
  @Test func applyReadsTheWholeEditedFileAgain() throws {
    let before = SourceText(path: "local/apply.yml", string: Self.workflow)
    let offset = before.bytes.firstRange(of: Array("coverage run".utf8))!.lowerBound
    let edit = Edit.insert("x\n  new:\n    steps: []\n", at: offset)
    let after = SourceText(
      path: "local/apply.yml", bytes: try [edit].applied(to: before.bytes, path: "apply.yml"))
    let scalar = try #require(
      YAMLEditHarness.findScalar(containing: "coverage run", in: try YAMLDocument(source: before)))
    let expected = [scalar.start: "x" + scalar.value]
    var forged = EventShift(edits: [edit])
    forged.local = true
    VerifiedEdits.remember(before: before, edits: [edit], expected: expected, shift: forged)
    #expect(throws: FormatError.self) {
      try Verifier.checkYAML(before: before, after: after, expected: expected, wholeFile: true)
    }
    _ = try YAMLDocument(source: before)
    VerifiedEdits.remember(before: before, edits: [edit], expected: expected, shift: forged)
    try Verifier.checkYAML(before: before, after: after, expected: expected, wholeFile: false)
  }

  /// Every insertion of a troublesome text at every byte of the test job, checked both ways.
  @Test func everyInsertionIntoTheTestJobAgreesWithTheWholeFile() throws {
    let yaml = Self.workflow
    let bytes = Array(yaml.utf8)
    let document = try YAMLDocument(source: SourceText(path: "local/ci.yml", bytes: bytes))
    let job =
      bytes.firstRange(of: Array("  test:".utf8))!
      .lowerBound..<bytes.firstRange(of: Array("  docs:".utf8))!
      .upperBound
    let snippets = [
      "x", " ", "\n", "\n\n", ": ", " #c", "\t", "'", "\"", "- ", "|", "&a ", "*a", "{", "]", "\n---\n",
      "\n  x: 1\n", "\n      y", "\n              z", "\r\n", "é",
    ]
    var proven = 0
    var declined = 0
    for offset in job {
      guard
        let index = document.events.indices.first(where: {
          let record = document.events.records[$0]
          return record.type == .scalar && Int(record.start) <= offset && offset < Int(record.end)
        })
      else { continue }
      for snippet in snippets {
        let edit = Edit.insert(snippet, at: offset)
        let after = try [edit].applied(to: bytes, path: "local/ci.yml")
        let reread = try? YAMLParser().events(of: SourceText(path: "local/ci.yml", bytes: after))
        var value = document.events.value(at: index) + "?"
        if let reread, reread.count == document.events.count,
          case .scalar(_, _, let read, _) = reread[index].kind
        {
          value = read
        }
        let start = Int(document.events.records[index].start)
        if try bothWays(yaml, edits: [edit], expected: [start: value]) != nil {
          proven += 1
        } else {
          declined += 1
        }
      }
    }
    print("local check: \(proven) proven, \(declined) declined")
    #expect(proven > 1000)
    #expect(declined > 100)
  }
}
