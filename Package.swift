// swift-tools-version: 6.0
import CompilerPluginSupport
import Foundation
import PackageDescription

/// `make install` and `make dist` link libcmark statically (SITEGEN_STATIC_CMARK=1),
/// so the binary needs nothing but the C library: the module map then names no
/// library, and the archive goes in whole, wherever the linker sees it.
let staticCmark = !(ProcessInfo.processInfo.environment["SITEGEN_STATIC_CMARK"] ?? "").isEmpty

/// The commit `sitegen --version` names: `make` passes `git describe` in
/// SITEGEN_COMMIT; a plain `swift build` says "unknown". Only the characters
/// a commit name uses get through to the C string.
let buildCommit: String = {
    let given = ProcessInfo.processInfo.environment["SITEGEN_COMMIT"] ?? ""
    let allowed = given.filter { $0.isLetter || $0.isNumber || "-._+".contains($0) }
    return allowed.isEmpty ? "unknown" : String(allowed.prefix(64))
}()

let package = Package(
    name: "sitegen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
        .library(name: "SitegenCore", targets: ["SitegenCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // `build --archive`: one deflated zip of the site for offline reading.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // `@BinaryCoded`: the saved build state's coding is derived from the
        // type declarations, by a macro, so it reads as fast as hand-written.
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.0"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev); only Parse/CMark.swift imports it.
        .systemLibrary(
            name: "CCmark",
            path: staticCmark ? "Sources/CCmark/static" : nil,
            pkgConfig: staticCmark ? nil : "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // One system call Swift's Glibc module does not expose: the atomic
        // exchange that swaps a new output folder in.
        .target(name: "CAtomicSwap"),
        // The commit the binary was built from, for `sitegen --version`.
        .target(name: "CBuildInfo", cSettings: [.define("SITEGEN_COMMIT", to: "\"\(buildCommit)\"")]),
        // How the build state is written: the binary writer and reader and
        // `@BinaryCoded`, which every stage's saved types use, so it depends
        // on no stage.
        .target(name: "StoredCoding", dependencies: ["StoredCodingMacros"]),
        .macro(
            name: "StoredCodingMacros",
            dependencies: [
                .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
                .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
            ]
        ),
        .target(
            name: "SitegenCore",
            dependencies: [
                "CCmark",
                "CAtomicSwap",
                "StoredCoding",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            linkerSettings: staticCmark
                ? [
                    .unsafeFlags([
                        "-Xlinker", "--whole-archive", "-Xlinker", "-l:libcmark.a", "-Xlinker", "--no-whole-archive",
                    ])
                ] : [],
            plugins: ["EmbedTheme"]
        ),
        // The built-in theme: EmbedTheme runs embed-theme on Templates/ at
        // build time, so the binary carries the theme and nothing generated
        // is committed.
        .executableTarget(name: "embed-theme"),
        .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["embed-theme"]),
        // `sitegen serve`: HTTP (a small server of its own on POSIX sockets),
        // file watching and live reload, kept out of SitegenCore so the
        // pipeline and `build` carry none of it.
        .target(
            name: "SitegenServe",
            dependencies: ["SitegenCore"]
        ),
        // What the command line says and which status it exits with, apart
        // from parsing arguments, so it is tested in-process.
        .target(
            name: "SitegenCLI",
            dependencies: ["SitegenCore", "SitegenServe"]
        ),
        .executableTarget(
            name: "sitegen",
            dependencies: [
                "CBuildInfo",
                "SitegenCLI",
                "SitegenCore",
                "SitegenServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Times BuildSession rebuilds on a generated corpus (Benchmarks/run.py calls it).
        .executableTarget(
            name: "rebuild-benchmark",
            dependencies: ["SitegenCore"],
            path: "Benchmarks/RebuildBenchmark"
        ),
        // What every test target shares: the repository, temporary folders,
        // content folders, front matter documents.
        .target(name: "SitegenTestSupport", path: "Tests/SitegenTestSupport"),
        .testTarget(
            name: "SitegenCoreTests",
            // Yams: the docs tests read the GitHub Pages workflow example.
            dependencies: [
                "SitegenCore", "SitegenTestSupport", "StoredCoding", .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(
            name: "StoredCodingMacrosTests",
            dependencies: [
                "StoredCodingMacros",
                .product(name: "SwiftSyntaxMacrosGenericTestSupport", package: "swift-syntax"),
            ]
        ),
        // The seed site in headless Chromium, the Nu HTML Checker and axe-core
        // (`make test` installs them; see the README's "Tests" passage).
        .testTarget(
            name: "SitegenBrowserTests",
            dependencies: ["SitegenCore", "SitegenTestSupport"]
        ),
        .testTarget(
            name: "SitegenCLITests",
            dependencies: ["SitegenCLI", "SitegenCore", "SitegenServe", "SitegenTestSupport"]
        ),
        .testTarget(
            name: "SitegenServeTests",
            dependencies: ["SitegenServe", "SitegenCore", "SitegenTestSupport"]
        ),
    ]
)
