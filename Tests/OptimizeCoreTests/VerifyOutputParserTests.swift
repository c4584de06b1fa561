import Testing

@testable import OptimizeCore

@Suite struct VerifyOutputParserTests {
  static let serial = """
    Found 8 test(s).
    Creating test database for alias 'default' ('test_db')...
    System check identified no issues (0 silenced).
    test_doc (app.tests.Sample.test_doc)
    Has a docstring. ... ok
    test_error (app.tests.Sample.test_error) ... ERROR
    test_fail (app.tests.Sample.test_fail) ... FAIL
    test_ok (app.tests.Sample.test_ok) ... ok
    test_skip (app.tests.Sample.test_skip) ... skipped 'no redis here'
    test_sub (app.tests.Sample.test_sub) ... 
      test_sub (app.tests.Sample.test_sub) (i=2) ... FAIL
    test_xfail (app.tests.Sample.test_xfail) ... expected failure
    test_xpass (app.tests.Sample.test_xpass) ... unexpected success

    ======================================================================
    ERROR: test_error (app.tests.Sample.test_error)
    ----------------------------------------------------------------------
    Traceback (most recent call last):
      File "/src/app/tests.py", line 9, in test_error
        raise KeyError("x")
    KeyError: 'x'

    ======================================================================
    FAIL: test_fail (app.tests.Sample.test_fail)
    ----------------------------------------------------------------------
    Traceback (most recent call last):
      File "/src/app/tests.py", line 7, in test_fail
        self.assertEqual(1, 2)
    AssertionError: 1 != 2

    ======================================================================
    FAIL: test_sub (app.tests.Sample.test_sub) (i=2)
    ----------------------------------------------------------------------
    Traceback (most recent call last):
      File "/src/app/tests.py", line 24, in test_sub
        self.assertLess(i, 2)
    AssertionError: 2 not less than 2

    ======================================================================
    UNEXPECTED SUCCESS: test_xpass (app.tests.Sample.test_xpass)
    ----------------------------------------------------------------------
    Ran 8 tests in 0.001s

    FAILED (failures=2, errors=1, skipped=1, expected failures=1, unexpected successes=1)
    Destroying test database for alias 'default' ('test_db')...
    """

  @Test func readsEveryOutcomeWithItsName() {
    let output = TestOutputParser().parse(Self.serial)
    let outcomes = output.results.map { "\($0.id) \($0.outcome.rawValue)" }
    #expect(
      outcomes == [
        "app.tests.Sample.test_doc passed", "app.tests.Sample.test_error error",
        "app.tests.Sample.test_fail failed", "app.tests.Sample.test_ok passed",
        "app.tests.Sample.test_skip skipped", "app.tests.Sample.test_sub failed",
        "app.tests.Sample.test_xfail expected-failure", "app.tests.Sample.test_xpass unexpected-success",
      ])
  }

  @Test func readsTheTotals() {
    let summary = TestOutputParser().parse(Self.serial).summary
    #expect(
      summary
        == RunSummary(
          ran: 8, ok: false, failures: 2, errors: 1, skipped: 1, expectedFailures: 1, unexpectedSuccesses: 1))
  }

  @Test func attachesTracebacksSkipReasonsAndSubtestParameters() {
    let output = TestOutputParser().parse(Self.serial)
    let detail = Dictionary(output.results.map { ($0.id, $0.detail ?? "") }) { first, _ in first }
    #expect(detail["app.tests.Sample.test_skip"] == "no redis here")
    #expect(detail["app.tests.Sample.test_error"]?.hasSuffix("KeyError: 'x'") == true)
    #expect(detail["app.tests.Sample.test_sub"]?.hasPrefix("(i=2)\nTraceback") == true)
    #expect(output.problemIDs.count == 4)
    #expect(output.strayTracebacks.isEmpty)
  }

  @Test func passingRunEndsWithOKAndSkips() {
    let text = """
      test_a (m.T.test_a) ... ok
      test_b (m.T.test_b) ... skipped "needs postgres"

      ----------------------------------------------------------------------
      Ran 2 tests in 0.010s

      OK (skipped=1)
      """
    let output = TestOutputParser().parse(text)
    #expect(output.summary?.ok == true)
    #expect(output.summary?.skipped == 1)
    #expect(output.results.last?.detail == "needs postgres")
  }

  @Test func parallelOutputWithWorkerNoiseAndWorkerTracebacks() {
    let text = """
      Found 4 test(s).
      Using existing test database for alias 'default' ('test_db')...
      Using existing clone for alias 'default' ('test_db')...
      System check identified no issues (0 silenced).
      noise from a worker
      test_errors (t.tests.B.test_errors) ... ERROR
      test_fails (t.tests.B.test_fails) ... noise printed by another worker
      FAIL
      test_prints (t.tests.B.test_prints) ... ok
      test_skipped (t.tests.B.test_skipped) ... skipped 'not today'

      ======================================================================
      ERROR: test_errors (t.tests.B.test_errors)
      ----------------------------------------------------------------------
      Traceback (most recent call last):
        File "/src/t/tests.py", line 12, in test_errors
          raise RuntimeError("boom in worker")
      RuntimeError: boom in worker

      ======================================================================
      FAIL: test_fails (t.tests.B.test_fails)
      ----------------------------------------------------------------------
      Traceback (most recent call last):
      AssertionError: 'a' != 'b'
      - a
      + b


      ----------------------------------------------------------------------
      Ran 4 tests in 0.038s

      FAILED (failures=1, errors=1, skipped=1)
      """
    let output = TestOutputParser().parse(text)
    #expect(output.results.map(\.outcome) == [.error, .failed, .passed, .skipped])
    #expect(output.results[0].detail?.contains("boom in worker") == true)
    #expect(output.results[1].detail?.hasSuffix("+ b") == true)
    #expect(output.summary?.ran == 4)
  }

  @Test func crashedWorkerTracebackAndMissingTblibAreReported() {
    let text = """
      test_a (m.T.test_a) ... ok
      Process ForkPoolWorker-2:
      Traceback (most recent call last):
        File "/usr/lib/python3.11/multiprocessing/process.py", line 314, in _bootstrap
          self.run()
      MemoryError: worker ran out of memory
      Unfortunately, tracebacks cannot be pickled, making it impossible for the parallel test runner to handle this exception cleanly.
      """
    let output = TestOutputParser().parse(text)
    #expect(output.strayTracebacks.count == 1)
    #expect(output.strayTracebacks[0].hasSuffix("MemoryError: worker ran out of memory"))
    #expect(output.notes.contains { $0.contains("install tblib") })
    #expect(output.summary == nil)
  }

  @Test(arguments: [
    ("test_a (m.T) ... ok", "m.T.test_a"),
    ("test_a (m.T.test_a) ... ok", "m.T.test_a"),
    ("setUpClass (m.T) ... ERROR", "m.T.setUpClass"),
    (
      "app.tests.test_broken (unittest.loader._FailedTest.app.tests.test_broken) ... ERROR",
      "app.tests.test_broken"
    ),
  ])
  func idsFromEveryDescriptionStyle(line: String, id: String) {
    #expect(TestOutputParser().parse(line).results.map(\.id) == [id])
  }

  @Test func durationsTable() {
    let text = """
      Slowest test durations
      ----------------------------------------------------------------------
      1.204s     test_login (p.tests.L.test_login)
      0.310s     test_buy (t.tests.O.test_buy)

      (durations < 0.001s were hidden; use -v to show these durations)
      """
    let output = TestOutputParser().parse(text)
    #expect(
      output.durations == [
        TestTiming(id: "p.tests.L.test_login", seconds: 1.204),
        TestTiming(id: "t.tests.O.test_buy", seconds: 0.31),
      ])
  }

  @Test func timesTestsAndDatabaseSetupFromArrivals() {
    let lines = [
      "Creating test database for alias 'default' ('test_db')...\n",
      "System check identified no issues (0 silenced).\n",
      "test_a (m.T.test_a) ... ", "ok\n",
      "test_b (m.T.test_b) ... ", "ok\n",
    ]
    var arrivals: [OutputArrival] = []
    var offset = 0
    for (index, chunk) in lines.enumerated() {
      arrivals.append(OutputArrival(offset: offset, seconds: [1, 4, 4, 6.5, 6.5, 7][index]))
      offset += chunk.utf8.count
    }
    let output = TestOutputParser(arrivals: arrivals).parse(lines.joined())
    #expect(output.databaseSeconds == 3)
    #expect(output.results.map(\.seconds) == [2.5, 0.5])
  }

  @Test func countsFinishedTestsForProgress() {
    #expect(TestOutputParser.finishedCount(in: Self.serial[...]) == 8)
  }
}
