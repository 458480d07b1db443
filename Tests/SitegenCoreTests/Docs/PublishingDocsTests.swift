import Foundation
import SitegenTestSupport
import Testing
import Yams

@testable import SitegenLoad

/// What the README and docs/examples promise, checked against the code.
@Suite("Publishing docs")
struct PublishingDocsTests {
    static func readme() throws -> String {
        try String(contentsOf: TestContent.repositoryRoot().appendingPathComponent("README.md"), encoding: .utf8)
    }

    /// The README's site.yml reference is the settings table the loader uses, row for row.
    @Test func theReadmesSettingsTableIsTheCodes() throws {
        let readme = try Self.readme()
        let table = readme.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("| Key | Type | Default | Effect |") }
            .prefix { $0.hasPrefix("|") }
            .joined(separator: "\n")
        #expect(table == SiteSettings.markdownTable)
    }

    /// The keys GitHub requires of a workflow, and what a Pages deployment needs.
    @Test func theGitHubPagesWorkflowHasWhatGitHubRequires() throws {
        let url = TestContent.repositoryRoot().appendingPathComponent("docs/examples/github-pages.yml")
        let text = try String(contentsOf: url, encoding: .utf8)
        // compose, not load: YAML 1.1 would read the key `on` as true.
        let workflow = try #require(try Yams.compose(yaml: text)?.mapping)
        func mapping(_ node: Node?) -> Node.Mapping? { node?.mapping }

        #expect(workflow["name"]?.string?.isEmpty == false)
        let on = try #require(mapping(workflow["on"]), "`on` must be a mapping of events")
        #expect(on["push"] != nil)

        let permissions = try #require(mapping(workflow["permissions"]))
        #expect(permissions["pages"]?.string == "write")
        #expect(permissions["id-token"]?.string == "write")

        let jobs = try #require(mapping(workflow["jobs"]))
        #expect(jobs.count >= 1)
        var uses: [String] = []
        var runs: [String] = []
        for (name, job) in jobs {
            let job = try #require(job.mapping, "job \(name.string ?? "") must be a mapping")
            #expect(job["runs-on"]?.string?.isEmpty == false, "job \(name.string ?? "") has no runs-on")
            let steps = try #require(job["steps"]?.sequence, "job \(name.string ?? "") has no steps")
            #expect(!steps.isEmpty)
            for step in steps {
                let step = try #require(step.mapping)
                // A step runs a command or uses an action, never both.
                #expect((step["uses"] == nil) != (step["run"] == nil), "\(step)")
                if let action = step["uses"]?.string { uses.append(action) }
                if let command = step["run"]?.string { runs.append(command) }
            }
        }
        #expect(uses.contains { $0.hasPrefix("actions/checkout@") })
        #expect(uses.contains { $0.hasPrefix("actions/upload-pages-artifact@") })
        #expect(uses.contains { $0.hasPrefix("actions/deploy-pages@") })
        #expect(runs.contains { $0.hasPrefix("sitegen build") })
        let deploy = try #require(
            jobs.first {
                $0.value.mapping?["steps"]?.sequence?.contains {
                    $0.mapping?["uses"]?.string?.hasPrefix("actions/deploy-pages@") == true
                } == true
            }?.value.mapping)
        #expect(deploy["environment"]?.mapping?["name"]?.string == "github-pages")
        #expect(deploy["needs"]?.string == "build")
    }
}
