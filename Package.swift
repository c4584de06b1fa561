// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "optimize",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "optimize", targets: ["optimize"]),
    .library(name: "OptimizeCore", targets: ["OptimizeCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    .systemLibrary(
      name: "CYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
    ),
    // glibc's mallopt, for the CLI's malloc-arena setting.
    .systemLibrary(name: "CMalloc"),
    // Turns Patches/*.yml into Swift source so the built binary carries its phases.
    .executableTarget(name: "PatchEmbedder"),
    .plugin(
      name: "EmbedPatches",
      capability: .buildTool(),
      dependencies: ["PatchEmbedder"]
    ),
    .target(
      name: "OptimizeCore",
      dependencies: [
        "CYAML",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      plugins: ["EmbedPatches"]
    ),
    .executableTarget(
      name: "optimize",
      dependencies: [
        "OptimizeCore",
        "CMalloc",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "OptimizeCoreTests",
      dependencies: ["OptimizeCore"]
    ),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["OptimizeCore", "optimize"]
    ),
  ]
)
