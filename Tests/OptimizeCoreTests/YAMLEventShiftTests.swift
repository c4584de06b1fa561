import Testing

@testable import OptimizeCore

/// The edited file's events are made from the original's only when the scalar editor's check
/// found every event where the edits put it, and then they are exactly what libyaml reads.
@Suite struct YAMLEventShiftTests {
  /// Edits the scalar holding `needle` and returns the check's shift, after the harness compared
  /// the events it makes with a fresh parse of the edited bytes.
  func shift(_ yaml: String, _ needle: String, _ spots: [Spot]) throws -> EventShift? {
    let bytes = Array(yaml.utf8)
    let document = try YAMLDocument(source: SourceText(path: "ci.yml", bytes: bytes))
    let scalar = try #require(YAMLEditHarness.findScalar(containing: needle, in: document))
    let insertions = try spots.map { try YAMLEditHarness.insertion($0, into: scalar.value) }
    let edits = try ScalarEditor.edits(
      for: scalar, in: document, insertions: insertions,
      keyColumn: YAMLEditHarness.keyColumnOf(scalar, in: document))
    let after = try edits.applied(to: bytes, path: "ci.yml")
    var value = Array(scalar.value.utf8)
    for insertion in insertions.reversed() {
      value.insert(contentsOf: insertion.text.utf8, at: insertion.offset)
    }
    let expected = [scalar.start: String(decoding: value, as: UTF8.self)]
    let shift = try YAMLEditVerifier.verify(
      before: document, after: SourceText(path: "ci.yml", bytes: after), expected: expected, edits: edits,
      chunk: 7)
    if let shift {
      try YAMLEditHarness.expectShiftedEqualsParsed(document, after: after, shift: shift, expected: expected)
    }
    return shift
  }

  static let workflow = """
    # CI — the tests
    on: [push]
    jobs:
      test:
        runs-on: ubuntu-latest
        steps:
          - name: Tests
            run: |
              pip install -r requirements.txt
              coverage run manage.py test -v 2
          - run: coverage report
      lint:
        steps:
          - run: "ruff check ."

    """

  @Test func aFlagInALiteralBlockMovesEveryLaterEvent() throws {
    let shift = try #require(
      try shift(Self.workflow, "coverage run", [.after("manage.py test", " --parallel")]))
    #expect(shift.replaced.count == 1)
  }

  @Test func aPlainScalarTurnedIntoALiteralBlock() throws {
    let yaml = "jobs:\n  t:\n    steps:\n      - run: python manage.py test\n      - run: echo done\n"
    #expect(try shift(yaml, "manage.py", [.start("export A=1\n")]) != nil)
  }

  @Test func aQuotedScalarInAFlowMappingAtTheEndOfAFileWithoutNewline() throws {
    let yaml = "jobs: {t: {steps: [{run: \"python manage.py test\"}]}}"
    #expect(try shift(yaml, "manage.py", [.end(" --keepdb")]) != nil)
  }

  @Test func crlfLinesAndWideCharactersBeforeTheEdit() throws {
    let yaml = Self.workflow.replacingOccurrences(of: "\n", with: "\r\n")
    #expect(try shift(yaml, "coverage run", [.after("manage.py test", " --keepdb")]) != nil)
  }

  @Test func theMovedEventsShareTheOriginalsStorageButAreAnotherDocument() throws {
    let original = try YAMLDocument(source: SourceText(path: "shift/ci.yml", string: Self.workflow))
    let moved = original.events.shifted(by: EventShift(edits: [.insert("# x\n", at: 0)]), expected: [:])
    #expect(moved.storage === original.events.storage)
    #expect(moved[1].start == original.events[1].start + 4)
    let root = try #require(YAMLNode(original.events, 2)?.mapping)
    #expect(YAMLNode(moved, 2)?.mapping != root)
    #expect(YAMLNode(original.events, 2)?.mapping == root)
  }

  @Test func anEventThatMovedOtherwiseIsNotShifted() throws {
    let before = "a: b\nc: [d, e]\n"
    let document = try YAMLDocument(source: SourceText(path: "ci.yml", string: before))
    // The kinds stay equal, but `b` now starts one byte later than the edit at offset 0 explains.
    let edit = Edit(offset: 0, old: "a: b", new: "a:  b")
    let after = try [edit].applied(to: Array(before.utf8), path: "ci.yml")
    let shift = try YAMLEditVerifier.verify(
      before: document, after: SourceText(path: "ci.yml", bytes: after), expected: [:], edits: [edit],
      chunk: 4096)
    #expect(shift == nil)
  }

  @Test func offsetsMoveByTheEditsThatEndBeforeThem() {
    let shift = EventShift(edits: [.insert("xy", at: 10), Edit(offset: 20, old: "abc", new: "a")])
    #expect(shift.shifted(5) == 5)
    #expect(shift.shifted(10) == 10)
    #expect(shift.shifted(11) == 13)
    #expect(shift.shifted(22) == 24)
    #expect(shift.shifted(23) == 23)
    #expect(shift.touches(9, 11))
    #expect(!shift.touches(10, 12))
    #expect(shift.touches(22, 30))
    #expect(!shift.touches(23, 30))
  }
}
