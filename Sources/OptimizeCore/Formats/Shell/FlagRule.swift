/// A flag a patch wants on a command, and the spellings that mean it is already there.
public struct FlagRule: Sendable, Equatable, Codable, Hashable {
  /// The text to add, such as `--parallel=auto`.
  public var add: String
  /// Words that mean the flag is present: a word equal to one of them, or starting with it and `=`.
  public var presentIf: [String]

  /// Creates a rule.
  public init(add: String, presentIf: [String]) {
    self.add = add
    self.presentIf = presentIf
  }

  /// Whether the flag is among `words`.
  ///
  /// A word with an expansion whose literal start could still spell the flag (`$ARGS`,
  /// `${{ matrix.flags }}`) makes the answer `.unknown` unless another word settles it.
  public func presence(in words: [ShellWord]) -> FlagPresence {
    if let word = words.first(where: matches) { return .present(word) }
    let unknown = words.first { word in
      word.hasExpansion
        && presentIf.contains { $0.hasPrefix(word.literalPrefix) || word.literalPrefix.hasPrefix($0 + "=") }
    }
    return unknown.map(FlagPresence.unknown) ?? .absent
  }

  /// Whether the flag is among `words`, where a word that is exactly `${{ NAME }}` (or `"$@"`) with
  /// listed `values[NAME]` (a job's matrix, a script's arguments) is tried with each value: present or absent when every value
  /// agrees, otherwise `.unknown`.
  public func presence(in words: [ShellWord], values: [String: [String]]) -> FlagPresence {
    let plain = presence(in: words)
    guard case .unknown(let word) = plain, let choices = values[word.expressionName ?? word.value] else {
      return plain
    }
    var results: [FlagPresence] = []
    for choice in choices {
      guard let tokens = try? ShellLexer.tokens(of: choice) else { return plain }
      let replaced = tokens.compactMap { token -> ShellWord? in
        if case .word(let word) = token { return word }
        return nil
      }
      let substituted = words.flatMap { $0 == word ? replaced : [$0] }
      results.append(
        presence(in: substituted, values: values.filter { $0.key != (word.expressionName ?? word.value) }))
    }
    if results.allSatisfy({ $0 == .absent }) { return .absent }
    if results.allSatisfy({ if case .present = $0 { return true } else { return false } }) {
      return .present(word)
    }
    return plain
  }

  private func matches(_ word: ShellWord) -> Bool {
    presentIf.contains { word.value == $0 || word.literalPrefix.hasPrefix($0 + "=") }
  }
}

/// Whether a flag is on a command.
public enum FlagPresence: Sendable, Equatable {
  /// This word spells it.
  case present(ShellWord)
  /// No word spells it.
  case absent
  /// This word is expanded at run time and may spell it; the command needs a person.
  case unknown(ShellWord)
}

/// Text to insert into a script at a byte offset.
public struct ScriptInsertion: Sendable, Equatable, Codable, Hashable {
  /// The UTF-8 byte offset in the script.
  public var offset: Int
  /// The text to insert there.
  public var text: String

  /// Creates an insertion.
  public init(offset: Int, text: String) {
    self.offset = offset
    self.text = text
  }
}

extension Array where Element == ScriptInsertion {
  /// The script with these insertions made; insertions at the same offset keep their order.
  public func applied(to script: String) -> String {
    var bytes = [UInt8](script.utf8)
    let lastFirst = enumerated().sorted { ($0.element.offset, $0.offset) > ($1.element.offset, $1.offset) }
    for insertion in lastFirst {
      bytes.insert(contentsOf: [UInt8](insertion.element.text.utf8), at: insertion.element.offset)
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
