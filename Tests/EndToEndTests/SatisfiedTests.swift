import Foundation
import Testing

/// A repository that already does everything Phase 1 wants: nothing is written, and it is intact.
@Suite struct SatisfiedTests {
  @Test func everythingSatisfiedWritesOnlyTheLedger() throws {
    let repo = try SettingsDiscoveryTests.repo(
      command:
        "|\n          coverage run -p manage.py test --parallel --keepdb\n          coverage combine\n          coverage report",
      files: [
        "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n",
        "proj/__init__.py": "",
        "proj/settings.py": "PASSWORD_HASHERS = ('django.contrib.auth.hashers.MD5PasswordHasher',)\n",
        ".coveragerc": "[run]\nparallel = on\nconcurrency = multiprocessing\n",
      ])
    let before = try TreeFixture.files(repo)
    let plan = try OptimizeBinary.run(["plan", "--phase", "1", "--repo", repo.path], in: repo)
    #expect(plan.status == 0)
    #expect(plan.stdout.contains("Nothing to change."))
    #expect(plan.stdout.contains("satisfied coverage-parallel"))
    #expect(plan.stdout.contains("satisfied test-password-hasher"))
    #expect(plan.stdout.contains("satisfied ci-parallel-tests"))
    let check = try OptimizeBinary.run(["status", "--check", "--repo", repo.path], in: repo)
    #expect(check.status == 0, "\(check.stdout)")
    #expect(check.stdout.contains("Phase 1 (Foundation (quick wins)): satisfied"))
    let apply = try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path], in: repo)
    #expect(apply.status == 0)
    #expect(
      apply.stdout.contains("Every patch was already satisfied; recorded phase 1 in .optimize/state.json."))
    #expect(try TreeFixture.files(repo) == before)
    let applied = try OptimizeBinary.run(
      ["status", "--check", "--phase", "1", "--repo", repo.path], in: repo)
    #expect(applied.status == 0)
    #expect(applied.stdout.contains("satisfied coverage-parallel"))
  }
}
