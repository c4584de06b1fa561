import Foundation
import Testing

@testable import OptimizeCore

/// Discovery's byte scans answer exactly as the regexes they stand in for.
@Suite struct DiscoveryPatternsTests {
  static let pin =
    #"(?im)^[\s"']*django\s*(?:\[[^\]]*\])?\s*(?:=\s*["'])?\s*(==|~=|>=|===|\^|~)?\s*["']?(\d+(?:\.\d+)*)"#
  static let settings = #"DJANGO_SETTINGS_MODULE['"]\s*(?:,|\]\s*=)\s*(?:f?)['"]([A-Za-z_][\w.]*)['"]"#

  /// What the regex finds: the group's text and its line as the readers count it.
  static func regex(_ pattern: String, group: Int, in text: String) -> (String, Int)? {
    let regex = try! NSRegularExpression(pattern: pattern)
    guard let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
      let range = Range(match.range(at: group), in: text)
    else { return nil }
    return (String(text[range]), text[..<range.lowerBound].filter { $0 == "\n" }.count + 1)
  }

  static func scan(_ answer: (UnsafeBufferPointer<UInt8>) -> DiscoveryPatterns.Answer, in text: String)
    -> (String, Int)??
  {
    DiscoveryPatterns.firstMatch(answer, in: SourceText(path: "t", string: text)).map {
      $0.map { ($0.text, $0.line) }
    }
  }

  static func check(
    _ pattern: String, pieces: [String], _ answer: (UnsafeBufferPointer<UInt8>) -> DiscoveryPatterns.Answer
  ) {
    var matches = 0
    for text in DoctorPatternsTests.texts(pieces, count: 6000, seed: 11) {
      let expected = regex(pattern, group: pattern == pin ? 2 : 1, in: text)
      if expected != nil { matches += 1 }
      guard let scanned = scan(answer, in: text) else {
        #expect(text.utf8.contains { $0 >= 0x80 }, "undecided on ASCII: \(text.debugDescription)")
        continue
      }
      #expect(scanned?.0 == expected?.0 && scanned?.1 == expected?.1, "\(text.debugDescription)")
    }
    #expect(matches > 50)
  }

  @Test func djangoPinMatchesItsRegex() {
    Self.check(
      Self.pin,
      pieces: [
        "django", "Django", "DJANGO", "djangorestframework", "[bcrypt]", "[", "]", "=", "==", "===", "~=",
        ">=",
        "^", "~", "\"", "'", " ", "\t", "\n", "\r\n", "\r", "\u{0B}", "4", "5.2", ".", "8", "x", "# ", "é",
      ], DiscoveryPatterns.djangoPin)
  }

  @Test func settingsModuleMatchesItsRegex() {
    Self.check(
      Self.settings,
      pieces: [
        "DJANGO_SETTINGS_MODULE'", "DJANGO_SETTINGS_MODULE\"", "'", "\"", ", '", ",\n \"", "] = f'", "]=\"",
        "proj.settings'", "_x1\"", "1'", "f", " ", "-", "os.environ['", "é",
      ], DiscoveryPatterns.settingsModule)
  }

  @Test(arguments: [
    ("a/b/c.txt", "a/b/c.txt"), ("a/./b", "a/b"), ("a//b", "a/b"), ("a/b/", "a/b"), ("a/../b", "b"),
    ("...", "..."), ("a/.../b", "a/.../b"), (".hidden/x", ".hidden/x"), ("a/.", "a"), ("", ""), (".", ""),
    ("a/\u{301}b", "a/\u{301}b"), ("é/ü", "é/ü"),
  ])
  func normalizeKeepsOrCleansPaths(_ path: String, _ expected: String) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "normalize-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(try Repository(root: folder).normalize(path) == expected)
  }
}
