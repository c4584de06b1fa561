import ArgumentParser
import OptimizeCore

@main
struct Optimize: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Apply a Django test-pipeline speed-up plan as a reviewable, reversible migration.",
    version: toolVersion
  )
}
