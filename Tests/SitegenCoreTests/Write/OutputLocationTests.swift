import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenPlan

@Suite("Output location")
struct OutputLocationTests {
    @Test func everyNameBesideAndInsideTheOutput() {
        let location = OutputLocation(URL(fileURLWithPath: "/srv/site/public"))
        #expect(location.manifest.path == "/srv/site/public/.sitegen-output")
        #expect(location.journal.path == "/srv/site/public/.sitegen-commit")
        #expect(location.pendingJournal.path == "/srv/site/public/.sitegen-commit.tmp")
        #expect(location.staging(process: 12).path == "/srv/site/.public.sitegen-staging-12")
        #expect(location.retired(process: 12).path == "/srv/site/.public.sitegen-old-12")
        #expect(location.state.path == "/srv/site/.public.sitegen-state")
        #expect(OutputLocation.stateLog(for: location.state).path == "/srv/site/.public.sitegen-state-log")
        #expect(location.lock.path == "/srv/site/.public.sitegen-lock")
        #expect(
            OutputLocation.stateTemporary(for: location.state, process: 9).path
                == "/srv/site/..public.sitegen-state.9.tmp")
        #expect(
            OutputLocation.archiveTemporary(for: URL(fileURLWithPath: "/tmp/site.zip"), process: 3).path
                == "/tmp/.site.zip.sitegen-3")
    }

    @Test func sweepsRecogniseOnlyTheirOwnNames() {
        let location = OutputLocation(URL(fileURLWithPath: "/srv/site/public"))
        #expect(location.abandonableFolder(named: ".public.sitegen-staging-12") == 12)
        #expect(location.abandonableFolder(named: ".public.sitegen-old-13") == 13)
        #expect(location.abandonableFolder(named: ".public.sitegen-staging-x") == nil)
        #expect(location.abandonableFolder(named: ".other.sitegen-staging-12") == nil)
        #expect(location.abandonableFolder(named: ".public.sitegen-state") == nil)
        let state = location.state
        #expect(OutputLocation.stateTemporaryProcess(named: "..public.sitegen-state.77.tmp", for: state) == 77)
        #expect(OutputLocation.stateTemporaryProcess(named: "..public.sitegen-state.tmp", for: state) == nil)
        #expect(OutputLocation.stateTemporaryProcess(named: ".public.sitegen-state-log", for: state) == nil)
    }

    /// The writer and the lock go through a symlinked output; the saved
    /// state stays beside the name the build was given.
    @Test func aSymlinkedOutputIsWrittenThroughButItsStateKeepsItsName() throws {
        try TestContent.withTemporaryDirectory { root in
            let real = root.appendingPathComponent("releases/one")
            try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
            let link = root.appendingPathComponent("public")
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
            let location = OutputLocation(link)
            #expect(location.manifest.path == real.appendingPathComponent(".sitegen-output").path)
            #expect(location.lock.path == root.appendingPathComponent("releases/.one.sitegen-lock").path)
            #expect(location.state.path == root.appendingPathComponent(".public.sitegen-state").path)
        }
    }
}
