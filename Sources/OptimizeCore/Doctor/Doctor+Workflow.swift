/// What the doctor needs to know about the job that runs a test step.
struct WorkflowJob {
  /// A Python version the job sets up, with where it is written.
  struct PythonVersion {
    var spelling: String
    var location: SourceLocation

    /// Whether the version is 3.14 or later; `3.x` means the latest release, which is.
    var atLeast314: Bool {
      if spelling == "3.x" { return true }
      guard let version = DjangoVersion(spelling.replacingOccurrences(of: "-dev", with: "")) else {
        return false
      }
      return version >= DjangoVersion("3.14")!
    }
  }

  /// A service container of the job.
  struct Service {
    var name: String
    var image: String
    var options: String
    var environment: [String: String]
    var location: SourceLocation
  }

  /// `runs-on`, lowercased, labels joined by spaces.
  var runsOn: String
  /// The versions `actions/setup-python` installs, matrix values expanded.
  var pythonVersions: [PythonVersion]
  /// The job's service containers.
  var services: [Service]

  /// Whether the job runs on a machine that may keep state between runs.
  var selfHosted: Bool { runsOn.contains("self-hosted") }

  /// The key of a test step's job among `DoctorContext.jobs`: its file and job name.
  static func key(of step: TestStep) -> String { "\(step.file)\n\(step.job)" }
}

extension DoctorContext {
  /// The job of a test step, read from its workflow (nil for a composite action or bad YAML).
  func workflowJob(of step: TestStep) -> WorkflowJob? {
    if let known = jobs[WorkflowJob.key(of: step)] { return known }
    guard let source = try? repository.read(step.file) else { return nil }
    return Self.job(of: step, in: source)
  }

  /// The job of a test step in its workflow's text.
  static func job(of step: TestStep, in source: SourceText) -> WorkflowJob? {
    guard let document = try? YAMLDocument(source: source), let job = document.root?["jobs"]?[step.job]
    else { return nil }
    func location(_ node: YAMLNode) -> SourceLocation { source.location(ofByte: node.start) }
    let runsOn =
      ([job["runs-on"]?.string].compactMap { $0 } + (job["runs-on"]?.items ?? []).compactMap(\.string))
      .joined(separator: " ").lowercased()
    var versions: [WorkflowJob.PythonVersion] = []
    for stepNode in job["steps"]?.items ?? [] {
      guard let uses = stepNode["uses"]?.string, uses.hasPrefix("actions/setup-python"),
        let node = stepNode["with"]?["python-version"]
      else { continue }
      let values = node.items.isEmpty ? [node] : node.items
      for value in values {
        guard let text = value.string else { continue }
        for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) })
        where !line.isEmpty {
          if let key = Self.matrixKey(line) {
            for item in job["strategy"]?["matrix"]?[key]?.items ?? [] {
              if let spelling = item.string {
                versions.append(.init(spelling: spelling, location: location(item)))
              }
            }
          } else {
            versions.append(.init(spelling: line, location: location(value)))
          }
        }
      }
    }
    var services: [WorkflowJob.Service] = []
    for (key, value) in job["services"]?.mapping?.entries ?? [] {
      var environment: [String: String] = [:]
      for (name, setting) in value["env"]?.mapping?.entries ?? [] {
        if let name = name.string, let setting = setting.string { environment[name] = setting }
      }
      services.append(
        WorkflowJob.Service(
          name: key.string ?? "", image: value["image"]?.string ?? value.string ?? "",
          options: value["options"]?.string ?? "", environment: environment, location: location(key)))
    }
    return WorkflowJob(runsOn: runsOn, pythonVersions: versions, services: services)
  }

  /// `X` of `${{ matrix.X }}`, or nil.
  static func matrixKey(_ text: String) -> String? {
    guard text.hasPrefix("${{"), text.hasSuffix("}}") else { return nil }
    let inner = text.dropFirst(3).dropLast(2).trimmingCharacters(in: .whitespaces)
    guard inner.hasPrefix("matrix.") else { return nil }
    return String(inner.dropFirst("matrix.".count))
  }
}
