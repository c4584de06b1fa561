import ArgumentParser
import OptimizeCore

extension Optimize {
  struct Recover: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "recover",
      abstract: "Finish a transaction that a killed apply or rollback left in .optimize/journal.")

    @Option(name: .long, help: "Seconds to wait for another optimize that holds the repository.")
    var lockTimeout: Double = 5

    @OptionGroup var repository: RepositoryOptions

    func run() throws {
      let store = LedgerStore(repository: try repository.repository())
      let lock = try RepositoryLock(store: store, timeout: lockTimeout)
      if let note = lock.tookOver { print(note.prefix(1).uppercased() + note.dropFirst() + ".") }
      print(try Journal(store: store).recover() ?? "Nothing to recover.")
      withExtendedLifetime(lock) {}
    }
  }
}
