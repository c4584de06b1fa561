import Testing

@testable import OptimizeCore

/// Where to insert, named by the value text just before the spot.
enum Spot {
  /// After the first occurrence of the text in the value.
  case after(String, String)
  /// At value offset 0.
  case start(String)
  /// At the end of the value.
  case end(String)
}

/// Applies value insertions to the scalar whose value contains a needle, checks the result
/// with the verifier, and returns the whole edited file.
enum YAMLEditHarness {
  static func edit(
    _ yaml: String, scalarContaining needle: String, _ spots: [Spot], keyColumn: Int? = nil
  ) throws -> String {
    let bytes = try edit(bytes: Array(yaml.utf8), scalarContaining: needle, spots, keyColumn: keyColumn)
    return String(decoding: bytes, as: UTF8.self)
  }

  static func edit(
    bytes: [UInt8], scalarContaining needle: String, _ spots: [Spot], keyColumn: Int? = nil
  ) throws -> [UInt8] {
    let document = try YAMLDocument(source: SourceText(path: "ci.yml", bytes: bytes))
    let scalar = try #require(findScalar(containing: needle, in: document))
    let insertions = try spots.map { try insertion($0, into: scalar.value) }
    let column = keyColumn ?? keyColumnOf(scalar, in: document)
    let edits = try ScalarEditor.edits(
      for: scalar, in: document, insertions: insertions, keyColumn: column)
    let after = try edits.applied(to: bytes, path: "ci.yml")
    var expected = Array(scalar.value.utf8)
    for insertion in insertions.enumerated().sorted(by: {
      ($0.element.offset, $0.offset) > ($1.element.offset, $1.offset)
    }) {
      expected.insert(contentsOf: insertion.element.text.utf8, at: insertion.element.offset)
    }
    let values = [scalar.start: String(decoding: expected, as: UTF8.self)]
    let shift = try YAMLEditVerifier.verify(
      before: document, after: SourceText(path: "ci.yml", bytes: after), expected: values, edits: edits,
      chunk: 4096)
    if let shift { try expectShiftedEqualsParsed(document, after: after, shift: shift, expected: values) }
    let back = try edits.inverses.applied(to: after, path: "ci.yml")
    #expect(back == bytes, "the inverse edits must give back the original bytes")
    return after
  }

  /// The events made from the original's by `shift` are, event for event and byte for byte,
  /// the events libyaml reads from `after`.
  static func expectShiftedEqualsParsed(
    _ document: YAMLDocument, after: [UInt8], shift: EventShift, expected: [Int: String]
  ) throws {
    let shifted = document.events.shifted(by: shift, expected: expected)
    let parsed = try YAMLParser().events(of: SourceText(path: "ci.yml", bytes: after))
    #expect(shifted.count == parsed.count)
    for index in 0..<min(shifted.count, parsed.count) {
      let (made, read) = (shifted.records[index], parsed.records[index])
      #expect(shifted[index] == parsed[index], "event \(index)")
      #expect(made.type == read.type && made.flag == read.flag && made.hasProperties == read.hasProperties)
      if made.type == .scalar {
        #expect(shifted.withValueBytes(at: index, Array.init) == parsed.withValueBytes(at: index, Array.init))
      }
    }
  }

  static func findScalar(containing needle: String, in document: YAMLDocument) -> YAMLScalar? {
    for event in document.events {
      if case .scalar(let anchor, let tag, let value, let style) = event.kind, value.contains(needle) {
        return YAMLScalar(
          value: value, style: style, anchor: anchor, tag: tag, start: event.start, end: event.end)
      }
    }
    return nil
  }

  /// The column of the key just before the scalar, as a caller would find it.
  static func keyColumnOf(_ scalar: YAMLScalar, in document: YAMLDocument) -> Int? {
    guard
      let index = document.events.firstIndex(where: { $0.start == scalar.start && $0.scalarValue != nil }),
      index > 0
    else { return nil }
    return document.source.location(ofByte: document.events[index - 1].start).column - 1
  }

  static func insertion(_ spot: Spot, into value: String) throws -> ValueInsertion {
    let bytes = Array(value.utf8)
    switch spot {
    case .start(let text): return ValueInsertion(offset: 0, text: text)
    case .end(let text): return ValueInsertion(offset: bytes.count, text: text)
    case .after(let marker, let text):
      let needle = Array(marker.utf8)
      let found = try #require(
        (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) })
      return ValueInsertion(offset: found + needle.count, text: text)
    }
  }

  /// The Phase 1 change of `coverage run manage.py test`, with `coverage combine` on a new line.
  static let phaseOne: [Spot] = [
    .after("coverage run", " --parallel-mode"),
    .after("manage.py test", " --parallel=auto --keepdb"),
    .after("manage.py test", "\ncoverage combine"),
  ]

  /// The Phase 1 change without the new line.
  static let phaseOneFlags: [Spot] = Array(phaseOne.prefix(2))
}

@Suite struct YAMLScalarEditorPlainTests {
  @Test func plainOneLineBecomesLiteralBlockWhenALineIsAdded() throws {
    let before = """
      name: CI
      on: [push]
      jobs:
        test:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
            - name: Test
              run: coverage run manage.py test
            - run: coverage report

      """
    let after = """
      name: CI
      on: [push]
      jobs:
        test:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
            - name: Test
              run: |-
                coverage run --parallel-mode manage.py test --parallel=auto --keepdb
                coverage combine
            - run: coverage report

      """
    #expect(
      try YAMLEditHarness.edit(before, scalarContaining: "manage.py", YAMLEditHarness.phaseOne) == after)
  }

  @Test func plainFlagsStayInPlaceAndKeepTrailingComment() throws {
    let before = "steps:\n  - run: coverage run manage.py test  # the suite\n"
    let after =
      "steps:\n  - run: coverage run --parallel-mode manage.py test --parallel=auto --keepdb  # the suite\n"
    #expect(
      try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOneFlags) == after)
  }

  @Test func trailingCommentMovesBehindTheIndicator() throws {
    let before = "steps:\n  - run: coverage run manage.py test  # the suite\n    env: {}\n"
    let after =
      "steps:\n  - run: |-  # the suite\n      coverage run --parallel-mode manage.py test --parallel=auto --keepdb\n"
      + "      coverage combine\n    env: {}\n"
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOne) == after)
  }

  @Test func trailingWhitespaceSurvives() throws {
    let before = "steps:\n  - run: coverage run manage.py test   \n    name: t \n"
    let inPlace =
      "steps:\n  - run: coverage run --parallel-mode manage.py test --parallel=auto --keepdb   \n    name: t \n"
    #expect(
      try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOneFlags) == inPlace)
    let literal =
      "steps:\n  - run: |-   \n      coverage run --parallel-mode manage.py test --parallel=auto --keepdb\n"
      + "      coverage combine\n    name: t \n"
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOne) == literal)
  }

  @Test func plainFoldedOverTwoLinesEditsBothLines() throws {
    let before = "steps:\n  - run: coverage run\n      manage.py test\n    name: t\n"
    let after =
      "steps:\n  - run: coverage run --parallel-mode\n      manage.py test --parallel=auto --keepdb\n    name: t\n"
    #expect(
      try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOneFlags) == after)
  }

  @Test func plainOverTwoLinesBecomesLiteralWhenALineIsAdded() throws {
    let before = "steps:\n  - run: coverage run\n      manage.py test # go\n    name: t\n"
    let after =
      "steps:\n  - run: |- # go\n      coverage run --parallel-mode manage.py test --parallel=auto --keepdb\n"
      + "      coverage combine\n    name: t\n"
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOne) == after)
  }

  @Test func sequenceItemWithoutKeyIndentsUnderTheDash() throws {
    let before = "commands:\n  - coverage run manage.py test\n  - coverage report\n"
    let after =
      "commands:\n  - |-\n    coverage run --parallel-mode manage.py test --parallel=auto --keepdb\n"
      + "    coverage combine\n  - coverage report\n"
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOne) == after)
  }

  @Test func unsafePlainTextIsQuoted() throws {
    let before = "steps:\n  - run: coverage run manage.py test\n"
    let after = "steps:\n  - run: 'coverage run manage.py test --tag x: y'\n"
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", [.end(" --tag x: y")]) == after)
  }

  @Test func anchoredScalarKeepsItsAnchor() throws {
    let before = "a:\n  run: &test coverage run manage.py test\nb:\n  run: *test\n"
    let inPlace = "a:\n  run: &test time coverage run --parallel-mode manage.py test\nb:\n  run: *test\n"
    let spots: [Spot] = [.start("time "), .after("coverage run", " --parallel-mode")]
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", spots) == inPlace)
    let literal =
      "a:\n  run: &test |-\n    coverage run --parallel-mode manage.py test --parallel=auto --keepdb\n"
      + "    coverage combine\nb:\n  run: *test\n"
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOne) == literal)
  }

  @Test func nonASCIIBeforeTheEditCountsBytes() throws {
    let before = """
      # 日本語のコメント
      name: Tést
      jobs:
        t:
          steps:
            - run: echo é日本 && coverage run manage.py test

      """
    let after = """
      # 日本語のコメント
      name: Tést
      jobs:
        t:
          steps:
            - run: |-
                echo é日本 && coverage run --parallel-mode manage.py test --parallel=auto --keepdb
                coverage combine

      """
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOne) == after)
  }

  @Test func fourSpaceIndentationAndLeadingDocumentMarker() throws {
    let before = """
      ---
      jobs:
          test:
              steps:
                  - name: Test
                    run: coverage run manage.py test

      """
    let after = """
      ---
      jobs:
          test:
              steps:
                  - name: Test
                    run: |-
                        coverage run --parallel-mode manage.py test --parallel=auto --keepdb
                        coverage combine

      """
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOne) == after)
  }

  @Test func stepsNotIndentedUnderSteps() throws {
    let before = """
      jobs:
        test:
          steps:
          - name: Test
            run: coverage run manage.py test
          - run: coverage report

      """
    let after = """
      jobs:
        test:
          steps:
          - name: Test
            run: |-
              coverage run --parallel-mode manage.py test --parallel=auto --keepdb
              coverage combine
          - run: coverage report

      """
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOne) == after)
  }

  @Test func noFinalNewline() throws {
    let before = "steps:\n  - run: coverage run manage.py test"
    let after =
      "steps:\n  - run: |-\n      coverage run --parallel-mode manage.py test --parallel=auto --keepdb\n"
      + "      coverage combine"
    #expect(try YAMLEditHarness.edit(before, scalarContaining: "manage", YAMLEditHarness.phaseOne) == after)
  }

  @Test func crlfAndBOM() throws {
    let text = "on: push\r\njobs:\r\n  t:\r\n    steps:\r\n      - run: coverage run manage.py test\r\n"
    let before = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    let expected =
      "on: push\r\njobs:\r\n  t:\r\n    steps:\r\n      - run: |-\r\n"
      + "          coverage run --parallel-mode manage.py test --parallel=auto --keepdb\r\n"
      + "          coverage combine\r\n"
    let after = try YAMLEditHarness.edit(bytes: before, scalarContaining: "manage", YAMLEditHarness.phaseOne)
    #expect(after == [0xEF, 0xBB, 0xBF] + Array(expected.utf8))
  }
}
