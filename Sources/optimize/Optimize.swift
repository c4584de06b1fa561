import ArgumentParser
import OptimizeCore

#if canImport(Glibc)
  import CMalloc
#endif

@main
struct Optimize: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "optimize",
    abstract: "Apply a Django test-pipeline speed-up plan as a reviewable, reversible migration.",
    discussion: """
      optimize edits your repository's CI workflow, coverage config and Django settings, \
      byte-exact and verified, records every edit in .optimize/state.json, and can undo exactly \
      its own edits. Exit codes: 0 success, 1 refusal or error (nothing written), 64 bad usage; \
      `status --check` and `doctor` document their own.
      """,
    version: toolVersion,
    subcommands: [
      PlanCommand.self, Apply.self, Status.self, Rollback.self, Recover.self, Phases.self, DoctorCommand.self,
      Verify.self,
    ]
  )

  static func main() {
    #if canImport(Glibc)
      // Two malloc arenas. libyaml reads a large workflow on two threads and allocates and frees
      // for every token: with one arena they wait on its lock (the 1 MB workflow's pass, fastest
      // of 40 runs: 8.0 ms with one, 6.8 with two). glibc's default, an arena per thread up to
      // eight per core, keeps what each thread freed out of the others' reach.
      mallopt(M_ARENA_MAX, 2)
      // Blocks of 1 MiB and more (a large file's bytes, its events) are mapped on their own and
      // unmapped when freed. glibc would raise that threshold after the first such free and keep
      // later large blocks in an arena: with two arenas, peak memory at 50 MB came within 1 MiB
      // of its target; with this setting it is 3 to 5 MiB lower than with one arena.
      mallopt(M_MMAP_THRESHOLD, 1024 * 1024)
    #endif
    main(nil)
  }
}
