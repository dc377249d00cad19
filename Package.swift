// swift-tools-version: 6.1
import PackageDescription

/// Settings shared by every target.
/// - ExistentialAny (SE-0335): spell out `any P` so existential costs stay visible.
/// - MemberImportVisibility (SE-0444): a file uses only what it imports itself.
/// - InternalImportsByDefault (SE-0409): imports do not leak into the public API.
let swiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

/// `LEIO_FUZZ=1 swift build --product LeioFuzz --scratch-path .build-fuzz` (scripts/fuzz.sh): the fuzz targets,
/// with LeioCore, LeioSurvival and LeioStore instrumented for libFuzzer's coverage and AddressSanitizer. Off in every
/// other build (the flags are the toolchain's own, `-sanitize=fuzzer,address`).
let fuzzing = Context.environment["LEIO_FUZZ"] == "1"
let fuzzFlags: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"])] : []

let package = Package(
  name: "Leio",
  products: [
    .library(name: "LeioCSV", targets: ["LeioCSV"]),
    .library(name: "LeioCore", targets: ["LeioCore"]),
    .library(name: "LeioReport", targets: ["LeioReport"]),
    .library(name: "LeioSurvival", targets: ["LeioSurvival"]),
    .library(name: "LeioStore", targets: ["LeioStore"]),
    .library(name: "LeioNAACCR", targets: ["LeioNAACCR"]),
    .library(name: "LeioFHIR", targets: ["LeioFHIR"]),
    .library(name: "LeioServer", targets: ["LeioServer"]),
    .executable(name: "leio", targets: ["LeioCLI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    // `swift package generate-documentation` (DocC catalogs of LeioCore and LeioSurvival); a plugin, not linked.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    // CSV records from bytes (RFC 4180), incrementally and without per-field allocation: Foundation only. Batch
    // staging (LeioCore) and survival tables (LeioSurvival) both read CSV with it.
    .target(name: "LeioCSV", dependencies: [], swiftSettings: swiftSettings + fuzzFlags),
    // The clinical core: Foundation (and LeioCSV) only, so an iOS/macOS app can embed it.
    .target(
      name: "LeioCore",
      dependencies: ["LeioCSV"],
      resources: [.copy("Resources/Tables"), .copy("Resources/Knowledge")],
      swiftSettings: swiftSettings + fuzzFlags
    ),
    // Everything that renders for people: the care summary (HTML, text), the SVG timeline, the ICS writer and the
    // HTML kit (escaping by construction, the rule-step list, labelled controls, the case form, the page layout).
    // Foundation and LeioCore only, like the core, so an app can show the same pages.
    .target(name: "LeioReport", dependencies: ["LeioCore"], swiftSettings: swiftSettings),
    // Survival statistics (Kaplan-Meier, log-rank, Cox): Foundation only, and not LeioCore — usable on any data.
    .target(name: "LeioSurvival", dependencies: ["LeioCSV"], swiftSettings: swiftSettings + fuzzFlags),
    // The registry: patients, tumours, treatments, follow-up and the audit log in SQLite (the system library, CSQLite,
    // called directly: the embedded default) or PostgreSQL (postgres-nio); one repository implementation serves both
    // through the SQLBackend interface.
    .target(
      name: "LeioStore",
      dependencies: [
        "LeioCore",
        "CSQLite",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: swiftSettings + fuzzFlags
    ),
    // zlib, the system library (Debian zlib1g-dev): gzip streams for NAACCR XML files.
    .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    // SQLite, the system library (Debian libsqlite3-dev): the registry's embedded database (LeioStore).
    .systemLibrary(
      name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
    // NAACCR XML 1.x: a streaming reader and writer of registry files (bytes in, tumours out; no DOM, no per-item
    // strings), gzip or plain, and the staging of each tumour with LeioCore. Foundation, LeioCore and zlib only.
    .target(name: "LeioNAACCR", dependencies: ["LeioCore", "CZlib"], swiftSettings: swiftSettings + fuzzFlags),
    // HL7 FHIR R4 with mCODE STU4: a registry patient file as a patient bundle and back (the bundle's JSON built and
    // read with Foundation; no FHIR library). LeioCore for staging, LeioStore for the records it maps.
    .target(name: "LeioFHIR", dependencies: ["LeioCore", "LeioStore"], swiftSettings: swiftSettings + fuzzFlags),
    // The HTTP server (Hummingbird 2): the same core, over HTTP. Only the CLI imports it.
    .target(
      name: "LeioServer",
      dependencies: [
        "LeioCore",
        "LeioReport",
        "LeioStore",
        "LeioNAACCR",
        "LeioFHIR",
        "LeioSurvival",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ],
      resources: [.copy("Resources/openapi.json")],
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "LeioCLI",
      dependencies: [
        "LeioCore",
        "LeioReport",
        "LeioSurvival",
        "LeioStore",
        "LeioServer",
        "LeioNAACCR",
        "LeioFHIR",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings
    ),
    // Benchmarks: release-build throughput of staging, FHIR bundles and survival statistics, and registry-file
    // generators (CSV, NAACCR XML) for the scripts in Benchmarks/.
    .executableTarget(
      name: "LeioBench",
      dependencies: ["LeioCore", "LeioSurvival", "LeioNAACCR", "LeioFHIR", "LeioStore"],
      path: "Benchmarks/LeioBench",
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "LeioCoreTests",
      dependencies: ["LeioCore", "LeioCSV"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "LeioNAACCRTests",
      dependencies: ["LeioNAACCR", "LeioCore"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "LeioFHIRTests",
      dependencies: ["LeioFHIR", "LeioCore", "LeioStore"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "LeioReportTests",
      dependencies: ["LeioReport", "LeioCore"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "LeioSurvivalTests",
      dependencies: ["LeioSurvival", "LeioCSV"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "LeioStoreTests",
      dependencies: [
        "LeioStore", "LeioCore", "LeioServer", "LeioNAACCR", "LeioFHIR",
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "LeioServerTests",
      dependencies: [
        "LeioServer", "LeioCore", "LeioStore", .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "LeioCLITests",
      dependencies: ["LeioCLI"],
      swiftSettings: swiftSettings
    ),
  ]
)

if fuzzing {
  package.targets.append(
    .executableTarget(
      name: "LeioFuzz",
      dependencies: ["LeioCSV", "LeioCore", "LeioSurvival", "LeioStore", "LeioNAACCR", "LeioFHIR"],
      path: "Fuzz/LeioFuzz",
      swiftSettings: swiftSettings + [.unsafeFlags(["-sanitize=fuzzer,address", "-parse-as-library"])],
      linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]
    ))
  package.products.append(.executable(name: "LeioFuzz", targets: ["LeioFuzz"]))
}
