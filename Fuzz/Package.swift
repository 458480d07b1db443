// swift-tools-version: 6.0
// libFuzzer targets for sitegen's parsers. Kept out of the main package so
// `swift build` there never needs the fuzzer runtime. See Fuzz/README.md.
import PackageDescription

// gold fails on libFuzzer's objects here; the toolchain's lld links them.
let linker: [LinkerSetting] = [.unsafeFlags(["-use-ld=lld"])]

let package = Package(
    name: "SitegenFuzz",
    dependencies: [.package(name: "sitegen", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzAnnotations", dependencies: [.product(name: "SitegenPipeline", package: "sitegen")],
            linkerSettings: linker),
        .executableTarget(
            name: "FuzzFrontMatter", dependencies: [.product(name: "SitegenPipeline", package: "sitegen")],
            linkerSettings: linker),
    ]
)
