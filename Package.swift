// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "liaison",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "liaison", targets: ["liaison"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
    ],
    targets: [
        // Domain values and rules; no I/O.
        .target(name: "LiaisonCore", resources: [.copy("Resources")], swiftSettings: swiftSettings),
        // The storage interface every engine implements.
        .target(name: "LiaisonStore", dependencies: ["LiaisonCore"], swiftSettings: swiftSettings),
        .target(
            name: "LiaisonSQLite",
            dependencies: [
                "LiaisonCore", "LiaisonStore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LiaisonPostgres",
            dependencies: [
                "LiaisonCore", "LiaisonStore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Synthetic networks of any size, for benchmarks.
        .target(name: "LiaisonSynthetic", dependencies: ["LiaisonCore", "LiaisonStore"], swiftSettings: swiftSettings),
        // The demo network built from the source documents.
        .target(
            name: "LiaisonDemo", dependencies: ["LiaisonCore", "LiaisonStore"], resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        // Mail: the message writer and an SMTP client of Liaison's own.
        .target(
            name: "LiaisonMail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LiaisonWeb",
            dependencies: [
                "LiaisonCore", "LiaisonStore", "LiaisonMail",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                // A channel for the pages `liaison bench` asks for in process, with no socket.
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Ink", package: "Ink"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LiaisonCLI",
            dependencies: [
                "LiaisonCore", "LiaisonStore", "LiaisonSQLite", "LiaisonPostgres", "LiaisonWeb", "LiaisonDemo",
                "LiaisonSynthetic", "LiaisonMail", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "liaison", dependencies: ["LiaisonCLI"], swiftSettings: swiftSettings),
        .testTarget(name: "LiaisonCoreTests", dependencies: ["LiaisonCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LiaisonMailTests",
            dependencies: [
                "LiaisonMail", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Helpers the test targets share; never linked into Liaison itself.
        .target(
            name: "LiaisonTestSupport",
            dependencies: ["LiaisonCore", "LiaisonStore", "LiaisonSQLite", "LiaisonPostgres"],
            path: "Tests/LiaisonTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LiaisonCLITests",
            dependencies: [
                "LiaisonCLI", "LiaisonCore", "LiaisonPostgres", "LiaisonSQLite", "LiaisonStore", "LiaisonTestSupport",
                "LiaisonMail", "LiaisonWeb", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LiaisonStoreTests",
            dependencies: [
                "LiaisonCore", "LiaisonStore", "LiaisonSQLite", "LiaisonPostgres", "LiaisonDemo", "LiaisonSynthetic",
                "LiaisonTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LiaisonWebTests",
            dependencies: [
                "LiaisonCore", "LiaisonStore", "LiaisonSQLite", "LiaisonWeb", "LiaisonCLI", "LiaisonDemo",
                "LiaisonSynthetic", "LiaisonTestSupport", "LiaisonMail", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
