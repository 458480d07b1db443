import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The `sitegen` binary of this build, run as a user runs it.
public enum SitegenBinary {
    /// The test's own environment, with colour off so output compares as text.
    public static var testEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
    }

    public struct Run {
        public var status: Int32
        public var stdout: Data
        public var stderr: Data
        public var out: String { String(decoding: stdout, as: UTF8.self) }
        public var err: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// The `sitegen` binary of this build: next to the test bundle's
    /// executable (whatever `--scratch-path` is), else the newest one under
    /// the package's `.build*` folders.
    public static func url() throws -> URL {
        let fileManager = FileManager.default
        var folders: [URL] = []
        if let main = Bundle.main.executableURL {
            folders.append(main.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        folders.append(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent())
        for bundle in Bundle.allBundles + Bundle.allFrameworks {
            folders.append(bundle.bundleURL.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        if let first = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for folder in folders {
            // On macOS the bundle is `X.xctest/Contents/MacOS/X`; look up a few levels.
            var candidate = folder
            for _ in 0..<4 {
                let binary = candidate.appendingPathComponent("sitegen")
                var isDirectory: ObjCBool = false
                if fileManager.fileExists(atPath: binary.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                    fileManager.isExecutableFile(atPath: binary.path)
                {
                    return binary
                }
                candidate.deleteLastPathComponent()
            }
        }
        // Fallback: the newest `sitegen` under `<root>/.build*/**/debug/`.
        let root = TestContent.repositoryRoot()
        var found: [(URL, Date)] = []
        for name in (try? fileManager.contentsOfDirectory(atPath: root.path)) ?? [] where name.hasPrefix(".build") {
            let scratch = root.appendingPathComponent(name)
            var places = [scratch.appendingPathComponent("debug/sitegen")]
            for triple in (try? fileManager.contentsOfDirectory(atPath: scratch.path)) ?? [] {
                places.append(scratch.appendingPathComponent(triple).appendingPathComponent("debug/sitegen"))
            }
            for place in places where fileManager.isExecutableFile(atPath: place.path) {
                let date =
                    (try? fileManager.attributesOfItem(atPath: place.path)[.modificationDate] as? Date) ?? .distantPast
                found.append((place, date))
            }
        }
        if let newest = found.max(by: { $0.1 < $1.1 }) { return newest.0 }
        throw TestContent.Failure("cannot find the sitegen executable; build it with `swift build --build-tests`")
    }

    /// Runs sitegen with `arguments`, `stdin` as standard input; output goes
    /// through files so large output cannot block on a full pipe.
    public static func run(_ arguments: [String], stdin: String = "", in directory: URL? = nil) throws -> Run {
        try run(arguments, stdinData: Data(stdin.utf8), in: directory)
    }

    /// - Parameters:
    ///   - directory: the working folder (the test's own when nil).
    ///   - program: what to run (this build's `sitegen` when nil).
    ///   - environment: the whole environment (the test's own, with
    ///     `NO_COLOR`, when nil).
    ///   - deadline: seconds after which the run is killed and the test
    ///     fails: a runaway walk must fail the suite, not hang it.
    public static func run(
        _ arguments: [String], stdinData: Data = Data(), in directory: URL? = nil, program: URL? = nil,
        environment: [String: String]? = nil, deadline: TimeInterval = 300
    ) throws -> Run {
        let binary = try program ?? url()
        return try TestContent.withTemporaryDirectory { folder in
            let inURL = folder.appendingPathComponent("stdin")
            let outURL = folder.appendingPathComponent("stdout")
            let errURL = folder.appendingPathComponent("stderr")
            try stdinData.write(to: inURL)
            try Data().write(to: outURL)
            try Data().write(to: errURL)
            let input = try FileHandle(forReadingFrom: inURL)
            let output = try FileHandle(forWritingTo: outURL)
            let error = try FileHandle(forWritingTo: errURL)
            defer {
                try? input.close()
                try? output.close()
                try? error.close()
            }
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            if let directory { process.currentDirectoryURL = directory }
            process.environment = environment ?? testEnvironment
            process.standardInput = input
            process.standardOutput = output
            process.standardError = error
            try process.run()
            let end = Date().addingTimeInterval(deadline)
            while process.isRunning && Date() < end { usleep(20_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw TestContent.Failure("sitegen \(arguments.prefix(2)) still ran after \(Int(deadline)) s")
            }
            process.waitUntilExit()
            return Run(
                status: process.terminationStatus, stdout: try Data(contentsOf: outURL),
                stderr: try Data(contentsOf: errURL))
        }
    }
}
