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

/// The pipeline's stage targets, in order, and the build over them: what the
/// command line, `serve`, the benchmark and the tests may use.
let pipeline: [Target.Dependency] = [
    "SitegenBase", "SitegenLoad", "SitegenParse", "SitegenResolve", "SitegenLink", "SitegenMentions", "SitegenPlan",
    "SitegenRender", "SitegenWrite", "SitegenStore", "SitegenScaffold", "SitegenSuggest", "SitegenCore",
]

let package = Package(
    name: "sitegen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
        // The stages and the build, for the fuzz targets in Fuzz/.
        .library(
            name: "SitegenPipeline",
            targets: [
                "SitegenBase", "SitegenLoad", "SitegenParse", "SitegenResolve", "SitegenLink", "SitegenMentions",
                "SitegenPlan", "SitegenRender", "SitegenWrite", "SitegenStore", "SitegenScaffold", "SitegenSuggest",
                "SitegenCore",
            ]
        ),
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
        // libcmark from the system (Debian: libcmark-dev); only SitegenParse/CMark.swift imports it.
        .systemLibrary(
            name: "CCmark",
            path: staticCmark ? "Sources/CCmark/static" : nil,
            pkgConfig: staticCmark ? nil : "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // One system call Swift's Glibc module does not expose: the atomic
        // exchange that swaps a new output folder in.
        .target(name: "CAtomicSwap"),
        // CRC-32C by the processor's own instruction where it has one, for
        // the saved state's checksums (SitegenStore).
        .target(name: "CChecksum"),
        // The commit the binary was built from, for `sitegen --version`.
        .target(name: "CBuildInfo", cSettings: [.define("SITEGEN_COMMIT", to: "\"\(buildCommit)\"")]),
        // How the build state is written: the binary writer and reader,
        // values decoded when first asked for (`StoredMap`), and
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
        // The pipeline, one target per stage, each importing only the stages
        // before it (`package` access), so a stage reaching back is a
        // compile error: load → parse → resolve → link → plan → render →
        // write, with store saving the stages' states between builds.
        //
        // What every stage shares: diagnostics with their source positions,
        // and the parallel map the stages run their work through.
        .target(name: "SitegenBase", dependencies: ["StoredCoding"]),
        // Files and front matter: the content folder, site.yml, the model.
        .target(
            name: "SitegenLoad", dependencies: ["SitegenBase", "StoredCoding", .product(name: "Yams", package: "Yams")]),
        // cmark's tree (only CMark.swift sees a pointer) and the annotations in it.
        .target(
            name: "SitegenParse",
            dependencies: ["SitegenBase", "SitegenLoad", "CCmark", "StoredCoding"],
            linkerSettings: staticCmark
                ? [
                    .unsafeFlags([
                        "-Xlinker", "--whole-archive", "-Xlinker", "-l:libcmark.a", "-Xlinker", "--no-whole-archive",
                    ])
                ] : []
        ),
        // The entity index, references and their diagnostics.
        .target(name: "SitegenResolve", dependencies: ["SitegenBase", "SitegenLoad", "SitegenParse", "StoredCoding"]),
        // The cross-reference graph: mentions, statements, backlinks, archives.
        .target(
            name: "SitegenLink",
            dependencies: ["SitegenBase", "SitegenLoad", "SitegenParse", "SitegenResolve", "StoredCoding"]
        ),
        // Unlinked mentions of known actors (`check`, `check --fix`).
        .target(
            name: "SitegenMentions",
            dependencies: ["SitegenBase", "SitegenLoad", "SitegenParse", "SitegenResolve"]
        ),
        // Pages, their paths and every file the build will write.
        .target(
            name: "SitegenPlan",
            dependencies: [
                "SitegenBase", "SitegenLoad", "SitegenParse", "SitegenResolve", "SitegenLink", "StoredCoding",
            ]
        ),
        // HTML bodies, typed views and templates. The built-in theme:
        // EmbedTheme runs embed-theme on Templates/ at build time, so the
        // binary carries the theme and nothing generated is committed.
        .target(
            name: "SitegenRender",
            dependencies: [
                "SitegenBase", "SitegenLoad", "SitegenParse", "SitegenResolve", "SitegenLink", "SitegenPlan",
                "CompiledMustache", .product(name: "Mustache", package: "swift-mustache"),
            ],
            plugins: ["EmbedTheme"]
        ),
        // Atomic output: staging, the journal, the swap, the lock, archives.
        .target(
            name: "SitegenWrite",
            dependencies: [
                "SitegenBase", "SitegenLoad", "SitegenPlan", "CAtomicSwap",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The stages' states saved between builds, and the inputs' stamps.
        .target(
            name: "SitegenStore",
            dependencies: [
                "SitegenBase", "SitegenLoad", "SitegenParse", "SitegenResolve", "SitegenLink", "SitegenPlan",
                "CChecksum",
            ]
        ),
        // `sitegen new`: a site, an article, an actor or a topic to start from.
        .target(name: "SitegenScaffold", dependencies: ["SitegenBase", "SitegenLoad", "SitegenPlan"]),
        // `sitegen suggest`: quotes, speakers, claims, links and new actors
        // proposed for an unannotated text, and `--apply`.
        .target(
            name: "SitegenSuggest",
            dependencies: [
                "SitegenBase", "SitegenLoad", "SitegenParse", "SitegenResolve", "SitegenMentions", "SitegenScaffold",
            ]
        ),
        // The build: a fold of content changes over the stages' states, for
        // `build`, `check` and `serve`.
        .target(
            name: "SitegenCore",
            dependencies: [
                "SitegenBase", "SitegenLoad", "SitegenParse", "SitegenResolve", "SitegenLink", "SitegenMentions",
                "SitegenPlan", "SitegenRender", "SitegenWrite", "SitegenStore", "StoredCoding",
            ]
        ),
        .executableTarget(name: "embed-theme"),
        .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["embed-theme", "compile-mustache"]),
        // The built-in theme compiled to Swift: MustacheCompiler parses
        // templates by swift-mustache's rules and writes one function per
        // template over CompiledMustache's `MustacheRun`, which renders the
        // bytes swift-mustache would, without its casts. A site's own
        // templates still go through swift-mustache.
        .target(name: "CompiledMustache", dependencies: [.product(name: "Mustache", package: "swift-mustache")]),
        .target(name: "MustacheCompiler"),
        .executableTarget(name: "compile-mustache", dependencies: ["MustacheCompiler"]),
        .plugin(
            name: "CompileMustacheExamples", capability: .buildTool(), dependencies: ["compile-mustache"],
            path: "Plugins/CompileMustacheExamples"),
        // `sitegen serve`: HTTP (a small server of its own on POSIX sockets),
        // file watching and live reload, kept out of SitegenCore so the
        // pipeline and `build` carry none of it.
        .target(
            name: "SitegenServe",
            dependencies: pipeline
        ),
        // What the command line says and which status it exits with, apart
        // from parsing arguments, so it is tested in-process.
        .target(
            name: "SitegenCLI",
            dependencies: pipeline + ["SitegenServe"]
        ),
        .executableTarget(
            name: "sitegen",
            dependencies: pipeline + [
                "CBuildInfo",
                "SitegenCLI",
                "SitegenServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Times BuildSession rebuilds on a generated corpus (Benchmarks/run.py calls it).
        .executableTarget(
            name: "rebuild-benchmark",
            dependencies: pipeline,
            path: "Benchmarks/RebuildBenchmark"
        ),
        // What every test target shares: the repository, temporary folders,
        // content folders, front matter documents.
        .target(name: "SitegenTestSupport", path: "Tests/SitegenTestSupport"),
        .testTarget(
            name: "SitegenCoreTests",
            // Yams: the docs tests read the GitHub Pages workflow example.
            dependencies: pipeline + [
                "SitegenTestSupport", "StoredCoding", "CompiledMustache", .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Mustache examples (interpolation, sections, inverted sections,
        // partials, inheritance) rendered compiled and by swift-mustache.
        .testTarget(
            name: "CompiledMustacheTests",
            dependencies: [
                "CompiledMustache", "MustacheCompiler", .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Examples"],
            plugins: ["CompileMustacheExamples"]
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
            dependencies: pipeline + ["SitegenTestSupport"]
        ),
        .testTarget(
            name: "SitegenCLITests",
            dependencies: pipeline + ["SitegenCLI", "SitegenServe", "SitegenTestSupport"]
        ),
        .testTarget(
            name: "SitegenServeTests",
            dependencies: pipeline + ["SitegenServe", "SitegenTestSupport"]
        ),
    ]
)
