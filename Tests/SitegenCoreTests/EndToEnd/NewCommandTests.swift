import Foundation
import SitegenTestSupport
import Testing

/// `sitegen new` as a user types it, in a site's folder: its messages name
/// files as the user would write them, relative to where they stand.
@Suite("sitegen new command")
struct NewCommandTests {
    @Test func pathsInMessagesAreTheOnesTheUserTyped() throws {
        try TestContent.withTemporaryDirectory { root in
            let made = try SitegenBinary.run(["new", "site", "demo"], in: root)
            #expect(made.status == 0, "\(made.err)")
            let again = try SitegenBinary.run(["new", "site", "demo"], in: root)
            #expect(again.status == 1)
            #expect(again.err.hasPrefix("error: demo already exists and is not empty\n"), "\(again.err)")

            let site = root.appendingPathComponent("demo")
            let first = try SitegenBinary.run(["new", "article", "Buses: what next?"], in: site)
            #expect(first.status == 0, "\(first.err)")
            #expect(first.out == "Content/articles/buses-what-next.md\n")
            let second = try SitegenBinary.run(["new", "article", "Buses: what next?"], in: site)
            #expect(second.status == 1)
            #expect(
                second.err.hasPrefix("error: Content/articles/buses-what-next.md already exists\n"), "\(second.err)")
            #expect(!second.err.contains(root.path))

            let elsewhere = try SitegenBinary.run(["new", "topic", "Fares"], in: root)
            #expect(elsewhere.status != 0)
            #expect(elsewhere.err.contains("there is no content folder 'Content'"), "\(elsewhere.err)")
        }
    }
}
