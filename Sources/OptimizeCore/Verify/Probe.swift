import Foundation

/// What the interpreter has: Python, Django and coverage versions; and reading coverage totals.
struct Probe {
  var python: [Int]
  var django: [Int]
  var coverage: String?

  /// `Python 3.11.7, Django 5.2.8, coverage 7.11.3`.
  var summary: String {
    "Python \(python.map(String.init).joined(separator: ".")), Django \(django.map(String.init).joined(separator: "."))"
      + (coverage.map { ", coverage \($0)" } ?? "")
  }

  /// Django's `--durations` exists from Django 5.0 on Python 3.12.
  var supportsDurations: Bool {
    django.lexicographicallyPrecedes([5, 0]) == false && python.lexicographicallyPrecedes([3, 12]) == false
  }

  static let script = """
    import sys
    print("python=" + ".".join(map(str, sys.version_info[:3])))
    import django
    print("django=" + ".".join(map(str, django.VERSION[:3])))
    try:
        import coverage
        print("coverage=" + coverage.__version__)
    except ImportError:
        pass
    """

  /// Asks `python`, in the folder the tests run in, for its versions.
  ///
  /// - Throws: `VerifyError.interpreter` when it cannot import Django.
  static func run(python: String, in folder: String, environment: [String: String]) throws -> Probe {
    let outcome = try SuiteProcess.run(
      [python, "-c", script], in: folder, environment: environment, timeout: 120)
    var values: [String: String] = [:]
    for line in outcome.text.split(separator: "\n") {
      let parts = line.split(separator: "=", maxSplits: 1)
      if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
    }
    guard outcome.status == 0, let python = values["python"], let django = values["django"] else {
      throw VerifyError.interpreter(
        python, output: outcome.text.split(separator: "\n").suffix(8).joined(separator: "\n"))
    }
    let numbers = { (text: String) in text.split(separator: ".").compactMap { Int($0) } }
    return Probe(python: numbers(python), django: numbers(django), coverage: values["coverage"])
  }

  /// Combines parallel data if there is any, then reads the total percentage from `coverage json`.
  static func coverage(
    python: String, in folder: URL, environment: [String: String], scratch: URL
  ) -> (Double?, String?) {
    do {
      if TreeCopy.hasParallelData(in: folder) {
        let combine = try SuiteProcess.run(
          [python, "-m", "coverage", "combine"], in: folder.path, environment: environment, timeout: 600)
        if combine.status != 0 { return (nil, "coverage combine failed: \(combine.text.suffix(300))") }
      }
      let file = scratch.appendingPathComponent("coverage-\(UUID().uuidString).json")
      let json = try SuiteProcess.run(
        [python, "-m", "coverage", "json", "-o", file.path], in: folder.path, environment: environment,
        timeout: 600)
      guard json.status == 0, let data = FileManager.default.contents(atPath: file.path) else {
        return (nil, "coverage json failed: \(json.text.suffix(300))")
      }
      struct Report: Decodable {
        struct Totals: Decodable {
          var percentCovered: Double
          enum CodingKeys: String, CodingKey { case percentCovered = "percent_covered" }
        }
        var totals: Totals
      }
      return (try JSONDecoder().decode(Report.self, from: data).totals.percentCovered, nil)
    } catch {
      return (nil, "coverage could not be read: \(error)")
    }
  }
}
