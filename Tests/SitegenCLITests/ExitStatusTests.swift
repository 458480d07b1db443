import Testing

@testable import SitegenBase
@testable import SitegenCLI

@Suite("Exit status")
struct ExitStatusTests {
    let inFile = SourceLocation(file: "articles/a.md", line: 3, column: 5)

    @Test func anErrorInAFileIsAContentError() {
        let failure = BuildFailure([.error("unknown actor", at: inFile)])
        #expect(ExitStatus.of(failure, strict: false) == ExitStatus.contentErrors)
    }

    @Test func anErrorOutsideAnyFileIsAnIOError() {
        let failure = BuildFailure([.error("cannot write public/", at: nil)])
        #expect(ExitStatus.of(failure, strict: false) == ExitStatus.internalError)
    }

    /// A build that failed on the file system also reports the content's
    /// warnings; without --strict they are not what stopped it.
    @Test func warningsCountOnlyWithStrict() {
        let failure = BuildFailure([.error("cannot write public/", at: nil), .warning("unused actor", at: inFile)])
        #expect(ExitStatus.of(failure, strict: false) == ExitStatus.internalError)
        #expect(ExitStatus.of(failure, strict: true) == ExitStatus.contentErrors)
    }

    @Test func theStatusesAreTheDocumentedOnes() {
        #expect(
            [ExitStatus.success, ExitStatus.contentErrors, ExitStatus.usage, ExitStatus.internalError] == [0, 1, 2, 3])
    }
}
