import Testing

@testable import OptimizeCore

/// Finding a scalar's surroundings through its ancestors gives what walking every event gives.
@Suite struct YAMLLayoutTests {
  static let documents = [
    LocalEditCheckTests.workflow,
    LocalEditCheckTests.workflow.replacingOccurrences(of: "\n", with: "\r\n"),
    "jobs: {t: {steps: [{run: \"python manage.py test\"}, {run: x}]}}\n",
    "- a\n- [b, {c: d}]\n- e: |\n    f\n  g: h\n",
    "? [complex, key]\n: value\n? {k: v}\n: other\nplain: &anchor x\nalias: *anchor\n",
    "%TAG !e! tag:example.com,2000:\n---\nfirst: !e!x 1\n...\n---\nsecond: 2\n",
    "\u{FEFF}é: ü\nnested:\n    deeper:\n        - \"quoted\"\n        - 'single'\n",
  ]

  @Test(arguments: documents) func everyScalarAgreesWithTheWalk(_ yaml: String) throws {
    let document = try YAMLDocument(source: SourceText(path: "layout/ci.yml", string: yaml))
    var scalars = 0
    for index in document.events.indices where document.events.records[index].type == .scalar {
      let start = Int(document.events.records[index].start)
      let found = YAMLLayout.context(ofScalarAt: start, in: document)
      #expect(found != nil)
      #expect(found == YAMLLayout.walkingContext(ofScalarAt: start, in: document), "scalar at \(start)")
      scalars += 1
    }
    #expect(scalars > 3)
  }
}
