import Testing

@testable import OptimizeCore

/// libyaml reports code-point indexes; the map turns them into byte offsets, skipping ASCII runs
/// eight bytes at a time. It must agree with counting code points one by one.
@Suite struct CodePointMapTests {
  @Test(arguments: [false, true]) func agreesWithCountingOneByOne(bom: Bool) {
    let text =
      "name: \"Checks — shard 1\"\nrun: |\n  echo 'naïve café' && echo 😀 done, long ascii tail here\nx: 中文字符 end\n"
    let bytes = (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
    let source = SourceText(path: "w.yml", bytes: bytes)
    // Byte offset of each code point (and of the end), as a plain walk finds them.
    var offsets: [Int] = []
    var index = bom ? 3 : 0
    while index < bytes.count {
      offsets.append(index)
      index += 1
      while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
    }
    offsets.append(bytes.count)
    var map = CodePointMap(source: source)
    // Marks arrive nearly in order, sometimes stepping back (an event's start after the last end).
    var targets = Array(0..<offsets.count)
    targets += [5, 40, 12, 70, offsets.count - 1, 0, 33, 34, 9]
    for target in targets {
      #expect(map.byteOffset(ofCodePoint: target) == offsets[target], "code point \(target)")
    }
  }
}
