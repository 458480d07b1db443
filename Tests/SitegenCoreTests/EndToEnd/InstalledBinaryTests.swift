import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenParse

/// What `make install` installs, as `make stage` lays it out (`make test`
/// runs it first): one binary that runs without the Swift toolchain, its man
/// page and shell completions.
@Suite("Installed binary")
struct InstalledBinaryTests {
    /// The staged PREFIX: `SITEGEN_STAGE` (set by `make test`), else
    /// `.build/stage/usr/local` in the repository.
    static func stagedPrefix() throws -> URL {
        let given = ProcessInfo.processInfo.environment["SITEGEN_STAGE"].flatMap { $0.isEmpty ? nil : $0 }
        let prefix =
            given.map { URL(fileURLWithPath: $0) }
            ?? TestContent.repositoryRoot().appendingPathComponent(".build/stage/usr/local")
        try #require(
            FileManager.default.isExecutableFile(atPath: prefix.appendingPathComponent("bin/sitegen").path),
            "no staged sitegen under \(prefix.path): run `make stage` (make test does)")
        return prefix
    }

    static func run(
        _ program: URL, _ arguments: [String], environment: [String: String], in folder: URL? = nil
    ) throws -> SitegenBinary.Run {
        try SitegenBinary.run(arguments, stdinData: Data(), in: folder, program: program, environment: environment)
    }

    @Test func theBinaryNeedsNoToolchainLibraries() throws {
        let binary = try Self.stagedPrefix().appendingPathComponent("bin/sitegen")
        let ldd = try Self.run(
            URL(fileURLWithPath: "/usr/bin/ldd"), [binary.path], environment: ["PATH": "/usr/bin:/bin"])
        #expect(ldd.status == 0, "\(ldd.err)")
        let libraries = ldd.out.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(libraries.count >= 2, "ldd printed: \(ldd.out)")
        // Only the C library and what every Debian system has beside it.
        let allowed = ["linux-vdso", "libc.so", "libm.so", "libstdc++.so", "libgcc_s.so", "libz.so", "ld-linux"]
        for library in libraries {
            #expect(allowed.contains { library.hasPrefix($0) || library.contains("/\($0)") }, "needs \(library)")
            #expect(!library.contains("not found"))
        }
    }

    /// The binary alone in a bare folder, with no toolchain on PATH and no
    /// LD_LIBRARY_PATH and no theme folder anywhere (the default theme is in
    /// the binary), builds the seed site.
    @Test func aCopyInABareFolderBuildsTheSeedSite() throws {
        let staged = try Self.stagedPrefix().appendingPathComponent("bin/sitegen")
        try TestContent.withTemporaryDirectory { root in
            let bare = root.appendingPathComponent("bare")
            try FileManager.default.createDirectory(at: bare, withIntermediateDirectories: true)
            let binary = bare.appendingPathComponent("sitegen")
            try FileManager.default.copyItem(at: staged, to: binary)
            let environment = ["PATH": "/usr/bin:/bin", "HOME": root.path, "LANG": "C"]

            let version = try Self.run(binary, ["--version"], environment: environment)
            #expect(version.status == 0)
            #expect(version.out.hasPrefix("sitegen "))
            #expect(version.out.contains("libcmark \(CMark.libraryVersion)"))

            let output = root.appendingPathComponent("public")
            let build = try Self.run(
                binary,
                ["build", "--content", TestContent.seedContent.path, "--output", output.path],
                environment: environment, in: bare)
            #expect(build.status == 0, "stderr: \(build.err)")
            #expect(build.out.hasPrefix("Built "))
            for page in ["index.html", "articles/hegseth-peace-talks-not-a-betrayal.html", "actors/pete-hegseth.html"] {
                #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(page).path), "\(page)")
            }
        }
    }

    @Test func theManPageAndCompletionsAreInTheirStandardFolders() throws {
        let prefix = try Self.stagedPrefix()
        let man = try Data(contentsOf: prefix.appendingPathComponent("share/man/man1/sitegen.1.gz"))
        #expect(man.starts(with: [0x1f, 0x8b]), "gzip-compressed, as man expects")
        let completions = [
            "share/bash-completion/completions/sitegen", "share/zsh/site-functions/_sitegen",
            "share/fish/vendor_completions.d/sitegen.fish",
        ]
        for path in completions {
            let text = try String(contentsOf: prefix.appendingPathComponent(path), encoding: .utf8)
            // Each completes the subcommands.
            #expect(text.contains("build") && text.contains("serve") && text.contains("check"), "\(path)")
        }
    }
}
