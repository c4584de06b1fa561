import Testing

@testable import OptimizeCore

@Suite struct SourceTextTests {
  @Test func locatesBytesAcrossCRLFAndBOM() {
    let text = SourceText(path: "a.txt", bytes: [0xEF, 0xBB, 0xBF] + Array("ab\r\ncé\r\nd".utf8))
    #expect(text.hasBOM)
    #expect(text.lineEnding == "\r\n")
    #expect(text.location(ofByte: 3) == SourceLocation(path: "a.txt", line: 1, column: 1))
    #expect(text.location(ofByte: 10) == SourceLocation(path: "a.txt", line: 2, column: 3))
    #expect(text.lineText(1) == "cé")
    #expect(!text.endsWithNewline)
  }

  @Test func editsApplyAndInvert() throws {
    let bytes = Array("hello world".utf8)
    let edits = [Edit.insert(", dear", at: 5), Edit(offset: 6, old: "world", new: "moon")]
    let after = try edits.applied(to: bytes, path: "x")
    #expect(String(decoding: after, as: UTF8.self) == "hello, dear moon")
    let back = try edits.inverses.applied(to: after, path: "x")
    #expect(back == bytes)
  }

  @Test func appliedEqualsAgreesWithApplying() throws {
    let bytes = Array("hello world".utf8)
    let edits = [Edit(offset: 6, old: "world", new: "moon"), Edit.insert(", dear", at: 5)]
    #expect(edits.applied(to: bytes, equals: Array("hello, dear moon".utf8)))
    #expect(!edits.applied(to: bytes, equals: Array("hello, dear moom".utf8)))
    #expect(!edits.applied(to: bytes, equals: Array("hello, dear moon!".utf8)))
    #expect([Edit]().applied(to: bytes, equals: bytes))
    // An edit whose old text is not in place never equals, as applying it throws.
    let misplaced = [Edit(offset: 0, old: "jello", new: "hello")]
    #expect(!misplaced.applied(to: bytes, equals: bytes))
    #expect(throws: EditError.self) { try misplaced.applied(to: bytes, path: "x") }
  }
}
