import Testing

@testable import OptimizeCore

/// The verifier skips its YAML check only for exactly the text the scalar editor verified.
@Suite struct VerifiedEditsTests {
  @Test func recognisesOnlyTheSameTextAndExpectations() {
    let before = SourceText(path: "verified-edits/ci.yml", string: "run: python manage.py test\n")
    let after = Array("run: python manage.py test --parallel\n".utf8)
    let expected = [5: "python manage.py test --parallel"]
    #expect(!VerifiedEdits.contains(before: before, after: after, expected: expected))
    VerifiedEdits.remember(before: before, edits: [.insert(" --parallel", at: 26)], expected: expected)
    #expect(VerifiedEdits.contains(before: before, after: after, expected: expected))
    // An equal copy of the original counts; another edit, other expectations or path do not.
    let copy = SourceText(path: before.path, string: before.string)
    #expect(VerifiedEdits.contains(before: copy, after: after, expected: expected))
    #expect(!VerifiedEdits.contains(before: before, after: after + [0x0A], expected: expected))
    #expect(!VerifiedEdits.contains(before: before, after: Array(after.dropLast()), expected: expected))
    // One byte changed before the edit, in its new text, and after it.
    for offset in [3, 30, after.count - 1] {
      var changed = after
      changed[offset] ^= 0x20
      #expect(!VerifiedEdits.contains(before: before, after: changed, expected: expected))
    }
    #expect(!VerifiedEdits.contains(before: before, after: after, expected: [5: "python manage.py test"]))
    let elsewhere = SourceText(path: "verified-edits/other.yml", string: before.string)
    #expect(!VerifiedEdits.contains(before: elsewhere, after: after, expected: expected))
  }

  @Test func keepsTheEditedTextForExactlyTheseEditsOfTheseBytes() {
    let before = SourceText(path: "verified-edits/kept.yml", string: "run: python manage.py test\n")
    let edits: [Edit] = [.insert(" --keepdb", at: 26), .insert(" --parallel", at: 26)]
    let after = SourceText(path: before.path, bytes: try! edits.applied(to: before.bytes, path: before.path))
    let expected = [5: "python manage.py test --keepdb --parallel"]
    #expect(VerifiedEdits.text(applying: edits, to: before.bytes, path: before.path) == nil)
    VerifiedEdits.remember(before: before, edits: edits, expected: expected, after: after)
    let kept = VerifiedEdits.text(applying: edits, to: before.bytes, path: before.path)
    #expect(kept?.bytes == after.bytes)
    // The check recognises the kept bytes, and an equal copy of them, compared byte by byte.
    #expect(VerifiedEdits.contains(before: before, after: after.bytes, expected: expected))
    #expect(VerifiedEdits.contains(before: before, after: Array(after.string.utf8), expected: expected))
    // Not for an equal copy of the original (its storage is not the one the check read), other
    // edits, or another path.
    let copy = Array(before.string.utf8)
    #expect(VerifiedEdits.text(applying: edits, to: copy, path: before.path) == nil)
    #expect(VerifiedEdits.text(applying: [edits[0]], to: before.bytes, path: before.path) == nil)
    #expect(VerifiedEdits.text(applying: edits, to: before.bytes, path: "verified-edits/other.yml") == nil)
  }
}
