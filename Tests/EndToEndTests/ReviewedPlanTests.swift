import Foundation
import OptimizeCore
import Testing

/// `plan -o plan.json` and `apply --plan plan.json`: a reviewer approves bytes, not intentions.
@Suite struct ReviewedPlanTests {
  static let example = "Examples/brktickets"

  /// A copy of the example and a plan file made for it, outside the repository.
  func planned(_ extra: [String] = []) throws -> (repo: URL, plan: URL, output: OptimizeBinary.Result) {
    let repo = try TreeFixture.copy(Self.example)
    let plan = repo.deletingLastPathComponent().appendingPathComponent("plan.json")
    let result = try OptimizeBinary.run(
      ["plan", "--phase", "1", "-o", plan.path, "--repo", repo.path] + extra, in: repo)
    #expect(result.status == 0, "\(result.stderr)")
    return (repo, plan, result)
  }

  func json(_ url: URL) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
  }

  @Test func planWritesThePlanAndStillPrintsTheDiff() throws {
    let (repo, plan, result) = try planned()
    #expect(result.stdout.contains("--- a/apps/api/.coveragerc"))
    #expect(result.stderr.contains("Wrote the plan to \(plan.path)"))
    #expect(
      try TreeFixture.differences(repo, TreeFixture.packageRoot.appendingPathComponent(Self.example)) == [])
    #expect(!FileManager.default.fileExists(atPath: repo.appendingPathComponent(".optimize").path))
    let object = try json(plan)
    #expect(object["formatVersion"] as? Int == 1)
    #expect(object["toolVersion"] as? String == toolVersion)
    #expect(object["phase"] as? Int == 1)
    #expect(object["phaseFile"] as? String == "phase-1.yml")
    let phaseFile = try Data(
      contentsOf: TreeFixture.packageRoot.appendingPathComponent("Patches/phase-1.yml"))
    #expect(object["phaseDigest"] as? String == sha256Hex([UInt8](phaseFile)))
    let files = object["files"] as! [[String: Any]]
    #expect(
      files.map { $0["path"] as! String } == [
        ".github/workflows/django-test.yml", "apps/api/.coveragerc", "apps/api/brktickets/settings.py",
      ])
    let rc = files[1]
    #expect(rc["created"] as? Bool == false)
    let original = try Data(contentsOf: repo.appendingPathComponent("apps/api/.coveragerc"))
    #expect(rc["sha256Before"] as? String == sha256Hex([UInt8](original)))
    let edit = (rc["edits"] as! [[String: Any]])[0]
    #expect(edit["patch"] as? String == "coverage-parallel")
    #expect(edit["new"] as? String == "parallel = True\nconcurrency = multiprocessing,thread\n")
    let patches = object["patches"] as! [[String: Any]]
    #expect(patches.map { $0["state"] as! String } == ["pending", "pending", "pending"])
  }

  @Test func theReadmeDocumentsTheRealSchema() throws {
    let (_, plan, _) = try planned()
    let real = try JSONSerialization.jsonObject(with: Data(contentsOf: plan))
    let documented = try JSONShape.readmeExample(after: "## Reviewed plans: `plan.json`")
    #expect(
      JSONShape.of(real) == JSONShape.of(documented),
      "README: \(JSONShape.of(documented))\nreal: \(JSONShape.of(real))")
  }

  @Test func applyPlanWritesExactlyThePlannedBytesThroughTheTransaction() throws {
    let (repo, plan, _) = try planned()
    let apply = try OptimizeBinary.run(["apply", "--plan", plan.path, "--repo", repo.path], in: repo)
    #expect(apply.status == 0, "\(apply.stderr)")
    #expect(apply.stdout.contains("Applied phase 1 to 3 file(s), verified."))
    for file in try json(plan)["files"] as! [[String: Any]] {
      let bytes = try Data(contentsOf: repo.appendingPathComponent(file["path"] as! String))
      #expect(sha256Hex([UInt8](bytes)) == file["sha256After"] as? String, "\(file["path"]!)")
    }
    #expect(
      FileManager.default.fileExists(
        atPath: repo.appendingPathComponent(".optimize/snapshots/phase-1/apps/api/.coveragerc").path))
    let check = try OptimizeBinary.run(["status", "--check", "--repo", repo.path], in: repo)
    #expect(check.status == 0, "\(check.stdout)")
    let again = try OptimizeBinary.run(["apply", "--plan", plan.path, "--repo", repo.path], in: repo)
    #expect(again.status == 0)
    #expect(again.stdout.contains("already applied"))
    let rollback = try OptimizeBinary.run(["rollback", "--repo", repo.path], in: repo)
    #expect(rollback.status == 0, "\(rollback.stderr)")
    #expect(
      try TreeFixture.differences(repo, TreeFixture.packageRoot.appendingPathComponent(Self.example)) == [])
  }

  @Test func aChangedFileIsRefusedByNameAndNothingIsWritten() throws {
    let (repo, plan, _) = try planned()
    let rc = "apps/api/.coveragerc"
    try TreeFixture.write(try TreeFixture.read(rc, in: repo) + "# reviewed later\n", to: rc, in: repo)
    let before = try TreeFixture.files(repo, skipping: [])
    let apply = try OptimizeBinary.run(["apply", "--plan", plan.path, "--repo", repo.path], in: repo)
    #expect(apply.status == 1)
    #expect(apply.stderr.contains("\(rc): expected sha256"))
    #expect(apply.stderr.contains("the file changed since the plan was made"))
    #expect(apply.stderr.contains("nothing was written"))
    #expect(try TreeFixture.files(repo, skipping: []) == before)
  }

  @Test func aChangedPhaseFileIsRefused() throws {
    let patches = try TreeFixture.copy("Patches")
    let (repo, plan, _) = try planned(["--patches", patches.path])
    let phase = patches.appendingPathComponent("phase-1.yml")
    try (try Data(contentsOf: phase) + Data("# edited after review\n".utf8)).write(to: phase)
    let apply = try OptimizeBinary.run(
      ["apply", "--plan", plan.path, "--patches", patches.path, "--repo", repo.path], in: repo)
    #expect(apply.status == 1)
    #expect(apply.stderr.contains("phase-1.yml: expected the phase file the plan was made from"))
    #expect(
      try TreeFixture.differences(repo, TreeFixture.packageRoot.appendingPathComponent(Self.example)) == [])
  }

  @Test(arguments: [("9.0.0", false), ("0.2.0", false), ("0.1.99", true)])
  func theToolVersionMattersOnlyAboveThePatchLevel(version: String, accepted: Bool) throws {
    let (repo, plan, _) = try planned()
    let text = try String(contentsOf: plan, encoding: .utf8)
    try text.replacingOccurrences(
      of: "\"toolVersion\" : \"\(toolVersion)\"", with: "\"toolVersion\" : \"\(version)\""
    )
    .write(to: plan, atomically: true, encoding: .utf8)
    let apply = try OptimizeBinary.run(["apply", "--plan", plan.path, "--repo", repo.path], in: repo)
    #expect(apply.status == (accepted ? 0 : 1), "\(apply.stderr)")
    if !accepted {
      #expect(apply.stderr.contains("found one made by \(version), whose edits may differ"))
      #expect(!FileManager.default.fileExists(atPath: repo.appendingPathComponent(".optimize").path))
    }
  }

  @Test func aChangeOptimizeReadsElsewhereIsRefused() throws {
    let (repo, plan, _) = try planned()
    let requirements = "apps/api/requirements.txt"
    try TreeFixture.write(
      try TreeFixture.read(requirements, in: repo).replacingOccurrences(
        of: "Django==5.2.8", with: "Django==3.2.25"),
      to: requirements, in: repo)
    let apply = try OptimizeBinary.run(["apply", "--plan", plan.path, "--repo", repo.path], in: repo)
    #expect(apply.status == 1)
    #expect(apply.stderr.contains(".github/workflows/django-test.yml: expected the reviewed edits"))
    #expect(try TreeFixture.files(repo).keys.contains { $0.hasPrefix(".optimize") } == false)
    #expect(
      try TreeFixture.read(".github/workflows/django-test.yml", in: repo)
        == TreeFixture.read("\(Self.example)/.github/workflows/django-test.yml", in: TreeFixture.packageRoot))
  }

  @Test func thePlanKeepsItsSkips() throws {
    let (repo, plan, _) = try planned(["--skip", "test-password-hasher"])
    let apply = try OptimizeBinary.run(["apply", "--plan", plan.path, "--repo", repo.path], in: repo)
    #expect(apply.status == 0, "\(apply.stderr)")
    let settings = "apps/api/brktickets/settings.py"
    #expect(
      try TreeFixture.read(settings, in: repo)
        == TreeFixture.read("\(Self.example)/\(settings)", in: TreeFixture.packageRoot))
    #expect(try TreeFixture.read(".optimize/state.json", in: repo).contains("\"state\" : \"skipped\""))
  }

  @Test(arguments: [
    ["apply", "--phase", "1", "--plan", "plan.json"], ["apply"],
    ["apply", "--plan", "plan.json", "--skip", "coverage-parallel"],
  ])
  func badUsageExits64(arguments: [String]) throws {
    let repo = try TreeFixture.copy(Self.example)
    let result = try OptimizeBinary.run(arguments + ["--repo", repo.path], in: repo)
    #expect(result.status == 64, "\(result.stderr)")
  }

  @Test func aDamagedPlanFileIsRefused() throws {
    let (repo, plan, _) = try planned()
    try Data("{\"formatVersion\": 1, \"files\": [".utf8).write(to: plan)
    let apply = try OptimizeBinary.run(["apply", "--plan", plan.path, "--repo", repo.path], in: repo)
    #expect(apply.status == 1)
    #expect(
      apply.stderr.contains("\(plan.path):1:1: expected a plan in format 1, found invalid or truncated JSON"))
  }
}

@Suite struct ReviewedPlanOutputTests {
  @Test func anUnwritablePlanFileIsAnErrorAndTheRepositoryIsUntouched() throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    let result = try OptimizeBinary.run(
      ["plan", "--phase", "1", "-o", "/nonexistent-folder/plan.json", "--repo", repo.path], in: repo)
    #expect(result.status == 1)
    #expect(result.stderr.contains("/nonexistent-folder/plan.json: expected a file optimize can write"))
    #expect(!FileManager.default.fileExists(atPath: repo.appendingPathComponent(".optimize").path))
  }
}
