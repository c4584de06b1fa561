import Testing

@testable import OptimizeCore

/// Case-insensitive searches find the first occurrence whichever case its first letter has.
@Suite struct ASCIIScanTests {
  func first(_ needle: StaticString, in text: String, from start: Int = 0, ignoringCase: Bool = true) -> Int?
  {
    Array(text.utf8).withUnsafeBufferPointer {
      ASCIIScan.firstOffset(of: needle, in: $0, from: start, ignoringCase: ignoringCase)
    }
  }

  @Test func findsTheEarliestOfEitherCase() {
    #expect(first("tblib", in: "pip install TBLIB tblib") == 12)
    #expect(first("tblib", in: "pip install tblib TBLIB") == 12)
    #expect(first("tblib", in: "a Tb tB TbLiB") == 8)
    #expect(first("tblib", in: "tttt ttblib") == 6)
    #expect(first("tblib", in: "TBLIB", from: 1) == nil)
    #expect(first("tblib", in: "tblix Tbli") == nil)
    #expect(first("tblib", in: "tbli") == nil)
  }

  @Test func matchesTheBytewiseSearchOnEveryShortText() {
    // Every text of up to six letters from {t, T, b, l, i, B, x}: compared with a plain loop.
    let alphabet = Array("tTblBix".utf8)
    var texts: [[UInt8]] = [[]]
    for _ in 0..<6 { texts = texts.flatMap { text in alphabet.map { text + [$0] } } }
    for text in texts {
      let lowered = text.map { $0 | 0x20 }
      let expected = (0..<max(0, text.count - 4)).first {
        Array(lowered[$0..<$0 + 5]) == Array("tblib".utf8)
      }
      let found = text.withUnsafeBufferPointer {
        ASCIIScan.firstOffset(of: "tblib", in: $0, ignoringCase: true)
      }
      #expect(found == expected, "\(String(decoding: text, as: UTF8.self))")
    }
  }

  @Test func everyStartOffsetAgreesWithTheBytewiseSearch() {
    // The scan looks for the needle's rarest letter (`b`), not its first: starts and ends count.
    let alphabet = Array("tTbBlix".utf8)
    var texts: [[UInt8]] = [[]]
    for _ in 0..<5 { texts = texts.flatMap { text in alphabet.map { text + [$0] } } }
    let needle = Array("tbl".utf8)
    for text in texts {
      for start in 0...text.count {
        let lowered = text.map { $0 | 0x20 }
        let expected = (start..<max(start, text.count - 2)).first { Array(lowered[$0..<$0 + 3]) == needle }
        let exact = (start..<max(start, text.count - 2)).first { Array(text[$0..<$0 + 3]) == needle }
        text.withUnsafeBufferPointer { bytes in
          #expect(ASCIIScan.firstOffset(of: "tbl", in: bytes, from: start, ignoringCase: true) == expected)
          #expect(ASCIIScan.firstOffset(of: "tbl", in: bytes, from: start) == exact)
        }
      }
    }
  }

  @Test func caseSensitiveSearchIsUnchanged() {
    #expect(first("port", in: "PORT port", ignoringCase: false) == 5)
    #expect(first("=", in: "a = b", ignoringCase: false) == 2)
  }
}
