import Testing

@testable import OptimizeCore

/// Plans edits for a `pyproject.toml`, applies them, verifies the result and returns it.
func applyPyprojectPlan(_ before: String, wants: CoverageRunSettings = .phase1) throws -> String? {
  let source = SourceText(path: "pyproject.toml", string: before)
  switch try PyprojectCoverageEditor.plan(source: source, wants: wants) {
  case .satisfied:
    return nil
  case .edits(let edits, _):
    let after = SourceText(path: source.path, bytes: try edits.applied(to: source.bytes, path: source.path))
    try PyprojectCoverageEditor.verify(before: source, after: after, wants: wants)
    #expect(try edits.inverses.applied(to: after.bytes, path: source.path) == source.bytes)
    return after.string
  }
}

@Suite struct TOMLDocumentTests {
  @Test func scansTablesKeysAndValues() throws {
    let text = """
      # comment
      title = "x" # trailing
      [tool.coverage.run]
      "quoted key" = 'literal'
      a . "b.c" = 1979-05-27 07:32:00Z
      multi = \"\"\"
      line \\
        joined\"\"\"
      raw = '''it's'''
      list = [
        1, # one
        [2, 3],
        { x = true },
      ]
      [[tool.other]]
      esc = "tab\\there \\u00e9"
      """
    let document = try TOMLDocument(source: SourceText(path: "pyproject.toml", string: text))
    #expect(document.tables.map(\.path) == [[], ["tool", "coverage", "run"], ["tool", "other"]])
    #expect(document.tables[2].isArrayTable)
    let paths = document.entries.map { $0.fullPath.joined(separator: "/") }
    #expect(
      paths == [
        "title", "tool/coverage/run/quoted key", "tool/coverage/run/a/b.c", "tool/coverage/run/multi",
        "tool/coverage/run/raw", "tool/coverage/run/list", "tool/other/esc",
      ])
    let values = document.entries.map(\.value.kind)
    #expect(values[0] == .string("x"))
    #expect(values[1] == .string("literal"))
    #expect(values[2] == .other)
    #expect(document.source.text(document.entries[2].value.range) == "1979-05-27 07:32:00Z")
    #expect(values[3] == .string("line joined"))
    #expect(values[4] == .string("it's"))
    #expect(values[6] == .string("tab\there é"))
    guard case .array(let elements, let comma) = values[5] else {
      Issue.record("expected an array")
      return
    }
    #expect(elements.count == 3)
    #expect(comma != nil)
  }

  @Test(arguments: ["a = ", "a = [1, 2", "a = \"open", "[table", "a = 1 b = 2", "a = 'x\n'"])
  func rejectsBrokenTOML(text: String) {
    #expect(throws: TOMLError.self) { try TOMLDocument(source: SourceText(path: "p.toml", string: text)) }
  }
}

@Suite struct TOMLCoverageEditorTests {
  @Test(arguments: [
    (
      "[project]\nname = \"app\"\n\n[tool.coverage.run]\nsource = [\"app\"]\n\n[tool.coverage.report]\nshow_missing = true\n",
      "[project]\nname = \"app\"\n\n[tool.coverage.run]\nparallel = true\nconcurrency = [\"multiprocessing\", \"thread\"]\nsource = [\"app\"]\n\n[tool.coverage.report]\nshow_missing = true\n"
    ),
    (
      "[tool.coverage.run]\r\n  branch = true\r\n",
      "[tool.coverage.run]\r\n  parallel = true\r\n  concurrency = [\"multiprocessing\", \"thread\"]\r\n  branch = true\r\n"
    ),
    (
      "[tool.coverage.run]",
      "[tool.coverage.run]\nparallel = true\nconcurrency = [\"multiprocessing\", \"thread\"]"
    ),
    // Missing table: appended after a blank line.
    (
      "[project]\nname = \"app\"",
      "[project]\nname = \"app\"\n\n[tool.coverage.run]\nparallel = true\nconcurrency = [\"multiprocessing\", \"thread\"]\n"
    ),
    ("", "[tool.coverage.run]\nparallel = true\nconcurrency = [\"multiprocessing\", \"thread\"]\n"),
    // Dotted keys under [tool.coverage].
    (
      "[tool.coverage]\nrun.branch = true\nreport.show_missing = true\n",
      "[tool.coverage]\nrun.branch = true\nrun.parallel = true\nrun.concurrency = [\"multiprocessing\", \"thread\"]\nreport.show_missing = true\n"
    ),
    (
      "[tool.coverage]\nrun.parallel = false\nrun.concurrency = ['thread']\n",
      "[tool.coverage]\nrun.parallel = true\nrun.concurrency = ['thread', 'multiprocessing']\n"
    ),
    // Only what is missing.
    (
      "[tool.coverage.run]\nparallel = false # off for now\nconcurrency = [\"multiprocessing\"]\n",
      "[tool.coverage.run]\nparallel = true # off for now\nconcurrency = [\"multiprocessing\"]\n"
    ),
  ])
  func editsTheRunTable(before: String, after: String) throws {
    #expect(try applyPyprojectPlan(before) == after)
  }

  @Test(arguments: [
    ("[\"thread\"]", "[\"thread\", \"multiprocessing\"]"),
    ("['thread']", "['thread', 'multiprocessing']"),
    ("[\"thread\",\"gevent\"]", "[\"thread\",\"gevent\",\"multiprocessing\"]"),
    ("[ \"thread\" , \"gevent\" ]", "[ \"thread\" , \"gevent\" , \"multiprocessing\" ]"),
    ("[\"thread\",]", "[\"thread\", \"multiprocessing\",]"),
    ("[]", "[\"multiprocessing\", \"thread\"]"),
    (
      "[\n    \"thread\",  # threads\n    \"gevent\"\n]",
      "[\n    \"thread\",  # threads\n    \"gevent\",\n    \"multiprocessing\"\n]"
    ),
    (
      "[\n  'thread',  # threads\n  # 'gevent',\n]",
      "[\n  'thread',  # threads\n  'multiprocessing',\n  # 'gevent',\n]"
    ),
    (
      "[\n  \"gevent\", \"thread\",\n]  # two",
      "[\n  \"gevent\", \"thread\",\n  \"multiprocessing\",\n]  # two"
    ),
  ])
  func mergesIntoAnArrayInItsStyle(array: String, merged: String) throws {
    let before = "[tool.coverage.run]\nparallel = true\nconcurrency = \(array)\nbranch = true\n"
    #expect(
      try applyPyprojectPlan(before)
        == "[tool.coverage.run]\nparallel = true\nconcurrency = \(merged)\nbranch = true\n")
  }

  @Test func inlineTablesGetValueEditsOnly() throws {
    #expect(
      try applyPyprojectPlan("[tool.coverage]\nrun = { parallel = false, concurrency = [\"thread\"] }\n")
        == "[tool.coverage]\nrun = { parallel = true, concurrency = [\"thread\", \"multiprocessing\"] }\n")
    #expect(
      try applyPyprojectPlan(
        "[tool.coverage]\nrun = { parallel = true, concurrency = [\"multiprocessing\"] }\n") == nil)
  }

  @Test(arguments: [
    "[tool.coverage]\nrun = { branch = true }\n",
    "[tool]\ncoverage = { run = { parallel = true } }\n",
    "[tool.coverage.run]\nparallel = \"yes\"\n",
    "[tool.coverage.run]\nparallel = true\nconcurrency = \"thread\"\n",
    "[tool.coverage.run]\nparallel = true\nconcurrency = [1]\n",
    "[[tool.coverage.run]]\nbranch = true\n",
  ])
  func unsafeShapesNeedAManualEdit(text: String) {
    do {
      _ = try applyPyprojectPlan(text)
      Issue.record("expected a manual error")
    } catch let error as TOMLError {
      #expect(error.needsManualEdit, "\(error)")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func satisfiedWhenAlreadyThere() throws {
    let source = SourceText(
      path: "pyproject.toml",
      string:
        "[tool.coverage.run]\nbranch = true\nparallel = true\nconcurrency = [\"multiprocessing\", \"thread\"]\n"
    )
    #expect(
      try PyprojectCoverageEditor.plan(source: source, wants: .phase1)
        == .satisfied(
          reason: "[tool.coverage.run] already has parallel and concurrency with multiprocessing",
          location: SourceLocation(path: "pyproject.toml", line: 3, column: 1)))
  }

  @Test func factsAndNewFile() throws {
    let source = SourceText(
      path: "pyproject.toml",
      string: "[tool.coverage.run]\ndata_file = \".cov/data\"\nsigterm = true\nconcurrency = ['thread']\n")
    #expect(
      try PyprojectCoverageEditor.facts(source: source)
        == CoverageRunFacts(
          section: "tool.coverage.run", concurrency: ["thread"], dataFile: ".cov/data", sigterm: true))
    #expect(
      PyprojectCoverageEditor.newFileContents(wants: .phase1)
        == "[tool.coverage.run]\nparallel = true\nconcurrency = [\"multiprocessing\", \"thread\"]\n")
  }

  @Test(arguments: [
    (
      "[tool.coverage.run]\nbranch = true\n",
      "[tool.coverage.run]\nbranch = false\nparallel = true\nconcurrency = [\"multiprocessing\", \"thread\"]\n"
    ),
    (
      "[tool.coverage.run]\nconcurrency = [\"gevent\"]\n",
      "[tool.coverage.run]\nparallel = true\nconcurrency = [\"multiprocessing\"]\n"
    ),
    ("[tool.coverage.run]\n", "[tool.coverage.run]\nparallel = true\nconcurrency = [\"multiprocessing\"]\n"),
    (
      "[a]\n",
      "[a]\n[b]\n[tool.coverage.run]\nparallel = true\nconcurrency = [\"multiprocessing\", \"thread\"]\n"
    ),
    ("[a]\n", "[a]\nparallel = true\n"),
  ])
  func verifyRejectsLossOrLack(before: String, after: String) {
    #expect(throws: TOMLError.self) {
      try PyprojectCoverageEditor.verify(
        before: SourceText(path: "pyproject.toml", string: before),
        after: SourceText(path: "pyproject.toml", string: after), wants: .phase1)
    }
  }
}
