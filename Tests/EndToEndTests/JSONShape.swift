import Foundation
import Testing

/// The keys and value types of JSON documents, to check the README's examples against real output.
enum JSONShape {
  /// Keys sorted, value types named, arrays reduced to their first element.
  static func of(_ value: Any) -> String {
    switch value {
    case let object as [String: Any]:
      return "{" + object.keys.sorted().map { "\($0): \(of(object[$0]!))" }.joined(separator: ", ") + "}"
    case let array as [Any]:
      return "[" + (array.first.map(of) ?? "") + "]"
    case is NSNumber: return "number or bool"
    case is String: return "string"
    default: return "null"
    }
  }

  /// The first JSON block of the README after `heading`, parsed.
  static func readmeExample(after heading: String) throws -> Any {
    let readme = try TreeFixture.read("README.md", in: TreeFixture.packageRoot)
    let section = try #require(readme.components(separatedBy: heading).dropFirst().first)
    let block = try #require(
      section.components(separatedBy: "```json\n").dropFirst().first?.components(separatedBy: "```").first)
    return try JSONSerialization.jsonObject(with: Data(block.utf8))
  }
}

/// The README's fenced output examples, to check them against real output.
enum ReadmeExample {
  /// The body of the first fenced block (of `language`) after `marker`, without a `$ command` line.
  static func block(after marker: String, language: String = "text") throws -> String {
    let readme = try TreeFixture.read("README.md", in: TreeFixture.packageRoot)
    let section = try #require(readme.components(separatedBy: marker).dropFirst().first)
    let body = try #require(
      section.components(separatedBy: "```\(language)\n").dropFirst().first?.components(separatedBy: "```\n")
        .first)
    return body.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("$ ") }.joined(separator: "\n")
  }

  /// Output with its ISO 8601 times replaced, so two runs compare equal.
  static func timeless(_ text: String) -> String {
    text.replacingOccurrences(
      of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "TIME", options: .regularExpression)
  }
}
