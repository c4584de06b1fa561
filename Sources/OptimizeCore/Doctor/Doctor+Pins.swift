import Foundation

extension DoctorContext {
  /// `--parallel auto` needs Django 4.0; an unknown version is said as such.
  func djangoVersionFindings() -> [Finding] {
    guard let (version, source) = discovery.djangoVersion else {
      return [
        Finding(
          check: "django-version", severity: .warning, location: nil,
          message:
            "Django version unknown: no pin found in requirements*.txt, pyproject.toml, setup.cfg or Pipfile",
          why: "`manage.py test --parallel auto` needs Django 4.0 or later; before 4.0 only a bare "
            + "`--parallel` or a number works, so optimize cannot tell which spelling is safe",
          fix:
            "pin Django (e.g. `Django==5.2.8` in requirements.txt), or check that CI installs Django 4.0 or later"
        )
      ]
    }
    guard version < DjangoVersion("4.0")! else {
      return [
        Finding(
          check: "django-version", severity: .info, location: Self.location(source),
          message: "Django \(version): `--parallel=auto` works",
          why: "`manage.py test --parallel auto` needs Django 4.0 or later")
      ]
    }
    return [
      Finding(
        check: "django-version", severity: .info, location: Self.location(source),
        message: "Django \(version) is below 4.0: the plan writes a bare `--parallel`, not `--parallel=auto`",
        why: "`--parallel auto` needs Django 4.0 or later; before 4.0 only a bare `--parallel` or a number "
          + "works (since 4.0 a bare `--parallel` also means auto)",
        fix: "nothing to do; after upgrading Django, `--parallel` keeps working")
    ]
  }

  /// Python 3.14 on Linux defaults to forkserver, where Django before 6.0 runs one process.
  func pythonStartMethodFindings() -> [Finding] {
    var findings: [Finding] = []
    var seen: Set<String> = []
    for step in discovery.testSteps {
      guard let job = workflowJob(of: step), !job.runsOn.contains("windows"), !job.runsOn.contains("macos")
      else { continue }
      for python in job.pythonVersions where python.atLeast314 {
        guard seen.insert("\(python.location)").inserted else { continue }
        let django = discovery.djangoVersion
        if let django, django.version >= DjangoVersion("6.0")! { continue }
        findings.append(
          Finding(
            check: "python-start-method", severity: django == nil ? .warning : .error,
            location: python.location,
            message: "Python \(python.spelling) in CI with "
              + (django.map { "Django \($0.version)" } ?? "an unknown Django version")
              + ": the tests will silently run in one process",
            why: "since Python 3.14 the default multiprocessing start method on Linux is forkserver, and "
              + "Django before 6.0 only runs parallel tests with fork or spawn: it falls back to one process "
              + "without a word",
            fix: "upgrade to Django 6.0 or later, or set the start method before Django starts "
              + "(`multiprocessing.set_start_method(\"fork\")` at the top of manage.py's main()), or test on "
              + "Python 3.13"))
      }
    }
    return findings
  }

  /// Parallel tracebacks need `tblib`.
  func tblibFindings() -> [Finding] {
    let files = requirementFiles()
    let why =
      "a parallel worker sends a failing test's traceback to the main process with tblib; without "
      + "it Django cannot pickle the traceback and reports the failure without it"
    for path in files + Set(discovery.testSteps.map(\.file)).sorted() {
      guard let source = workflows[path] ?? (try? repository.read(path)),
        // Only a line with an ASCII `tblib` can match: one look at the whole file rules most out.
        source.bytes.withUnsafeBufferPointer({ ASCIIScan.contains($0, "tblib", ignoringCase: true) }),
        let line = (0..<source.lineStarts.count).first(where: {
          DoctorPatterns.mentionsTblib(source, line: $0)
        })
      else { continue }
      return [
        Finding(
          check: "tblib", severity: .info, location: SourceLocation(path: path, line: line + 1, column: 1),
          message: "tblib is installed: failing tests in parallel workers keep their tracebacks", why: why)
      ]
    }
    let location = discovery.djangoVersion.map { Self.location($0.source) } ?? files.first.map(Self.start)
    return [
      Finding(
        check: "tblib", severity: .warning, location: location,
        message: "tblib is not in the test requirements", why: why,
        fix: "add `tblib` to the requirements CI installs for the tests")
    ]
  }

  /// The requirement files near the Django roots, as the version reader looks for them.
  func requirementFiles() -> [String] {
    var found: [String] = []
    for folder in [""] + djangoRoots {
      func path(_ name: String) -> String { folder.isEmpty ? name : "\(folder)/\(name)" }
      for name in repository.list(folder)
      where (name.hasPrefix("requirements") && (name.hasSuffix(".txt") || name.hasSuffix(".in")))
        || ["pyproject.toml", "setup.cfg", "Pipfile", "setup.py"].contains(name)
      {
        found.append(path(name))
      }
      for name in repository.list(path("requirements")) where name.hasSuffix(".txt") || name.hasSuffix(".in")
      {
        found.append(path("requirements/\(name)"))
      }
    }
    var seen: Set<String> = []
    return found.filter { seen.insert($0).inserted && repository.isFile($0) }
  }

  /// `path:line` as discovery reports sources, as a location.
  static func location(_ source: String) -> SourceLocation {
    let parts = source.split(separator: ":")
    guard parts.count >= 2, let line = Int(parts[1]) else { return start(of: source) }
    return SourceLocation(path: String(parts[0]), line: line, column: 1)
  }
}
