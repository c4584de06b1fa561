import Foundation
import Testing

/// `optimize doctor`, and its findings in `plan`, as a user meets them.
@Suite struct DoctorTests {
  static let example = "Examples/brktickets"
  static let workflow = ".github/workflows/django-test.yml"

  /// The example whose test command pipes into `tee` without `shell: bash`: an error.
  func withTee() throws -> URL {
    let repo = try TreeFixture.copy(Self.example)
    try TreeFixture.write(
      try TreeFixture.read(Self.workflow, in: repo).replacingOccurrences(
        of: "coverage run manage.py test", with: "coverage run manage.py test | tee test.log"),
      to: Self.workflow, in: repo)
    return repo
  }

  @Test func theExampleHasNoErrorsAndExits0() throws {
    let repo = try TreeFixture.copy(Self.example)
    let result = try OptimizeBinary.run(["doctor", "--repo", repo.path], in: repo)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.hasPrefix("info    apps/api/requirements.txt:1: Django 5.2.8: `--parallel=auto` works\n"))
    #expect(
      result.stdout.contains(
        "info    apps/api/brktickets/test_runner.py:5: TEST_RUNNER ForceCleanupTestRunner subclasses DiscoverRunner"
      ))
    #expect(result.stdout.hasSuffix("0 errors, 0 warnings, 0 risks, 4 notes\n"))
    #expect(
      try TreeFixture.differences(repo, TreeFixture.packageRoot.appendingPathComponent(Self.example)) == [])
    #expect(!FileManager.default.fileExists(atPath: repo.appendingPathComponent(".optimize").path))
  }

  @Test func theReadmeShowsTheRealOutput() throws {
    let repo = try TreeFixture.copy(Self.example)
    let result = try OptimizeBinary.run(["doctor", "--repo", repo.path], in: repo)
    #expect(result.stdout == (try ReadmeExample.block(after: "On the example (real output; exit 0):")))
  }

  @Test func anErrorFindingExits1WithWhyAndFix() throws {
    let repo = try withTee()
    let result = try OptimizeBinary.run(["doctor", "--repo", repo.path], in: repo)
    #expect(result.status == 1)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines[0]
        == "error   .github/workflows/django-test.yml:69: `| tee test.log` without `shell: bash`: failing tests leave the step green"
    )
    #expect(
      lines[1].hasPrefix(
        "        why: without `shell: bash`, GitHub Actions runs the script with `bash -e {0}`"))
    #expect(
      lines[2].hasPrefix("        fix: add `shell: bash` to the step \"Run Django tests with coverage\""))
    #expect(lines.last == "1 error, 0 warnings, 0 risks, 4 notes")
  }

  @Test func jsonAndMarkdown() throws {
    let repo = try withTee()
    let json = try OptimizeBinary.run(["doctor", "--format", "json", "--repo", repo.path], in: repo)
    #expect(json.status == 1)
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
    #expect(object["schemaVersion"] as? Int == 1)
    let first = (object["findings"] as! [[String: Any]])[0]
    #expect(first["check"] as? String == "tee-without-bash")
    #expect(first["severity"] as? String == "error")
    let location = first["location"] as! [String: Any]
    #expect(location["path"] as? String == Self.workflow)
    #expect(location["line"] as? Int == 69)
    #expect(Set(first.keys) == ["check", "severity", "location", "message", "why", "fix"])
    let markdown = try OptimizeBinary.run(["doctor", "--format", "markdown", "--repo", repo.path], in: repo)
    #expect(
      markdown.stdout.hasPrefix("### optimize doctor\n\n- **error** `.github/workflows/django-test.yml:69`: ")
    )
    #expect(markdown.stdout.contains("  _Fix:_ add `shell: bash`"))
  }

  @Test func planShowsTheFindingsAndCarriesThemInPlanJSON() throws {
    let repo = try withTee()
    let plan = repo.deletingLastPathComponent().appendingPathComponent("plan.json")
    let text = try OptimizeBinary.run(
      ["plan", "--phase", "1", "-o", plan.path, "--repo", repo.path], in: repo)
    #expect(text.status == 0, "\(text.stderr)")
    #expect(
      text.stdout.contains(
        "Preflight (optimize doctor):\n  error   .github/workflows/django-test.yml:69: `| tee test.log`"))
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: plan)) as! [String: Any]
    let findings = object["findings"] as! [[String: Any]]
    #expect(findings.map { $0["check"] as! String }.contains("tee-without-bash"))
    let markdown = try OptimizeBinary.run(
      ["plan", "--phase", "1", "--format", "markdown", "--repo", repo.path], in: repo)
    #expect(markdown.stdout.contains("### Preflight\n\n- **error** `.github/workflows/django-test.yml:69`"))
  }

  @Test func helpDocumentsTheExitCodes() throws {
    let help = try OptimizeBinary.run(["doctor", "--help"], in: FileManager.default.temporaryDirectory)
    let text = help.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(
      separator: " ")
    #expect(text.contains("Exit codes: 0 when no finding is an error, 1 otherwise"))
  }
}
