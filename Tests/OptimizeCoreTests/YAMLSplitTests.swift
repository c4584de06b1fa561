import Testing

@testable import OptimizeCore

/// A large file read in two parts on two cores gives exactly the events of one reading: the same
/// records, offsets, values, anchors and tags; or it falls back to one reading; and a malformed
/// file fails with the same error.
@Suite struct YAMLSplitTests {
  /// Texts with every shape the split must see through: block scalars that keep trailing lines,
  /// comments at the left margin, anchors and aliases, tags, flow collections over several lines,
  /// multi-line plain and quoted scalars, explicit keys, indentless sequences, several documents,
  /// directives, a top-level key after the jobs, tabs, and no final line break.
  static let texts: [String] = [
    """
    name: CI
    on: [push]
    env: &env
      A: "1"
    jobs:
      lint:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - run: |
              ruff check .
              echo "done"  # not a comment

      test:
        env: *env
        steps:
          - name: Test — all
            run: >-
              python manage.py test
              --parallel
    # a comment at the margin
          - run: coverage combine
      deploy:
        needs: [lint,
          test]
        with: {a: 1,
          b: 2}
        run: !!str plain
          continued plain
        quoted: "two
          lines"
      keep:
        run: |+
          kept

    """,
    """
    jobs:
      a:
        ? explicit key
        : value
        list:
        - one
        - two
        nested:
          deeper:
            deepest: &anchor x
          after: *anchor
      b: |2
          indented by indicator
      c: 'single
        quoted'
      d:
      e: "tab\there"
      f: last without break
    """,
    """
    %YAML 1.1
    %TAG !e! tag:example.com,2000:
    ---
    jobs:
      a: !e!thing 1
      b: !e!thing 2
      c: !e!thing 3
      d: 4
    """,
    """
    %TAG !! tag:example.com,2000:
    ---
    jobs:
      a: !!thing 1
      b: !!thing 2
      c: !!thing 3
    """,
    "jobs:\n  a: 1\n  b: x\ry\n  c: 3\n  d: \"p\u{2028}  q\"\n  e: 1\u{85}  f: 2\n  g: 3\n",
    """
    first: 1
    ---
    jobs:
      a: 1
      b: 2
    ...
    ---
    jobs:
      c: 3
      d: 4
    """,
    """
    jobs:
      a: 1
      b: 2
    after: top-level
      c: 3
    """,
    """
    jobs:
      a:
        - x
        - y
      b:
        - z
    trailing:
      c: 1
      d: 2
      e: 3
    """,
    """
    jobs:
      a: 1
      b: [1, 2,
    3]
      c: 3
    """,
    """
    root:
      - item: 1
        other: 2
        more: 3
      - item: 4
        other: 5
    """,
    """
    jobs:
      a: 1
      b: 2
       c: 3
      d: 4
    """,
    """
    jobs:
      a: 1
      b: "unclosed
      c: 3
      d: 4
    """,
    """
    jobs:
      a: 1
      b: 2
    \tc: 3
      d: 4
    """,
    """
    jobs:
      a: &one 1
      b: *one
      &two c: 3
      d: *two
      ? [complex, key]
      : 5
    """,
  ]

  /// The text in its variants: as written, with CRLF line breaks, and with a BOM.
  static func variants(_ text: String) -> [[UInt8]] {
    let bytes = Array(text.utf8)
    let crlf = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    return [bytes, crlf, [0xEF, 0xBB, 0xBF] + bytes]
  }

  /// Reads `bytes` split at each line start, and checks every reading against one reading.
  /// Returns how many splits joined.
  func checkEverySplit(_ bytes: [UInt8]) throws -> Int {
    let source = SourceText(path: "split/ci.yml", bytes: bytes)
    let whole = Result { try YAMLParser().events(of: source, splitting: false) }
    var joined = 0
    for line in source.lineStarts.dropFirst() {
      let split = YAMLParser.split(of: source, near: line)
      if let split { #expect(split.start >= line && split.indent > 0) }
      let parts = Result { try YAMLParser().events(of: source, splittingNear: line) }
      switch (whole, parts) {
      case (.success(let one), .success(let two)):
        expectSame(
          one, two.events, "\(String(decoding: bytes, as: UTF8.self)) split at \(String(describing: split))")
        #expect(two.split == split)
        if two.joined { joined += 1 }
      case (.failure(let one), .failure(let two)):
        #expect("\(one)" == "\(two)")
      default:
        Issue.record("one reading and the split disagree at \(String(describing: split)): \(whole) \(parts)")
      }
    }
    return joined
  }

  func expectSame(_ one: YAMLEventList, _ two: YAMLEventList, _ comment: String) {
    let left = one.storage
    let right = two.storage
    #expect(left.records == right.records, "\(comment)")
    #expect(left.values == right.values, "\(comment)")
    #expect(left.valueStarts == right.valueStarts, "\(comment)")
    #expect(left.names == right.names, "\(comment)")
    #expect(left.properties.keys.sorted() == right.properties.keys.sorted(), "\(comment)")
    for (key, value) in left.properties {
      #expect(right.properties[key]?.anchor == value.anchor && right.properties[key]?.tag == value.tag)
    }
    #expect(one.map(\.kind) == two.map(\.kind), "\(comment)")
  }

  @Test func everySplitOfEveryTextReadsAsOneReading() throws {
    var joined = 0
    for text in Self.texts {
      for bytes in Self.variants(text) { joined += try checkEverySplit(bytes) }
    }
    // Not a test that cannot fail: most of those splits really joined.
    #expect(joined >= 40)
  }

  /// Lines that, put together at random, make texts valid and not: keys, values of every style,
  /// block scalar headers and bodies, sequences, flow collections left open, comments, anchors,
  /// tags, document markers, tabs and blank lines.
  static let fragments: [String] = [
    "  a:", "  b: 1", "    c: 2", "    - d", "  - e", "      f: |", "        body", "      body", "  g: >-",
    "    folded", "  # indented comment", "", "   ", "  h: &x [1,", "    2]", "  i: *x", "  j: !!str 3",
    "  k: 'quoted", "    on'", "  l: \"dq\"", "  ? n", "  : o", "  p: {q: 1}", "    r: plain",
    "    continued",
    "  s:", "  t: |+", "  u: v", "  w: x", "    y: z",
  ]
  /// Rarer lines: at the margin, document markers, a tab.
  static let rareFragments: [String] = ["# margin comment", "---", "...", "\tm: 1", "top: 1", "jobs:"]

  @Test func randomTextsSplitAnywhereReadAsOneReading() throws {
    var seed: UInt64 = 0x5EED
    func next(_ bound: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(bound))
    }
    var joined = 0
    for _ in 0..<1500 {
      let count = 6 + next(12)
      var lines = ["jobs:"]
      for _ in 0..<count {
        lines.append(
          next(10) == 0
            ? Self.rareFragments[next(Self.rareFragments.count)] : Self.fragments[next(Self.fragments.count)])
      }
      joined += try checkEverySplit(Array((lines.joined(separator: "\n") + (next(2) == 0 ? "\n" : "")).utf8))
    }
    #expect(joined >= 100)
  }

  @Test func aSplitJoinsOnlyWhereEveryLaterLineIsIndented() throws {
    let text = "jobs:\n  a: 1\n  b: 2\nafter: top-level\n  c: 3\n"
    // `after:` is at the margin: only `  c: 3` after it may start the part.
    let split = try #require(YAMLParser.split(of: SourceText(path: "split/ci.yml", string: text), near: 1))
    #expect(split.indent == 2 && split.start == text.utf8.count - "  c: 3\n".utf8.count)
    #expect(YAMLParser.split(of: SourceText(path: "split/ci.yml", string: "a: 1\nb: 2\n"), near: 1) == nil)
    // A lone carriage return or a Unicode line separator after the split: never split.
    let separated = "jobs:\n  a: 1\n  b: x\u{2028}y\n  c: 3\n"
    #expect(YAMLParser.split(of: SourceText(path: "split/ci.yml", string: separated), near: 6) == nil)
    let lone = "jobs:\n  a: 1\n  b: x\ry\n  c: 3\n"
    #expect(YAMLParser.split(of: SourceText(path: "split/ci.yml", string: lone), near: 6) == nil)
    // A directive before the split: never split (a %TAG would change the second part's tags).
    let directive = SourceText(path: "split/ci.yml", string: "%YAML 1.1\n---\njobs:\n  a: 1\n  b: 2\n")
    #expect(YAMLParser.split(of: directive, near: 1) == nil)
  }

  @Test func aLargeWorkflowIsReadInTwoPartsThatJoin() throws {
    var text = "name: generated\non: [push]\njobs:\n"
    var index = 0
    while text.utf8.count < YAMLParser.splitThreshold + 4096 {
      text += """
          job_\(index):
            name: "Job — \(index)"
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: |
                  pip install -r requirements.txt
                  python manage.py test --shard \(index)

        """
      index += 1
    }
    let source = SourceText(path: "split/ci.yml", string: text)
    let parts = try YAMLParser().events(of: source, splittingNear: nil)
    let split = try #require(parts.split)
    #expect(split.indent == 2 && split.start >= source.bytes.count / 2)
    #expect(parts.joined)
    expectSame(try YAMLParser().events(of: source, splitting: false), parts.events, "generated")
    // A syntax error in the second part is the one reading's error, at the same place.
    let broken = SourceText(path: "split/ci.yml", string: text + "  tail: \"unclosed\n")
    #expect(throws: FormatError.self) { try YAMLParser().events(of: broken) }
    let one = Result { try YAMLParser().events(of: broken, splitting: false) }
    let two = Result { try YAMLParser().events(of: broken) }
    #expect("\(one)" == "\(two)")
  }
}
