import Testing

@testable import OptimizeCore

@Suite struct INIDocumentTests {
  private func parse(_ text: String, path: String = ".coveragerc") throws -> INIDocument {
    try INIDocument(source: SourceText(path: path, string: text))
  }

  @Test func readsValuesLikeConfigParser() throws {
    let document = try parse(
      """
      # top comment
      ; another
      [run]
      source = .
      Branch=1
      data_file : .coverage.db
      omit =
          */migrations/*

          # a comment inside the list
        manage.py
      ; trailing comment

      [report]
      show_missing = True\u{20}\u{20}
      exclude_lines =
      \tpragma: no cover
      \traise NotImplementedError

      """)
    let values = document.values()
    #expect(
      values == [
        "run": [
          "source": ".", "branch": "1", "data_file": ".coverage.db",
          "omit": "\n*/migrations/*\n\nmanage.py",
        ],
        "report": ["show_missing": "True", "exclude_lines": "\npragma: no cover\nraise NotImplementedError"],
      ])
    let run = try #require(document.section("run"))
    #expect(run.headerLine == 2)
    #expect(run.lastLine == 12)
    let branch = try #require(run.entry("BRANCH"))
    #expect(branch.key == "Branch")
    #expect(branch.separatorText == "=")
    let dataFile = try #require(run.entry("data_file"))
    #expect(dataFile.separator == ":")
    #expect(dataFile.separatorText == " : ")
    let omit = try #require(run.entry("omit"))
    #expect(omit.continuation.map(\.kind) == [.value, .blank, .comment, .value])
    #expect(omit.valueLines.map(\.indent) == ["    ", "  "])
    #expect(
      document.source.text(omit.range)
        == "omit =\n    */migrations/*\n\n    # a comment inside the list\n  manage.py")
    #expect(omit.firstValueRange.isEmpty)
  }

  @Test func keepsByteRangesAcrossCRLFAndBOM() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("[run]\r\nparallel = false  \r\nbranch=on".utf8)
    let document = try INIDocument(source: SourceText(path: "setup.cfg", bytes: bytes))
    let run = try #require(document.section("run"))
    #expect(run.headerRange == 3..<8)
    let parallel = try #require(run.entry("parallel"))
    #expect(document.source.text(parallel.firstValueRange) == "false")
    #expect(parallel.value == "false")
    #expect(document.values()["run"]?["branch"] == "on")
  }

  @Test func sectionHeadersFollowConfigParsersPattern() throws {
    let document = try parse("[coverage:run]\n[ spaced ]\n[a]b] trailing\n  [indented]\n")
    #expect(document.sections.map(\.name) == ["coverage:run", " spaced ", "a]b", "indented"])
  }

  @Test func moreIndentedLinesContinueAndLessIndentedStartKeys() throws {
    let document = try parse("[run]\n  a = 1\n  b = 2\n      c = 3\nd = 4\n")
    #expect(document.values()["run"] == ["a": "1", "b": "2\nc = 3", "d": "4"])
  }

  @Test func firstSeparatorSplitsTheKey() throws {
    let document = try parse("[run]\nurl: http://x=y\nmy key = a = b\n")
    #expect(document.values()["run"] == ["url": "http://x=y", "my key": "a = b"])
  }

  @Test func inlineSemicolonsAndHashesStayInValues() throws {
    let document = try parse("[run]\nsource = app # not a comment ; nor this\n")
    #expect(document.values()["run"]?["source"] == "app # not a comment ; nor this")
  }

  @Test func repeatedDefaultSectionsMerge() throws {
    let document = try parse("[DEFAULT]\na = 1\n[DEFAULT]\nb = 2\n")
    #expect(document.values() == ["DEFAULT": ["a": "1", "b": "2"]])
  }

  @Test func duplicateSectionNamesBothLines() {
    #expect(throws: INIError.self) { try parse("[run]\na = 1\n\n[run]\nb = 2\n") }
    do {
      _ = try parse("[run]\na = 1\n\n[run]\nb = 2\n")
    } catch {
      #expect(
        "\(error)".hasPrefix(
          ".coveragerc:4:1: expected each section once, found [run] again (first at .coveragerc:1:1)"))
    }
  }

  @Test func duplicateKeyIgnoresCaseAndNamesBothLines() {
    do {
      _ = try parse("[run]\nparallel = true\n  # x\nParallel = false\n")
      Issue.record("expected a duplicate key error")
    } catch let error as INIError {
      #expect(
        error
          == .duplicateKey(
            section: "run", key: "parallel", first: SourceLocation(path: ".coveragerc", line: 2, column: 1),
            second: SourceLocation(path: ".coveragerc", line: 4, column: 1)))
      #expect("\(error)".contains(".coveragerc:4:1: expected each key once in [run]"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test(arguments: [
    ("key = 1\n[run]\n", 1, 1),
    ("[run]\njust words\n", 2, 1),
    ("[run]\n  = value\n", 2, 3),
  ])
  func syntaxErrorsPointAtTheLine(text: String, line: Int, column: Int) {
    do {
      _ = try parse(text)
      Issue.record("expected a syntax error")
    } catch let error as INIError {
      guard case .syntax(let format) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(format.location == SourceLocation(path: ".coveragerc", line: line, column: column))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test(arguments: ["[run]\nsource = {{ cookiecutter.slug }}\n", "{% if x %}\n[run]\n{% endif %}\n"])
  func templatesNeedAManualEdit(text: String) {
    do {
      _ = try parse(text)
      Issue.record("expected a templated error")
    } catch let error as INIError {
      #expect(error.needsManualEdit)
      guard case .templated = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect("\(error)".contains("manual: templated"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func loneCarriageReturnIsRefused() {
    #expect(throws: INIError.self) { try parse("[run]\rparallel = 1\n") }
  }

  @Test func emptyFileHasNoSections() throws {
    #expect(try parse("").sections.isEmpty)
    #expect(try parse("# only a comment").values().isEmpty)
  }
}
