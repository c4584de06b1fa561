// Until the TOML editor lands, pyproject.toml coverage configs are reported as manual.
enum PyprojectCoverageEditor {
  static func plan(source: SourceText, wants: CoverageRunSettings) throws -> CoverageConfigPlan {
    throw INIError.manual(
      FormatError(
        in: source, atByte: 0, expected: "a coverage config optimize can edit",
        found: "[tool.coverage] in pyproject.toml",
        fix: "add parallel = true and concurrency = [\"multiprocessing\", \"thread\"] to [tool.coverage.run] by hand"))
  }
  static func verify(before: SourceText, after: SourceText, wants: CoverageRunSettings) throws {}
}
