import Testing

@testable import OptimizeCore

/// Plans edits for `before`, applies them, verifies the result and returns it.
func applyCoveragePlan(
  _ before: String, section: String = "run", path: String = ".coveragerc",
  wants: CoverageRunSettings = .phase1
) throws -> String? {
  let source = SourceText(path: path, string: before)
  switch try CoverageConfigEditor.plan(source: source, section: section, wants: wants) {
  case .satisfied:
    return nil
  case .edits(let edits, _):
    let after = SourceText(path: path, bytes: try edits.applied(to: source.bytes, path: path))
    try CoverageConfigEditor.verify(before: source, after: after, section: section, wants: wants)
    #expect(try edits.inverses.applied(to: after.bytes, path: path) == source.bytes)
    return after.string
  }
}

@Suite struct CoverageConfigEditorTests {
  @Test func insertsBothKeysRightAfterTheHeader() throws {
    let before = """
      [run]
      source = .

      # Omit specific files and patterns from coverage measurement
      omit =
          */migrations/*
          manage.py

      [report]
      show_missing = True

      """
    let after = """
      [run]
      parallel = True
      concurrency = multiprocessing,thread
      source = .

      # Omit specific files and patterns from coverage measurement
      omit =
          */migrations/*
          manage.py

      [report]
      show_missing = True

      """
    #expect(try applyCoveragePlan(before) == after)
  }

  @Test(arguments: [
    // The file's separator style is kept.
    ("[run]\nbranch=1\n", "[run]\nparallel=True\nconcurrency=multiprocessing,thread\nbranch=1\n"),
    ("[run]\nbranch: 1\n", "[run]\nparallel: True\nconcurrency: multiprocessing,thread\nbranch: 1\n"),
    (
      "[run]\nbranch    =   1\n",
      "[run]\nparallel = True\nconcurrency = multiprocessing,thread\nbranch    =   1\n"
    ),
    // An empty section, a header without a final newline, CRLF.
    ("[run]\n[report]\n", "[run]\nparallel = True\nconcurrency = multiprocessing,thread\n[report]\n"),
    ("[run]", "[run]\nparallel = True\nconcurrency = multiprocessing,thread"),
    (
      "[run]\r\nbranch = True\r\n",
      "[run]\r\nparallel = True\r\nconcurrency = multiprocessing,thread\r\nbranch = True\r\n"
    ),
    // Indented keys: new lines take the same indent, so the next key does not become a continuation.
    (
      "[run]\n  branch = 1\n  source = .\n",
      "[run]\n  parallel = True\n  concurrency = multiprocessing,thread\n  branch = 1\n  source = .\n"
    ),
    (
      "[run]\n\n# c\n\tbranch = 1\n",
      "[run]\n\tparallel = True\n\tconcurrency = multiprocessing,thread\n\n# c\n\tbranch = 1\n"
    ),
    // Only the missing key is added.
    ("[run]\nparallel = True\n", "[run]\nconcurrency = multiprocessing,thread\nparallel = True\n"),
    ("[run]\nconcurrency = multiprocessing\n", "[run]\nparallel = True\nconcurrency = multiprocessing\n"),
  ])
  func insertsMissingKeys(before: String, after: String) throws {
    #expect(try applyCoveragePlan(before) == after)
  }

  @Test(arguments: [
    (
      "[run]\nparallel = false\nconcurrency = multiprocessing\n",
      "[run]\nparallel = true\nconcurrency = multiprocessing\n"
    ),
    (
      "[run]\nParallel=False  \nconcurrency=thread,multiprocessing\n",
      "[run]\nParallel=True  \nconcurrency=thread,multiprocessing\n"
    ),
    (
      "[run]\nPARALLEL : OFF\nconcurrency = multiprocessing\n",
      "[run]\nPARALLEL : ON\nconcurrency = multiprocessing\n"
    ),
    (
      "[run]\nparallel = 0\nconcurrency = multiprocessing\n",
      "[run]\nparallel = 1\nconcurrency = multiprocessing\n"
    ),
    (
      "[run]\nparallel = no\nconcurrency = multiprocessing\n",
      "[run]\nparallel = yes\nconcurrency = multiprocessing\n"
    ),
  ])
  func replacesOnlyAFalseValue(before: String, after: String) throws {
    #expect(try applyCoveragePlan(before) == after)
  }

  @Test(arguments: [
    ("concurrency = thread", "concurrency = thread,multiprocessing"),
    ("concurrency = thread, gevent", "concurrency = thread, gevent, multiprocessing"),
    ("concurrency=thread ,greenlet  ", "concurrency=thread ,greenlet ,multiprocessing  "),
    ("concurrency = thread,", "concurrency = thread,multiprocessing"),
    ("concurrency = thread, ", "concurrency = thread,multiprocessing "),
    ("concurrency = gevent, thread,", "concurrency = gevent, thread, multiprocessing"),
    // Empty means coverage.py's default, thread, so it gets the whole list.
    ("concurrency =", "concurrency = multiprocessing,thread"),
    ("concurrency=  ", "concurrency=multiprocessing,thread  "),
  ])
  func mergesIntoAOneLineList(line: String, merged: String) throws {
    let before = "[run]\nparallel = True\n\(line)\nsource = app\n"
    #expect(try applyCoveragePlan(before) == "[run]\nparallel = True\n\(merged)\nsource = app\n")
  }

  @Test func mergesIntoAMultiLineListAfterItsLastItem() throws {
    let before = """
      [run]
      parallel = on
      concurrency =
          thread

          # greenlet
          gevent
        # eventlet

      source = app
      """
    let after = """
      [run]
      parallel = on
      concurrency =
          thread

          # greenlet
          gevent
          multiprocessing
        # eventlet

      source = app
      """
    #expect(try applyCoveragePlan(before) == after)
  }

  @Test func mergesIntoAMultiLineListAtTheEndOfAFileWithoutNewline() throws {
    let before = "[run]\r\nparallel = 1\r\nconcurrency = thread\r\n\tgevent"
    let after = "[run]\r\nparallel = 1\r\nconcurrency = thread\r\n\tgevent\r\n\tmultiprocessing"
    #expect(try applyCoveragePlan(before) == after)
  }

  @Test(arguments: [
    (
      "[report]\nshow_missing = True\n",
      "[report]\nshow_missing = True\n\n[run]\nparallel = True\nconcurrency = multiprocessing,thread\n"
    ),
    (
      "[report]\nshow_missing = True\n\n",
      "[report]\nshow_missing = True\n\n[run]\nparallel = True\nconcurrency = multiprocessing,thread\n"
    ),
    (
      "[report]\nshow_missing=True",
      "[report]\nshow_missing=True\n\n[run]\nparallel=True\nconcurrency=multiprocessing,thread\n"
    ),
    ("", "[run]\nparallel = True\nconcurrency = multiprocessing,thread\n"),
    (
      "# nothing yet\r\n",
      "# nothing yet\r\n\r\n[run]\r\nparallel = True\r\nconcurrency = multiprocessing,thread\r\n"
    ),
  ])
  func appendsAMissingSection(before: String, after: String) throws {
    #expect(try applyCoveragePlan(before) == after)
  }

  @Test func keepsABOM() throws {
    let source = SourceText(
      path: ".coveragerc", bytes: [0xEF, 0xBB, 0xBF] + Array("[run]\nbranch = 1\n".utf8))
    guard
      case .edits(let edits, _) = try CoverageConfigEditor.plan(
        source: source, section: "run", wants: .phase1)
    else {
      Issue.record("expected edits")
      return
    }
    let after = try edits.applied(to: source.bytes, path: source.path)
    #expect(
      after == [0xEF, 0xBB, 0xBF]
        + Array("[run]\nparallel = True\nconcurrency = multiprocessing,thread\nbranch = 1\n".utf8))
  }

  @Test func setupCfgUsesThePrefixedSection() throws {
    let before = """
      [metadata]
      name = app

      [coverage:run]
      branch = True

      [run]
      unrelated = 1

      """
    let after = """
      [metadata]
      name = app

      [coverage:run]
      parallel = True
      concurrency = multiprocessing,thread
      branch = True

      [run]
      unrelated = 1

      """
    #expect(try applyCoveragePlan(before, section: "coverage:run", path: "setup.cfg") == after)
    #expect(
      try applyCoveragePlan("[tox]\nenvlist = py3\n", section: "coverage:run", path: "tox.ini")
        == "[tox]\nenvlist = py3\n\n[coverage:run]\nparallel = True\nconcurrency = multiprocessing,thread\n")
  }

  @Test func coveragercWithOnlyThePrefixedSectionIsEditedThere() throws {
    #expect(
      try applyCoveragePlan("[coverage:run]\nbranch = 1\n")
        == "[coverage:run]\nparallel = True\nconcurrency = multiprocessing,thread\nbranch = 1\n")
    #expect(throws: INIError.self) { try applyCoveragePlan("[coverage:run]\n[run]\n") }
  }

  @Test(arguments: [
    "[run]\nparallel = True\nconcurrency = multiprocessing,thread\n",
    "[run]\nPARALLEL = yes\nConcurrency =\n  thread\n  multiprocessing\n",
    "[run]\nparallel=1\nconcurrency=gevent, multiprocessing\n",
  ])
  func satisfiedConfigsNeedNoEdits(text: String) throws {
    let source = SourceText(path: ".coveragerc", string: text)
    let plan = try CoverageConfigEditor.plan(source: source, section: "run", wants: .phase1)
    #expect(
      plan
        == .satisfied(
          reason: "[run] already has parallel and concurrency with multiprocessing",
          location: SourceLocation(path: ".coveragerc", line: 2, column: 1)))
  }

  @Test(arguments: [
    "[run]\nparallel = maybe\n",
    "[run]\nparallel =\n",
    "[run]\nparallel = $COVERAGE_PARALLEL\n",
    "[DEFAULT]\nparallel = false\n[run]\nbranch = 1\n",
  ])
  func unclearValuesNeedAManualEdit(text: String) {
    do {
      _ = try applyCoveragePlan(text)
      Issue.record("expected a manual error")
    } catch let error as INIError {
      #expect(error.needsManualEdit)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func newFileContentsAreTheWantedSection() {
    #expect(
      CoverageConfigEditor.newFileContents(section: "run", wants: .phase1)
        == "[run]\nparallel = True\nconcurrency = multiprocessing,thread\n")
    let other = CoverageRunSettings(parallel: false, concurrency: ["thread"], concurrencyWhenUnset: [])
    #expect(
      CoverageConfigEditor.newFileContents(section: "coverage:run", wants: other)
        == "[coverage:run]\nconcurrency = thread\n")
  }

  @Test func factsReadDataFileAndSigterm() throws {
    let source = SourceText(
      path: "setup.cfg",
      string: "[coverage:run]\ndata_file = build/.coverage\nSigTerm = yes\nconcurrency = thread\n")
    let facts = try CoverageConfigEditor.facts(source: source, section: "coverage:run")
    #expect(
      facts
        == CoverageRunFacts(
          section: "coverage:run", parallel: nil, concurrency: ["thread"], dataFile: "build/.coverage",
          sigterm: true))
    let empty = SourceText(path: "setup.cfg", string: "[report]\n")
    #expect(try CoverageConfigEditor.facts(source: empty, section: "coverage:run") == CoverageRunFacts())
  }
}

@Suite struct CoverageConfigVerifyTests {
  private func verify(_ before: String, _ after: String) throws {
    try CoverageConfigEditor.verify(
      before: SourceText(path: ".coveragerc", string: before),
      after: SourceText(path: ".coveragerc", string: after),
      section: "run", wants: .phase1)
  }

  @Test(arguments: [
    // Another key changed.
    ("[run]\nsource = .\n", "[run]\nparallel = True\nconcurrency = multiprocessing,thread\nsource = app\n"),
    // An old concurrency value lost, or reordered.
    ("[run]\nconcurrency = gevent\n", "[run]\nparallel = True\nconcurrency = multiprocessing\n"),
    (
      "[run]\nconcurrency = gevent,thread\n",
      "[run]\nparallel = 1\nconcurrency = thread,gevent,multiprocessing\n"
    ),
    // Unset concurrency must keep thread.
    ("[run]\n", "[run]\nparallel = True\nconcurrency = multiprocessing\n"),
    // parallel still false.
    ("[run]\nparallel = 0\n", "[run]\nparallel = 0\nconcurrency = multiprocessing,thread\n"),
    // An inserted line swallowed an indented key as its continuation.
    ("[run]\n  source = .\n", "[run]\nparallel = True\nconcurrency = multiprocessing,thread\n  source = .\n"),
    // Another section changed, or one was added.
    (
      "[run]\n[report]\na = 1\n",
      "[run]\nparallel = True\nconcurrency = multiprocessing,thread\n[report]\na = 2\n"
    ),
    ("[run]\n", "[run]\nparallel = True\nconcurrency = multiprocessing,thread\n[html]\n"),
    // The result no longer parses.
    ("[run]\n", "[run]\nparallel = True\nparallel = True\n"),
  ])
  func rejectsAResultThatLosesOrLacksSomething(before: String, after: String) {
    do {
      try verify(before, after)
      Issue.record("expected a verification error")
    } catch let error as INIError {
      guard case .verification(let path, _) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(path == ".coveragerc")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func acceptsAHandMadeEquivalentChange() throws {
    try verify(
      "[run]\nconcurrency = gevent\n", "[run]\nparallel = yes\nconcurrency =\n  gevent\n  multiprocessing\n")
  }
}
