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
      // One malloc arena: a large workflow's jobs are scanned on worker threads, and glibc's
      // per-thread arenas would keep what each thread freed out of the others' reach, adding
      // tens of megabytes of peak memory on a large repository for no speed.
      mallopt(M_ARENA_MAX, 1)
    #endif
    main(nil)
  }
}
