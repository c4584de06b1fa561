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
      guard Self.mayNameWrapper(name) else { return }
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

  /// Whether `name` has the length and first two bytes of a wrapper's name. Every command's first
  /// word is asked, and comparing it with each name in turn cost more than the rest of the decoding.
  private static func mayNameWrapper(_ name: String) -> Bool {
    var bytes = name.utf8.makeIterator()
    guard let first = bytes.next(), let second = bytes.next() else { return false }
    func named(_ head: StaticString) -> Bool {
      first == head.utf8Start[0] && second == head.utf8Start[1]
    }
    switch name.utf8.count {
    case 2: return named("uv")
    case 3: return named("en") || named("pd")  // env, pdm
    case 4: return named("ti") || named("ni") || named("ex")  // time, nice, exec
    case 5: return named("no")  // nohup
    case 6: return named("po") || named("pi") || named("do")  // poetry, pipenv, docker
    case 7: return named("ti")  // timeout
    case 14: return named("do")  // docker-compose
    default: return false
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
