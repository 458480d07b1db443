import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenParse

@Suite("sitegen --version")
struct VersionTests {
    @Test func namesTheVersionTheCommitAndTheLibcmarkItRunsWith() throws {
        let run = try SitegenBinary.run(["--version"])
        #expect(run.status == 0)
        let line = run.out.trimmingCharacters(in: .newlines)
        let pattern = /^sitegen (\d+\.\d+\.\d+) \(commit ([0-9A-Za-z._+-]+), libcmark (\d+\.\d+\.\d+)\)$/
        let match = try #require(line.wholeMatch(of: pattern), "printed: \(line)")
        #expect(String(match.output.3) == CMark.libraryVersion)
        // make passes the commit; a plain `swift build` says so rather than guess.
        let commit = String(match.output.2)
        if let given = ProcessInfo.processInfo.environment["SITEGEN_COMMIT"], !given.isEmpty {
            #expect(commit == given)
        } else {
            #expect(commit == "unknown")
        }
    }
}
