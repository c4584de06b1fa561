import Foundation
import Testing

@Suite struct VersionTests {
  @Test func printsVersion() throws {
    let result = try OptimizeBinary.run(["--version"], in: FileManager.default.temporaryDirectory)
    #expect(result.status == 0)
    #expect(result.stdout == "0.1.0\n")
  }
}
