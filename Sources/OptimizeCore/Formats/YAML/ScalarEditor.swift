/// Text to insert into a scalar's decoded value.
public struct ValueInsertion: Sendable, Equatable {
  /// The UTF-8 byte offset in `YAMLScalar.value` where the text goes.
  public var offset: Int
  /// The text to insert into the value; `\n` starts a new value line.
  public var text: String

  /// Creates an insertion.
  public init(offset: Int, text: String) {
    self.offset = offset
    self.text = text
  }
}

/// Turns insertions into a scalar's decoded value into byte-exact edits of the YAML source.
///
/// Each way of writing the change (in place in the scalar's own style, or converting the scalar
/// to a literal block or a quoted scalar) is tried in order of preference; the first whose
/// result libyaml reads back with exactly the intended value, and every other event unchanged,
/// wins.
public enum ScalarEditor {
  /// The edits that insert `insertions` into `scalar`'s value.
  ///
  /// - Parameters:
  ///   - scalar: A scalar of `document`.
  ///   - document: The parsed file.
  ///   - insertions: Value byte offsets and texts; texts at the same offset go in the given order.
  ///   - keyColumn: The 0-based column of the key whose value `scalar` is, used to indent a
  ///     scalar converted to a literal block; `nil` to take it from the document.
  /// - Throws: `FormatError` at the scalar when no way of writing the change reads back right.
  public static func edits(
    for scalar: YAMLScalar, in document: YAMLDocument, insertions: [ValueInsertion], keyColumn: Int?
  ) throws -> [Edit] {
    guard !insertions.isEmpty else { return [] }
    let source = document.source
    let merged = try merge(insertions, into: scalar, source: source)
    var value = Array(scalar.value.utf8)
    for insertion in merged.reversed() { value.insert(contentsOf: insertion.text.utf8, at: insertion.offset) }
    let newValue = String(decoding: value, as: UTF8.self)
    guard let context = YAMLLayout.context(ofScalarAt: scalar.start, in: document) else {
      throw FormatError(
        in: source, atByte: scalar.start, expected: "a scalar of this file", found: "no scalar starting here",
        fix: "this is a bug in optimize, please report it with the file")
    }
    let writer = ScalarEditPlan(
      scalar: scalar, document: document, insertions: merged, newValue: newValue, context: context,
      keyColumn: keyColumn)
    let addsLine = merged.contains { $0.text.contains("\n") }
    var reasons: [String] = []
    for way in ScalarEditPlan.Way.preferred(for: scalar.style, addsLine: addsLine, inFlow: context.inFlow) {
      do {
        let edits = try writer.edits(way)
        let bytes = try edits.applied(to: source.bytes, path: source.path)
        let after = SourceText(path: source.path, bytes: bytes)
        let shift = try YAMLEditVerifier.verify(
          before: document, after: after, expected: [scalar.start: newValue], edits: edits, chunk: 4096)
        VerifiedEdits.remember(
          before: source, edits: edits, expected: [scalar.start: newValue], shift: shift, after: after)
        return edits
      } catch let problem as Unwritable {
        reasons.append("\(way.rawValue): \(problem.reason)")
      } catch let problem as FormatError {
        reasons.append(
          "\(way.rawValue): the result would not read back as intended (\(problem.location.line):"
            + "\(problem.location.column) \(problem.found))")
      }
    }
    throw FormatError(
      in: source, atByte: scalar.start,
      expected: "a \(scalar.style.rawValue) scalar that can be edited safely",
      found: reasons.joined(separator: "; "),
      fix: "manual: change it by hand so that its value reads \(newValue.debugDescription)")
  }

  /// Sorts insertions by offset (stable), joins those at the same offset and checks each offset.
  private static func merge(
    _ insertions: [ValueInsertion], into scalar: YAMLScalar, source: SourceText
  ) throws -> [ValueInsertion] {
    let value = Array(scalar.value.utf8)
    let sorted = insertions.enumerated().sorted {
      ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset)
    }
    var merged: [ValueInsertion] = []
    for insertion in sorted.map(\.element) {
      let offset = insertion.offset
      guard offset >= 0, offset <= value.count, offset == value.count || value[offset] & 0xC0 != 0x80 else {
        throw FormatError(
          in: source, atByte: scalar.start,
          expected: "an insertion at a character boundary of the value (0...\(value.count) bytes)",
          found: "byte offset \(offset)", fix: "this is a bug in optimize, please report it with the file")
      }
      if merged.last?.offset == offset {
        merged[merged.count - 1].text += insertion.text
      } else {
        merged.append(insertion)
      }
    }
    return merged
  }
}
