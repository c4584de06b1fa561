import Foundation
import Testing

@testable import OptimizeCore

/// coverage.py's own reading of a config, as a second opinion. Skipped without `python3` and
/// `coverage`; CI provides both.
@Suite struct CoverageProbeTests {
  static let hasCoverage: Bool = {
    guard let python = PythonSyntaxCheck.python3 else { return false }
    let process = Process()
    process.executableURL = python
    process.arguments = ["-c", "import coverage"]
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }()

  @Test func acceptsOurEdit() throws {
    guard Self.hasCoverage else { return }
    let before = SourceText(path: ".coveragerc", string: "[run]\nbranch = True\nsource = app\n")
    let after = SourceText(
      path: ".coveragerc",
      string: "[run]\nparallel = True\nconcurrency = multiprocessing,thread\nbranch = True\nsource = app\n")
    try CoverageProbe.compare(before: before, after: after, wants: .phase1)
  }

  @Test func rejectsAChangedOptionNamingIt() throws {
    guard Self.hasCoverage else { return }
    let before = SourceText(path: ".coveragerc", string: "[run]\nbranch = True\n")
    let after = SourceText(
      path: ".coveragerc", string: "[run]\nparallel = True\nconcurrency = multiprocessing\nbranch = False\n")
    #expect {
      try CoverageProbe.compare(before: before, after: after, wants: .phase1)
    } throws: { error in
      "\(error)".contains(".coveragerc: coverage.py sees branch = False, was True")
    }
  }

  @Test func rejectsMissingParallel() throws {
    guard Self.hasCoverage else { return }
    let before = SourceText(path: "setup.cfg", string: "[coverage:run]\nbranch = True\n")
    let after = SourceText(
      path: "setup.cfg", string: "[coverage:run]\nbranch = True\nconcurrency = multiprocessing\n")
    #expect(throws: VerificationError.self) {
      try CoverageProbe.compare(before: before, after: after, wants: .phase1)
    }
  }
}
