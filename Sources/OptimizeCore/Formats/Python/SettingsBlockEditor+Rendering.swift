extension SettingsBlockEditor {
  /// The exact text to append to the module: a separating blank line when needed, then the block.
  static func render(_ block: SettingsBlock, unconditional: Bool, module: PythonModule) throws -> String {
    let style = PythonStyle(of: module)
    let source = module.source
    var body = (block.comment?.split(separator: "\n", omittingEmptySubsequences: false) ?? []).map {
      "# " + $0
    }
    body.append("\(block.name) = [")
    body += block.values.map { style.indent + PythonStringLiteral.literal($0, quote: style.quote) + "," }
    body.append("]")
    var lines = [block.beginLine]
    if unconditional {
      lines += body
    } else {
      let missing = block.imports.filter { !module.importsAtModuleLevel($0) }
      if !missing.isEmpty { lines += missing.map { "import \($0)" } + [""] }
      lines.append("if \(try requote(block.guardExpression, quote: style.quote)):")
      lines += body.map { style.indent + $0 }
    }
    lines.append(block.endLine)
    let eol = style.lineEnding
    let text = lines.joined(separator: eol)
    guard source.bytes.count > source.bomLength else { return text + eol }
    let lastLine = source.lineStarts.count - (source.endsWithNewline ? 2 : 1)
    let lastIsBlank = source.lineText(lastLine).allSatisfy { $0 == " " || $0 == "\t" || $0 == "\u{0C}" }
    let separator = lastIsBlank ? "" : eol
    return source.endsWithNewline ? separator + text + eol : eol + separator + text
  }

  /// A Python expression with its plain one-line string literals rewritten in `quote`.
  ///
  /// - Throws: `FormatError` when the expression does not tokenize.
  static func requote(_ expression: String, quote: Character) throws -> String {
    let text = SourceText(path: "<guard expression>", string: expression)
    var result = ""
    var cursor = 0
    for token in try PythonTokenizer.tokenize(text) where token.kind == .string {
      guard !token.text.hasSuffix("'''"), !token.text.hasSuffix("\"\"\""),
        let value = PythonStringLiteral.value(of: token.text),
        token.text.first == "'" || token.text.first == "\""
      else { continue }
      result += text.text(cursor..<token.range.lowerBound) + PythonStringLiteral.literal(value, quote: quote)
      cursor = token.range.upperBound
    }
    return result + text.text(cursor..<text.bytes.count)
  }
}
