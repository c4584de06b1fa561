/// Reads one phase file's YAML into a `Phase`, collecting every problem with its `file:line:col`.
struct PhaseReader {
  let source: SourceText
  private(set) var problems: [FormatError] = []

  init(source: SourceText) {
    self.source = source
  }

  mutating func read() throws -> Phase? {
    let document = try YAMLDocument(source: source)
    guard let root = document.root, let mapping = root.mapping else {
      problem(
        at: document.root?.start ?? 0, expected: "a mapping with phase, title and patches",
        found: "no mapping")
      return nil
    }
    let number = integer(mapping, "phase")
    let title = string(mapping, "title")
    let summary = string(mapping, "summary", required: false) ?? ""
    let requires = (mapping["requires"]?.items ?? []).compactMap { node -> Int? in
      guard let value = node.string.flatMap(Int.init) else {
        problem(at: node.start, expected: "a phase number", found: describe(node))
        return nil
      }
      return value
    }
    var patches: [Patch] = []
    var ids: Set<String> = []
    if let list = required(mapping, "patches") {
      if list.items.isEmpty {
        problem(at: list.start, expected: "a list of patches", found: describe(list))
      }
      for item in list.items {
        guard let patch = self.patch(item) else { continue }
        if !ids.insert(patch.id).inserted {
          problem(at: item.start, expected: "a unique patch id", found: "'\(patch.id)' twice")
        }
        patches.append(patch)
      }
    }
    guard let number, let title, problems.isEmpty else { return nil }
    return Phase(
      number: number, title: title, summary: summary, requires: requires, patches: patches,
      file: source.path, digest: sha256Hex(source.bytes))
  }

  private mutating func patch(_ node: YAMLNode) -> Patch? {
    guard let mapping = node.mapping else {
      problem(at: node.start, expected: "a patch mapping", found: describe(node))
      return nil
    }
    let id = string(mapping, "id")
    let title = string(mapping, "title", required: false)
    let why = string(mapping, "why") ?? ""
    guard let kindName = string(mapping, "kind") else { return nil }
    let kind: Patch.Kind?
    switch kindName {
    case "coverage-config": kind = coverageConfig(mapping)
    case "settings-block": kind = settingsBlock(mapping)
    case "test-command": kind = testCommand(mapping)
    default:
      problem(
        at: mapping["kind"]!.start, expected: "coverage-config, settings-block or test-command",
        found: "kind '\(kindName)'")
      kind = nil
    }
    guard let id, let kind else { return nil }
    return Patch(id: id, title: title ?? id, why: why, kind: kind)
  }

  private mutating func coverageConfig(_ mapping: YAMLMapping) -> Patch.Kind? {
    let parallel = boolean(mapping, "parallel") ?? true
    let concurrency = strings(mapping, "concurrency")
    let whenUnset = strings(mapping, "concurrency-when-unset", required: false) ?? concurrency
    guard let concurrency, let whenUnset else { return nil }
    return .coverageConfig(
      CoverageRunSettings(parallel: parallel, concurrency: concurrency, concurrencyWhenUnset: whenUnset))
  }

  private mutating func settingsBlock(_ mapping: YAMLMapping) -> Patch.Kind? {
    let marker = string(mapping, "marker")
    let guardExpression = string(mapping, "guard")
    let imports = strings(mapping, "imports", required: false) ?? []
    let comment = string(mapping, "comment", required: false)
    let name = string(mapping, "name")
    let values = strings(mapping, "values")
    guard let marker, let guardExpression, let name, let values else { return nil }
    return .settingsBlock(
      SettingsBlock(
        marker: marker, guardExpression: guardExpression, comment: comment, name: name,
        values: values, imports: imports))
  }

  private mutating func testCommand(_ mapping: YAMLMapping) -> Patch.Kind? {
    guard let runnerName = string(mapping, "runner") else { return nil }
    guard let runner = TestRunner(rawValue: runnerName) else {
      problem(
        at: mapping["runner"]!.start, expected: "a known test runner (django)",
        found: "'\(runnerName)'")
      return nil
    }
    let coverageFlag = mapping["coverage-flag"].flatMap { flagRule($0) }
    var flags: [TestCommandSpec.TestFlag] = []
    for item in required(mapping, "test-flags")?.items ?? [] {
      guard let rule = flagRule(item), let flag = item.mapping else { continue }
      var below: String?
      var olderAdd: String?
      if let older = flag["below-django"]?.mapping {
        below = string(older, "version")
        olderAdd = string(older, "add")
      }
      flags.append(TestCommandSpec.TestFlag(rule: rule, belowDjango: below, olderAdd: olderAdd))
    }
    let combine = string(mapping, "combine", required: false)
    let reports = strings(mapping, "reports", required: false) ?? []
    return .testCommand(
      TestCommandSpec(
        runner: runner, coverageFlag: coverageFlag, testFlags: flags, combine: combine,
        reports: reports))
  }

  private mutating func flagRule(_ node: YAMLNode) -> FlagRule? {
    guard let mapping = node.mapping else {
      problem(at: node.start, expected: "a flag mapping with add and present-if", found: describe(node))
      return nil
    }
    guard let add = string(mapping, "add"), let presentIf = strings(mapping, "present-if") else {
      return nil
    }
    return FlagRule(add: add, presentIf: presentIf)
  }

  // MARK: Typed field access that records problems

  private mutating func required(_ mapping: YAMLMapping, _ key: String) -> YAMLNode? {
    guard let node = mapping[key] else {
      problem(at: mapping.start, expected: "a '\(key)' key", found: "none")
      return nil
    }
    return node
  }

  private mutating func string(_ mapping: YAMLMapping, _ key: String, required: Bool = true)
    -> String?
  {
    guard let node = required ? self.required(mapping, key) : mapping[key] else { return nil }
    guard let value = node.string, !value.isEmpty else {
      problem(at: node.start, expected: "a text for '\(key)'", found: describe(node))
      return nil
    }
    return value
  }

  private mutating func integer(_ mapping: YAMLMapping, _ key: String) -> Int? {
    guard let node = required(mapping, key) else { return nil }
    guard let value = node.string.flatMap(Int.init), value > 0 else {
      problem(at: node.start, expected: "a positive number for '\(key)'", found: describe(node))
      return nil
    }
    return value
  }

  private mutating func boolean(_ mapping: YAMLMapping, _ key: String) -> Bool? {
    guard let node = mapping[key] else { return nil }
    switch node.string?.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default:
      problem(at: node.start, expected: "true or false for '\(key)'", found: describe(node))
      return nil
    }
  }

  private mutating func strings(_ mapping: YAMLMapping, _ key: String, required: Bool = true)
    -> [String]?
  {
    guard let node = required ? self.required(mapping, key) : mapping[key] else { return nil }
    guard case .sequence(let sequence) = node, let values = Optional(sequence.items.compactMap(\.string)),
      values.count == sequence.items.count, !values.isEmpty || !required
    else {
      problem(at: node.start, expected: "a list of texts for '\(key)'", found: describe(node))
      return nil
    }
    return values
  }

  private func describe(_ node: YAMLNode) -> String {
    switch node {
    case .scalar(let scalar): return scalar.value.isEmpty ? "an empty value" : "'\(scalar.value)'"
    case .mapping: return "a mapping"
    case .sequence(let sequence): return sequence.items.isEmpty ? "an empty list" : "a list"
    case .alias(let alias): return "an alias *\(alias.anchor)"
    }
  }

  private mutating func problem(at offset: Int, expected: String, found: String) {
    problems.append(
      FormatError(
        in: source, atByte: offset, expected: expected, found: found,
        fix: "correct the phase file (see Patches/phase-1.yml for the format)"))
  }
}
