/// Builds the `TestContext` of a test invocation, wherever its shell text lives.
struct ContextBuilder {
  let repository: Repository

  /// The context of `invocation`, whose shell text starts in the repository folder `base` (nil when
  /// unknown) with the environment `env`; `file` and `line` name the command in messages, `envFile`
  /// the file that set `env` (the workflow, for a Makefile or script it runs).
  func context(
    of invocation: TestInvocation, base: String?, env: [String: String], file: String, line: Int,
    envFile: String? = nil
  ) -> TestContext {
    let source = { (name: String) in invocation.environment[name] != nil ? file : envFile ?? file }
    let environment = env.merging(invocation.environment) { $1 }
    let directory = folder(base, after: invocation.workingDirectory)
    var pythonRoot = directory
    if let managePy = invocation.managePy, let folder = directory {
      let script = (try? repository.join(folder, managePy)) ?? managePy
      let resolved = (try? repository.resolveSymlink(script)) ?? script
      pythonRoot = resolved.split(separator: "/").dropLast().joined(separator: "/")
    }
    var settings: (String, String)?
    if let module = invocation.settings {
      settings = (module, "--settings on \(file):\(line)")
    } else if let module = environment["DJANGO_SETTINGS_MODULE"] {
      settings = (module, "DJANGO_SETTINGS_MODULE in \(source("DJANGO_SETTINGS_MODULE"))")
    }
    var rcfile: (String, String)?
    if let path = invocation.coverage?.rcfile {
      rcfile = (path, "--rcfile on \(file):\(line)")
    } else if let path = environment["COVERAGE_RCFILE"] {
      rcfile = (path, "COVERAGE_RCFILE in \(source("COVERAGE_RCFILE"))")
    }
    return TestContext(
      workingDirectory: directory, pythonRoot: pythonRoot, settingsModule: settings, rcfile: rcfile,
      environment: environment, runsCoverage: invocation.coverage != nil)
  }

  /// The repository folder reached from `base` after the script's `cd`s; nil when unknown or outside.
  func folder(_ base: String?, after change: WorkingDirectory) -> String? {
    switch change {
    case .unchanged: return base
    case .relative(let path): return base.flatMap { try? repository.join($0, path) }
    case .absolute, .unknown: return nil
    }
  }
}
