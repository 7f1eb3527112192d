// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "curate",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "CurateKit", targets: ["CurateKit"]),
        .executable(name: "curate", targets: ["curate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        // libpq, PostgreSQL's reference client library: the team store's connection, COPY in and out.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        // Zstandard, the compression of Parquet data files.
        .systemLibrary(
            name: "CZstd",
            providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]
        ),
        // The virtual table an ingest inserts a batch of labels from (C: SQLite's module API is C structs of callbacks).
        .target(name: "CPendingLabels", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "CurateKit",
            dependencies: [
                "CSQLite",
                "CLibPQ",
                "CPendingLabels",
                "CZstd",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "curate",
            dependencies: [
                "CurateKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CurateKitTests", dependencies: ["CurateKit"]),
        .testTarget(
            name: "CurateCLITests",
            dependencies: ["curate", "CurateKit"],
            exclude: ["Fixtures", "Snapshots"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
