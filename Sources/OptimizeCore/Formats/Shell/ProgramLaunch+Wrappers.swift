extension ProgramLaunch {
  /// Options of each wrapper that take the next word as their value.
  private static let valuedOptions: [String: Set<String>] = [
    "uv": [
      "--with", "--with-requirements", "--with-editable", "--python", "-p", "--extra", "--group",
      "--only-group", "--no-group", "--package", "--env-file", "--directory", "--project", "--index",
      "--default-index", "--index-url", "--extra-index-url", "--find-links", "-f", "--config-file",
      "--cache-dir",
    ],
    "poetry": ["-C", "--directory", "-P", "--project"],
    "pipenv": ["--python"],
    "pdm": ["-p", "--project", "-c", "--config"],
    "compose": [
      "-f", "--file", "-p", "--project-name", "--profile", "--env-file", "--project-directory",
      "--ansi", "--progress", "--parallel",
    ],
    "container": [
      "-e", "--env", "--env-file", "--env-from-file", "-w", "--workdir", "-u", "--user", "--name",
      "--entrypoint", "-v", "--volume", "-p", "--publish", "-l", "--label", "--index", "--pull",
      "--network", "--mount", "--platform", "-m", "--memory", "--cpus", "--add-host",
    ],
  ]

  /// Moves `index` past `time`, `exec`, `env`, `timeout`, `uv run`, `poetry run`, `pipenv run`, `pdm run`,
  /// `docker compose run|exec`, `docker-compose run|exec` and `docker exec|run`.
  mutating func skipWrappers(_ words: [ShellWord], _ index: inout Int) {
    while index < words.count {
      let start = index
      let name = words[index].value
      // Each wrapper's name starts with one of these bytes; most commands' first word does not.
      guard let first = name.utf8.first, "tneupd".utf8.contains(first) else { return }
      let next = index + 1 < words.count ? words[index + 1].value : nil
      // One switch on the name, then its second word: most first words match no case at all.
      switch name {
      case "time", "nice", "nohup", "exec":
        index += 1
        skipOptions(words, &index, valued: [])
      case "timeout":
        index += 1
        skipOptions(words, &index, valued: ["-s", "--signal", "-k", "--kill-after"])
        index += 1
      case "env":
        index += 1
        skipEnv(words, &index)
      case "uv", "poetry", "pipenv", "pdm":
        guard next == "run" else { return }
        index += 2
        skipOptions(words, &index, valued: Self.valuedOptions[name] ?? [])
      case "docker", "docker-compose":
        guard name == "docker-compose" || next == "compose" || next == "exec" || next == "run",
          skipDocker(words, &index)
        else { return }
      default:
        return
      }
      prefix += words[start..<min(index, words.count)]
    }
  }

  private mutating func skipDocker(_ words: [ShellWord], _ index: inout Int) -> Bool {
    var position = index + (words[index].value == "docker" ? 1 : 0)
    if words[position].value == "compose" || words[position].value == "docker-compose" {
      position += 1
      skipOptions(words, &position, valued: Self.valuedOptions["compose"] ?? [])
    }
    guard position < words.count, ["run", "exec"].contains(words[position].value) else {
      return false
    }
    position += 1
    skipOptions(words, &position, valued: Self.valuedOptions["container"] ?? [])
    guard position < words.count else { return false }
    index = position + 1
    return true
  }

  private mutating func skipEnv(_ words: [ShellWord], _ index: inout Int) {
    while index < words.count {
      let word = words[index]
      if let pair = word.assignment {
        environment[pair.name] = pair.value
      } else if word.value == "-u" || word.value == "--unset" || word.value == "-C" {
        index += 1
      } else if !Self.isDashed(word.value) {
        return
      }
      index += 1
    }
  }

  /// Moves past options; records `-e NAME=value`/`--env NAME=value` in `environment`.
  private mutating func skipOptions(_ words: [ShellWord], _ index: inout Int, valued: Set<String>) {
    while index < words.count, Self.isDashed(words[index].value), words[index].value != "-" {
      let option = words[index].value
      index += 1
      if option == "--" { return }
      guard valued.contains(option), index < words.count else { continue }
      if option == "-e" || option == "--env", let pair = words[index].assignment {
        environment[pair.name] = pair.value
      }
      index += 1
    }
  }
}
