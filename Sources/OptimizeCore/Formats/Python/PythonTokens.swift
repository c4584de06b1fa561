/// The tokens of one Python text, stored compactly: a kind and a byte range per token.
///
/// A large settings module has about one token per five bytes; a `PythonToken` with its own
/// `String` made the tokens of a 2.8 MB module take 84 MB. Here each token takes 9 bytes, and
/// the token values handed out by the subscript build their text from the source bytes only when
/// asked. Offsets are stored in 32 bits: the tokenizer refuses texts of 4 GiB or more.
public struct PythonTokens: RandomAccessCollection, Sendable, Equatable {
  struct Span: Sendable, Equatable {
    var start: UInt32
    var end: UInt32
  }

  /// The bytes the ranges index.
  let bytes: [UInt8]
  private(set) var spans: [Span] = []
  private(set) var kinds: [PythonToken.Kind] = []

  init(bytes: [UInt8], capacity: Int) {
    self.bytes = bytes
    spans.reserveCapacity(capacity)
    kinds.reserveCapacity(capacity)
  }

  /// Tokens of `bytes` that start with the first `count` tokens of `other`, whose bytes `bytes`
  /// starts with.
  init(bytes: [UInt8], first count: Int, of other: PythonTokens) {
    self.init(bytes: bytes, capacity: count + (bytes.count - other.bytes.count) / 3 + 16)
    spans += other.spans[..<count]
    kinds += other.kinds[..<count]
  }

  mutating func append(_ kind: PythonToken.Kind, _ range: Range<Int>) {
    spans.append(
      Span(
        start: UInt32(truncatingIfNeeded: range.lowerBound), end: UInt32(truncatingIfNeeded: range.upperBound)
      ))
    kinds.append(kind)
  }

  /// The index of the first token.
  public var startIndex: Int { 0 }
  /// The index past the last token.
  public var endIndex: Int { kinds.count }

  /// The token at `position`.
  public subscript(position: Int) -> PythonToken {
    PythonToken(kind: kinds[position], range: range(position), bytes: bytes)
  }

  /// The index of the first of the empty tokens at the very end of the text: those the tokenizer
  /// adds there (the `DEDENT`s and `ENDMARKER`, and a `NEWLINE` after a last line without a break).
  var trailingStart: Int {
    let end = UInt32(truncatingIfNeeded: bytes.count)
    var index = spans.count
    while index > 0, spans[index - 1].start == end, spans[index - 1].end == end { index -= 1 }
    return index
  }

  /// The index of the first token that starts at or after `offset` (tokens are in file order).
  func firstIndex(startingAt offset: Int) -> Int {
    var low = 0
    var high = spans.count
    while low < high {
      let mid = (low + high) / 2
      if Int(spans[mid].start) < offset { low = mid + 1 } else { high = mid }
    }
    return low
  }

  func kind(_ index: Int) -> PythonToken.Kind { kinds[index] }

  func start(_ index: Int) -> Int { Int(spans[index].start) }

  func end(_ index: Int) -> Int { Int(spans[index].end) }

  func range(_ index: Int) -> Range<Int> {
    let span = spans[index]
    return Int(span.start)..<Int(span.end)
  }

  func text(_ index: Int) -> String { String(decoding: bytes[range(index)], as: UTF8.self) }

  func isTrivia(_ index: Int) -> Bool {
    switch kinds[index] {
    case .comment, .nl, .indent, .dedent: return true
    default: return false
    }
  }

  /// Whether the token's bytes are `word`.
  func hasText<Word: Collection<UInt8>>(_ index: Int, _ word: Word) -> Bool {
    let span = spans[index]
    return word.count == Int(span.end - span.start)
      && bytes[Int(span.start)..<Int(span.end)].elementsEqual(word)
  }

  /// Whether the token is the one-byte operator or bracket `symbol`.
  func isOp(_ index: Int, _ symbol: UInt8) -> Bool {
    let span = spans[index]
    return kinds[index] == .op && span.end - span.start == 1 && bytes[Int(span.start)] == symbol
  }

  func isOp(_ index: Int, _ symbol: String) -> Bool { kinds[index] == .op && hasText(index, symbol.utf8) }

  func isName(_ index: Int, _ word: String) -> Bool { kinds[index] == .name && hasText(index, word.utf8) }

  /// 1 for an opening bracket, -1 for a closing one, 0 for any other token.
  func bracketDepthChange(_ index: Int) -> Int {
    let span = spans[index]
    guard kinds[index] == .op, span.end - span.start == 1 else { return 0 }
    switch bytes[Int(span.start)] {
    case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): return 1
    case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): return -1
    default: return 0
    }
  }
}
