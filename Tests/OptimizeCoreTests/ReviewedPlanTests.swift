import Foundation
import OptimizeCore
import Testing

@Suite struct ReviewedPlanRoundTripTests {
  static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Examples/brktickets")

  func reviewed(skip: Set<String> = [], options: DiscoveryOptions = DiscoveryOptions()) throws -> ReviewedPlan
  {
    let repository = try Repository(root: Self.example)
    let phase = try PhaseLoader.builtIn.phase(1)
    let plan = try Planner(repository: repository, phase: phase, options: options, skip: skip).plan()
    let finding = Finding(
      check: "tblib", severity: .warning,
      location: SourceLocation(path: "requirements.txt", line: 3, column: 1),
      message: "m", why: "w", fix: "f")
    return ReviewedPlan(plan: plan, skip: skip, options: options, findings: [finding])
  }

  @Test func decodeOfEncodeIsTheSamePlan() throws {
    for plan in [
      try reviewed(),
      try reviewed(
        skip: ["test-password-hasher"],
        options: DiscoveryOptions(workflows: [".github/workflows/django-test.yml"])),
    ] {
      let bytes = try plan.encoded()
      #expect(try ReviewedPlan.decode(bytes, path: "plan.json") == plan)
      #expect(try ReviewedPlan.decode(bytes, path: "plan.json").encoded() == bytes)
    }
  }

  @Test func aNewerFormatIsRefused() throws {
    #expect(throws: ReviewedPlanError.newerFormat(path: "p.json", found: 2)) {
      try ReviewedPlan.decode(Array(#"{"formatVersion": 2}"#.utf8), path: "p.json")
    }
  }

  @Test(arguments: [
    ("0.1.0", "0.1.0", true), ("0.1.0", "0.1.7", true), ("0.1.0", "0.2.0", false), ("1.1.0", "0.1.0", false),
  ])
  func compatibleVersions(planned: String, running: String, compatible: Bool) {
    #expect(ReviewedPlan.isCompatible(planned, with: running) == compatible)
  }
}
