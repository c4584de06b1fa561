import ArgumentParser
import OptimizeCore

extension Optimize {
  struct Phases: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "phases", abstract: "List the phases and their patches.")

    @OptionGroup var repository: RepositoryOptions

    func run() throws {
      for phase in try repository.loader().phases() {
        print("Phase \(phase.number): \(phase.title) (\(phase.file))")
        if !phase.requires.isEmpty {
          print("  requires phase \(phase.requires.map(String.init).joined(separator: ", "))")
        }
        for patch in phase.patches {
          print("  \(patch.id) [\(patch.kind.name)]: \(patch.title)")
        }
      }
    }
  }
}
