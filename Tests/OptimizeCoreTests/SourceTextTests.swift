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
}
