import Testing

@testable import OptimizeCore

@Suite struct UnifiedDiffTests {
  private func diff(_ before: String, _ edits: [Edit]) throws -> String {
    let bytes = Array(before.utf8)
    let change = FileChange(
      path: "f", created: false, before: bytes, after: try edits.applied(to: bytes, path: "f"),
      edits: edits.map { PatchEdit(patch: "p", edit: $0) }, checks: [])
    return UnifiedDiff.render(change)
  }

  @Test func aLineAddedAtTheEndOfALineShowsAsAnAddedLine() throws {
    // "\nc" inserted before the line break of "b": the bytes of a new line "c" after "b".
    let text = try diff("a\nb\nd\n", [.insert("\nc", at: 3)])
    #expect(text == "--- a/f\n+++ b/f\n@@ -1,3 +1,4 @@\n a\n b\n+c\n d\n")
  }

  @Test func crlfLinesToo() throws {
    let text = try diff("a\r\nb\r\n", [.insert("\r\nc", at: 1)])
    #expect(text == "--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n+c\n b\n")
  }

  @Test func anInsertionInsideALineShowsTheLineChanged() throws {
    let text = try diff("run a\nnext\n", [.insert(" --flag", at: 5)])
    #expect(text == "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-run a\n+run a --flag\n next\n")
  }

  @Test func aMissingFinalNewlineIsSaid() throws {
    let text = try diff("a", [.insert("\nb", at: 1)])
    #expect(text.hasSuffix("-a\n\\ No newline at end of file\n+a\n+b\n\\ No newline at end of file\n"))
  }
}
