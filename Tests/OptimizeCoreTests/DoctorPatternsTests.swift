import Foundation
import Testing

@testable import OptimizeCore

/// The doctor's byte scans answer exactly as the regexes and searches they replace.
@Suite struct DoctorPatternsTests {
  /// Random texts built from the pieces each pattern cares about, so that near misses are common.
  static func texts(_ pieces: [String], count: Int = 4000, seed: UInt64 = 7) -> [String] {
    var state = seed
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    return (0..<count).map { _ in (0..<next(7)).map { _ in pieces[next(pieces.count)] }.joined() }
  }

  static let tblibPieces = [
    "tblib", "TbLiB", "tblib2", "_", "x", " ", "-", "=", "t", "b", "lib", "é", "\t", "\r", "1", "[", "'",
  ]

  @Test func tblibMatchesItsRegex() {
    for text in Self.texts(Self.tblibPieces) {
      let source = SourceText(path: "r.txt", string: text)
      let expected = text.range(of: #"(?i)\btblib\b"#, options: .regularExpression) != nil
      #expect(DoctorPatterns.mentionsTblib(source, line: 0) == expected, "\(text.debugDescription)")
    }
  }

  static let portPieces = [
    "localhost", "127.0.0.1", "0.0.0.0", "10.0.0.0", ":", "8", "80", "8000", "123456", "a", "_", "/", " ",
    "٣", "é", ".", "local",
  ]

  @Test func fixedPortMatchesItsRegex() {
    for text in Self.texts(Self.portPieces) {
      let expected =
        text.range(of: #"(localhost|127\.0\.0\.1|0\.0\.0\.0):\d{2,5}\b"#, options: .regularExpression) != nil
      #expect(DoctorPatterns.hasFixedPort(text) == expected, "\(text.debugDescription)")
    }
  }

  static let connectionPieces = [
    "max_connections", "max_connection", "=", " ", "  ", "\t", "\n", "1", "20", "007", "x", "-c ", "==", "٣",
    "99999999999999999999",
  ]

  @Test func maxConnectionsMatchesItsRegex() {
    for text in Self.texts(Self.connectionPieces) {
      var expected: Int?
      if let range = text.range(of: #"max_connections\s*[= ]\s*(\d+)"#, options: .regularExpression) {
        expected = Int(text[range].filter(\.isNumber))
      }
      #expect(DoctorPatterns.maxConnections(text) == expected, "\(text.debugDescription)")
    }
  }

  @Test func portNameMatchesLowercasing() {
    for text in Self.texts(["p", "P", "o", "O", "r", "R", "t", "T", "port", "PORT", "_", "é"], count: 2000) {
      #expect(DoctorPatterns.isPort(text) == (text.lowercased() == "port"), "\(text.debugDescription)")
    }
  }

  @Test func riskPrefilterKeepsEveryHit() throws {
    let pieces = [
      "class T:\n", "    ", "x", " = ", "=", "[]", "{}", "list()", "dict ()", "set", "Counter(", "\\\n", "\n",
      "'/tmp/a'", "'localhost:8000'", "\"127.0.0.1:80\"", "port", "PORT", "Port", "=8000", "cache",
      ".clear()",
      "é", "import ", "(", ")", "\t", "#", "fixtures",
    ]
    var hits = 0
    for text in Self.texts(pieces, count: 6000, seed: 3) {
      let source = SourceText(path: "test_x.py", string: text)
      guard let module = try? PythonModule(source: source) else { continue }
      for sharedRedis in [false, true]
      where !TestScanner(module: module, sharedRedis: sharedRedis).hits().isEmpty {
        hits += 1
        let kept = source.bytes.withUnsafeBufferPointer {
          DoctorPatterns.mayHaveParallelRisk($0, sharedRedis: sharedRedis)
        }
        #expect(kept, "\(text.debugDescription)")
      }
    }
    #expect(hits > 200)
  }
}
