import Foundation
import Testing

/// Broken or hostile input: a clear error naming the file, exit 1, and no byte written (not even
/// `.optimize/`).
@Suite struct HostileInputTests {
  struct Case: Sendable, CustomStringConvertible {
    var description: String
    var arguments: [String] = []
    var expected: String
    var setup: @Sendable (URL) throws -> Void = { _ in }
  }

  static let settings = "apps/api/brktickets/settings.py"
  static let coveragerc = "apps/api/.coveragerc"

  static func replace(_ path: String, in repo: URL, with make: (URL) throws -> Void) throws {
    let url = repo.appendingPathComponent(path)
    try FileManager.default.removeItem(at: url)
    try make(url)
  }

  static func outsideFile() throws -> String {
    let url = try TreeFixture.temporaryFolder().appendingPathComponent("outside.py")
    try Data("SECRET = 1\n".utf8).write(to: url)
    return url.path
  }

  static let cases: [Case] = [
    Case(
      description: "--settings-file ../x", arguments: ["--settings-file", "../x.py"],
      expected: "../x.py: expected a path inside the repository, found one outside it"),
    Case(
      description: "--settings-file absolute outside", arguments: ["--settings-file", "/etc/hostname"],
      expected: "/etc/hostname: expected a path inside the repository, found one outside it"),
    Case(
      description: "--coverage-config ../../x", arguments: ["--coverage-config", "apps/../../x.cfg"],
      expected: "apps/../../x.cfg: expected a path inside the repository"),
    Case(
      description: "--workflow outside", arguments: ["--workflow", "../ci.yml"],
      expected: "../ci.yml: expected a path inside the repository"),
    Case(
      description: "settings symlink outside",
      expected: "\(settings): expected a file inside the repository, found a symlink to /",
      setup: { repo in
        let outside = try outsideFile()
        try replace(settings, in: repo) {
          try FileManager.default.createSymbolicLink(atPath: $0.path, withDestinationPath: outside)
        }
      }),
    Case(
      description: "manage.py symlink outside",
      expected: "apps/api/manage.py: a symlink pointing outside the repository; not read",
      setup: { repo in
        let outside = try outsideFile()
        try replace("apps/api/manage.py", in: repo) {
          try FileManager.default.createSymbolicLink(atPath: $0.path, withDestinationPath: outside)
        }
      }),
    Case(
      description: "settings symlink inside",
      expected: "\(settings): expected a regular file, found a symlink; optimize will not replace a symlink",
      setup: { repo in
        let url = repo.appendingPathComponent(settings)
        try FileManager.default.moveItem(
          at: url, to: url.deletingLastPathComponent().appendingPathComponent("real.py"))
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: "real.py")
      }),
    Case(
      description: "coveragerc is a folder",
      expected: "\(coveragerc): expected a regular file, found a folder or special file",
      setup: { repo in
        try replace(coveragerc, in: repo) {
          try FileManager.default.createDirectory(at: $0, withIntermediateDirectories: false)
        }
      }),
    Case(
      description: "settings is a FIFO",
      expected: "\(settings): expected a regular file, found a folder or special file",
      setup: { repo in try replace(settings, in: repo) { #expect(mkfifo($0.path, 0o644) == 0) } }),
    Case(
      description: "not UTF-8", expected: "\(coveragerc): expected UTF-8 text, found invalid UTF-8",
      setup: { repo in
        try Data([0x5B, 0x72, 0x75, 0x6E, 0x5D, 0x0A, 0xFF, 0xFE, 0x0A]).write(
          to: repo.appendingPathComponent(coveragerc))
      }),
    Case(
      description: "NUL byte", expected: "\(settings): expected text, found a NUL byte at byte 3",
      setup: { repo in try Data("x =\u{0}1\n".utf8).write(to: repo.appendingPathComponent(settings)) }),
    Case(
      description: "larger than 20 MiB",
      expected: "\(coveragerc): expected a text file of at most 20 MiB, found 20971521 bytes",
      setup: { repo in
        try Data(repeating: 0x23, count: 20 * 1024 * 1024 + 1).write(
          to: repo.appendingPathComponent(coveragerc))
      }),
    Case(
      description: "malformed YAML", expected: ".github/workflows/django-test.yml:",
      setup: { repo in
        try TreeFixture.write(
          "jobs:\n  test: [\n    - run: coverage run manage.py test\n",
          to: ".github/workflows/django-test.yml", in: repo)
      }),
    Case(
      description: "malformed INI", expected: "\(coveragerc):1:1: expected a section header such as [run]",
      setup: { repo in try TreeFixture.write("[run\nsource = .\n", to: coveragerc, in: repo) }),
    Case(
      description: "malformed Python", expected: "\(settings):",
      setup: { repo in
        let url = repo.appendingPathComponent(settings)
        try Data((try String(contentsOf: url, encoding: .utf8) + "def broken(:\n").utf8).write(to: url)
      }),
  ]

  @Test(arguments: cases)
  func isRefusedWithNothingWritten(_ hostile: Case) throws {
    let repo = try TreeFixture.copy("Examples/brktickets")
    try hostile.setup(repo)
    let before = try TreeFixture.files(repo, skipping: [])
    let apply = try OptimizeBinary.run(
      ["apply", "--phase", "1", "--repo", repo.path] + hostile.arguments, in: repo)
    #expect(apply.status == 1, "\(apply.stdout)")
    #expect(apply.stderr.contains(hostile.expected), "\(apply.stderr)")
    // plan refuses too, or reports the patch as manual, with the same words.
    let plan = try OptimizeBinary.run(
      ["plan", "--phase", "1", "--repo", repo.path] + hostile.arguments, in: repo)
    if plan.status == 0 {
      #expect(plan.stdout.contains("manual") && plan.stdout.contains(hostile.expected), "\(plan.stdout)")
    } else {
      #expect(plan.status == 1 && plan.stderr.contains(hostile.expected), "\(plan.stderr)")
    }
    #expect(try TreeFixture.files(repo, skipping: []) == before)
    #expect(!FileManager.default.fileExists(atPath: repo.appendingPathComponent(".optimize").path))
  }

  @Test func aRepoThatIsMissingOrAFileIsRefused() throws {
    let folder = try TreeFixture.temporaryFolder()
    let file = folder.appendingPathComponent("file")
    try Data("x".utf8).write(to: file)
    let missing = try OptimizeBinary.run(
      ["apply", "--phase", "1", "--repo", folder.path + "/nope"], in: folder)
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("/nope: expected a repository folder, found none"))
    let isFile = try OptimizeBinary.run(["status", "--repo", file.path], in: folder)
    #expect(isFile.status == 1)
    #expect(isFile.stderr.contains("/file: expected a repository folder, found a file"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["file"])
  }

  @Test func aReadOnlyTargetIsRefusedBeforeWriting() throws {
    // Root may write anything, so this case can only be shown as another user.
    guard getuid() != 0 else { return }
    let repo = try TreeFixture.copy("Examples/brktickets")
    chmod(repo.appendingPathComponent("apps/api").path, 0o555)
    defer { chmod(repo.appendingPathComponent("apps/api").path, 0o755) }
    let before = try TreeFixture.files(repo, skipping: [])
    let result = try OptimizeBinary.run(["apply", "--phase", "1", "--repo", repo.path], in: repo)
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("apps/api/.coveragerc: expected to write the file, found permission denied"))
    #expect(try TreeFixture.files(repo, skipping: []) == before)
  }
}
