import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `sitegen` (or a copy of it) running in the background, its output going
/// to files (a full pipe cannot block it) until `stop()` or `finish()`.
/// Killed when dropped, so a failed test leaves no server behind.
public final class BackgroundSitegen {
    public let process = Process()
    private let outURL: URL
    private let errURL: URL
    /// Seconds any wait may take: generous, only so a broken run cannot hang the suite.
    public static let deadline: TimeInterval = 120

    /// - Parameters:
    ///   - folder: where its output files go (`NAME.out`, `NAME.err`).
    ///   - program: what to run (this build's `sitegen` when nil).
    ///   - workingDirectory: its working folder (the test's own when nil).
    ///   - environment: the whole environment (`SitegenBinary.testEnvironment` when nil).
    ///   - openFiles: a `ulimit -n` to run it under.
    public init(
        _ arguments: [String], in folder: URL, name: String = "sitegen", program: URL? = nil,
        workingDirectory: URL? = nil, environment: [String: String]? = nil, openFiles: Int? = nil
    ) throws {
        outURL = folder.appendingPathComponent("\(name).out")
        errURL = folder.appendingPathComponent("\(name).err")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let binary = try program ?? SitegenBinary.url()
        if let openFiles {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -n \(openFiles) && exec \"$0\" \"$@\"", binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        process.environment = environment ?? SitegenBinary.testEnvironment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// What it has printed so far.
    public var out: String { String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self) }
    public var err: String { String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self) }

    /// Polls every 50 ms for up to `seconds`; true when `condition` held.
    public func wait(seconds: Double = deadline, until condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    /// Waits until its output (or errors) hold `needle`, and returns that
    /// output; throws, with both outputs, when it ends or time runs out first.
    @discardableResult
    public func waitFor(_ needle: String, inErrors: Bool = false) throws -> String {
        var text = ""
        _ = wait {
            text = inErrors ? err : out
            return text.contains(needle) || !process.isRunning
        }
        text = inErrors ? err : out
        guard text.contains(needle) else {
            throw TestContent.Failure("sitegen never printed '\(needle)'; stdout: \(out) stderr: \(err)")
        }
        return text
    }

    /// The port `sitegen serve` says it serves on, once it says so.
    public func servedPort() throws -> UInt16 {
        let said = try waitFor("(Ctrl-C to stop)")
        guard let address = said.components(separatedBy: "http://127.0.0.1:").dropFirst().first,
            let port = UInt16(address.prefix { $0.isNumber })
        else { throw TestContent.Failure("no 127.0.0.1 address in: \(said)") }
        return port
    }

    /// Ctrl-C, as a user stops it (killed if it does not end in time); the exit status.
    @discardableResult
    public func stop() -> Int32 {
        if process.isRunning { process.interrupt() }
        if !wait(until: { !process.isRunning }) { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Waits for it to end by itself; the exit status.
    public func finish() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }
}
