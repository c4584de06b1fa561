import Testing

@testable import OptimizeCore

/// `Repository.read` refuses files that are not UTF-8 with its own checker; it must agree with
/// the standard library's validation on every input.
@Suite struct UTF8CheckTests {
  static let edgeCases: [[UInt8]] = [
    [], Array("plain ascii, longer than eight bytes".utf8), Array("é ü — 😀 中文".utf8),
    [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80],
    [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x8F, 0x80, 0x80],
    [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
    [0x80], [0xBF], [0xFE], [0xFF], [0xE2, 0x82], [0xF0, 0x9F, 0x98], Array("abcdefg".utf8) + [0xC3],
    Array("abcdefgh".utf8) + [0xC3, 0xA9] + Array("ijklmnop".utf8), [0xC3, 0x28], [0xE2, 0x28, 0xA1],
  ]

  @Test(arguments: edgeCases) func agreesWithTheStandardLibrary(bytes: [UInt8]) {
    #expect(UTF8Check.isValid(bytes) == (String(validating: bytes, as: UTF8.self) != nil))
  }

  @Test(
    arguments: [
      ([0x61, 0x62, 0xFF], 2), (Array("aé".utf8) + [0xE2, 0x82], 3), (Array("valid é".utf8), nil),
      ([0xED, 0xA0, 0x80], 0), (Array("0123456789".utf8) + [0xC0, 0x80], 10), ([0xC3, 0x28], 0),
    ] as [([UInt8], Int?)])
  func findsTheFirstInvalidByte(bytes: [UInt8], offset: Int?) {
    #expect(UTF8Check.firstInvalid(bytes) == offset)
  }

  @Test func findsTheFirstNUL() {
    let bytes = Array("0123456789abcdef".utf8) + [0] + Array("tail".utf8)
    #expect(bytes.withUnsafeBufferPointer(UTF8Check.firstNUL) == 16)
    #expect(Array("no nul here at all".utf8).withUnsafeBufferPointer(UTF8Check.firstNUL) == nil)
  }

  @Test func agreesOnSeededRandomInputs() {
    // A fixed-seed linear congruential generator, so a failure repeats.
    var state: UInt64 = 0x5EED
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    // Bytes drawn mostly from the interesting ranges: ASCII, continuations and lead bytes.
    let pool: [UInt8] = Array(0x20...0x7E) + Array(0x80...0xBF) + Array(0xC0...0xFF)
    for _ in 0..<20_000 {
      let bytes = (0..<next(24)).map { _ in pool[next(pool.count)] }
      let expected = String(validating: bytes, as: UTF8.self) != nil
      if UTF8Check.isValid(bytes) != expected {
        Issue.record("disagree on \(bytes)")
        return
      }
    }
  }

  @Test func agreesOnLongRunsOfASCII() {
    // ASCII runs read 32 and 8 bytes at a time, and the bytes after them one by one.
    var state: UInt64 = 0xA5C11
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    let pool: [UInt8] = Array(0x80...0xBF) + Array(0xC0...0xFF) + [0x00, 0x41]
    for _ in 0..<5_000 {
      var bytes: [UInt8] = []
      for _ in 0..<(1 + next(3)) {
        bytes += (0..<next(80)).map { _ in UInt8(0x20 + next(0x5F)) }
        bytes += (0..<next(4)).map { _ in pool[next(pool.count)] }
      }
      let offset = UTF8Check.firstInvalid(bytes)
      #expect((offset == nil) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
      if let offset {
        #expect(String(validating: bytes[..<offset], as: UTF8.self) != nil, "\(bytes)")
      }
      #expect(bytes.withUnsafeBufferPointer(UTF8Check.firstNUL) == bytes.firstIndex(of: 0), "\(bytes)")
    }
  }

  @Test func readsNothingAfterTheBytes() {
    // Each length of ASCII text, followed in memory by bytes that are not UTF-8: they must not count.
    for count in 0...100 {
      let memory = (0..<count).map { UInt8(0x61 + $0 % 26) } + [UInt8](repeating: 0xFF, count: 40)
      memory.withUnsafeBufferPointer { all in
        let text = UnsafeBufferPointer(rebasing: all[..<count])
        #expect(UTF8Check.firstInvalid(in: text) == nil, "\(count) bytes")
        #expect(UTF8Check.firstNUL(text) == nil, "\(count) bytes")
      }
    }
  }
}
