import Testing

@testable import SitegenPlan
@testable import SitegenWrite

@Suite("Commit journal")
struct CommitJournalTests {
    private func path(_ text: String) throws -> OutputPath { try #require(OutputPath(text)) }

    @Test func aJournalReadsBackAsItWasWritten() throws {
        let journal = CommitJournal(
            staging: ".public.sitegen-staging-42",
            entries: [
                .write(try path("index.html")), .write(try path("actors/a b.html")), .remove(try path("x/y.json")),
            ])
        #expect(try CommitJournal(parsing: journal.text) == journal)
    }

    @Test func eachEntryKindHasItsLine() throws {
        let journal = CommitJournal(
            staging: ".out.sitegen-staging-7", entries: [.write(try path("a.html")), .remove(try path("b.html"))])
        #expect(journal.text == "staging .out.sitegen-staging-7\nwrite a.html\nremove b.html\n")
        #expect(journal.writes == [try path("a.html")])
        #expect(journal.removals == [try path("b.html")])
        let empty = CommitJournal(staging: ".out.sitegen-staging-7", entries: [])
        #expect(try CommitJournal(parsing: empty.text).entries.isEmpty)
    }

    @Test(arguments: [
        "", "write a.html\n", "staging elsewhere\nwrite a.html\n", "staging ../.out.sitegen-staging-1\n",
        "staging .out.sitegen-staging-1/x\n", "staging \n",
    ])
    func aJournalThatNamesNoStagingFolderOfOursIsRefused(_ text: String) {
        #expect(throws: CommitJournal.Damage.noStagingFolder) { try CommitJournal(parsing: text) }
        #expect(CommitJournal.stagingFolder(in: text) == nil)
    }

    @Test(arguments: [
        ("staging .o.sitegen-staging-1\nwrite a.html\nmove b.html\n", 3),
        ("staging .o.sitegen-staging-1\nwrite ../escape.html\n", 2),
        ("staging .o.sitegen-staging-1\nremove /etc/passwd\n", 2),
        ("staging .o.sitegen-staging-1\nwrite \n", 2),
    ])
    func aDamagedEntryRefusesTheWholeJournal(_ text: String, line: Int) {
        #expect(throws: CommitJournal.Damage.unreadableLine(line)) { try CommitJournal(parsing: text) }
        // Its staging folder can still be found, to clear it away.
        #expect(CommitJournal.stagingFolder(in: text) == ".o.sitegen-staging-1")
    }
}
