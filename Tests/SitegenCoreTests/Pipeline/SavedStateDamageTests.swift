import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore
@testable import SitegenStore

/// Damage anywhere in the saved state or its log, one flipped bit at a
/// time: each build from it is a clean build, or gives the very bytes a
/// clean build gives. The state is checked as `buildReusingSavedState`
/// checks it (any failure to read means a build from scratch), and a
/// sample of the flips runs the whole build.
@Suite("Saved state: damage is caught or harmless")
struct SavedStateDamageTests {
    @Test func everyHeaderByteAndTwoThousandOthersFlippedOneAtATime() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            let output = root.appendingPathComponent("public")
            try FileManager.default.copyItem(at: TestContent.seedContent, to: content)
            let past = Date().addingTimeInterval(-3600)
            for file in TestContent.snapshot(content).keys {
                try FileManager.default.setAttributes(
                    [.modificationDate: past], ofItemAtPath: content.appendingPathComponent(file).path)
            }
            let options = SiteBuilder.Options(content: content, templates: TestContent.seedTemplates, output: output)
            func build() throws -> BuildMode { try BuildSession(options: options).buildReusingSavedState().get().mode }
            _ = try build()
            // A rebuild, so that the log holds a record.
            let article = content.appendingPathComponent("articles/hegseth-peace-talks-not-a-betrayal.md")
            try (String(contentsOf: article, encoding: .utf8) + "\nA line on [[Putin]].\n").write(
                to: article, atomically: true, encoding: .utf8)
            #expect(try build() == .incremental(changedFiles: 1))
            let stateURL = SavedBuild.location(for: output)
            let logURL = RecordedArticle.logLocation(for: stateURL)
            let state = [UInt8](try Data(contentsOf: stateURL))
            let log = try Data(contentsOf: logURL)
            let reference = TestContent.siteSnapshot(output)

            // The header: its line, and each section's length and checksum.
            var header = Array(0..<SavedBuild.header.count)
            var offset = SavedBuild.header.count
            while offset < state.count, case .success(let range) = ChecksummedFrame.content(of: state, at: offset) {
                header += offset..<offset + ChecksummedFrame.headerSize
                offset = range.upperBound
            }
            #expect(offset == state.count && header.count == SavedBuild.header.count + 12 * SavedBuild.sections.count)
            let inHeader = Set(header)
            let rest = (0..<state.count).filter { !inHeader.contains($0) }
            let spread = stride(from: 0, to: rest.count, by: max(1, rest.count / 2000)).prefix(2000).map { rest[$0] }
            let positions = header + spread
            #expect(spread.count == 2000)

            @Sendable func flipped(_ bytes: [UInt8], _ number: Int, at position: Int) -> [UInt8] {
                var bytes = bytes
                bytes[position] ^= UInt8(1 << (number % 8))
                return bytes
            }
            // Read as the build reads it, several at a time.
            let readable = Array(positions.enumerated()).concurrentMap { number, position in
                if case .success = SavedBuild.decode(flipped(state, number, at: position)) { return true }
                return false
            }
            var used = 0
            for (number, position) in positions.enumerated() {
                let sample = number % 300 == 0
                guard readable[number] || sample else { continue }
                // Used after all, or a sample: the whole build, from the
                // damaged state and the log as they were.
                try Data(flipped(state, number, at: position)).write(to: stateURL)
                try log.write(to: logURL)
                let mode = try build()
                if readable[number] {
                    used += 1
                } else {
                    guard case .clean(let reason) = mode else {
                        Issue.record("byte \(position): \(mode)")
                        continue
                    }
                    #expect(reason.hasPrefix("saved state is"), "byte \(position): \(reason)")
                }
                #expect(TestContent.siteSnapshot(output) == reference, "byte \(position) flipped: other output")
            }
            // A CRC-32C finds every single flipped bit.
            #expect(used == 0)

            // Every byte of the log, one at a time.
            let logBytes = [UInt8](log)
            let logReadable = Array(0..<logBytes.count).concurrentMap { position in
                if case .success = RecordedArticle.decode(
                    flipped(logBytes, position, at: position), header: SavedBuild.header)
                {
                    return true
                }
                return false
            }
            #expect(logBytes.count > 100 && !logReadable.contains(true))
        }
    }

    /// Damage that passes its checksum (a bug in sitegen, or one chance in
    /// four billion) in a value decoded only when a page asks for it: the
    /// build stops before writing and builds from scratch instead of
    /// crashing or leaving the value out.
    @Test func aStoredValueThatDoesNotDecodeMeansACleanBuildNotACrash() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            let output = root.appendingPathComponent("public")
            try FileManager.default.copyItem(at: TestContent.seedContent, to: content)
            let options = SiteBuilder.Options(content: content, templates: TestContent.seedTemplates, output: output)
            _ = try BuildSession(options: options).buildReusingSavedState().get()
            let stateURL = SavedBuild.location(for: output)
            var state = [UInt8](try Data(contentsOf: stateURL))
            // The length before each copy of a quote's words (in the parts
            // of the statement, the article's body and its contribution)
            // made far too long; then the sections' checksums made right.
            let words = [UInt8]("“There is a recognition".utf8)
            let starts = (0...(state.count - words.count)).filter {
                state[$0..<$0 + words.count].elementsEqual(words)
            }
            #expect(!starts.isEmpty)
            for start in starts { state[start - 1] = 0x7f }
            var offset = SavedBuild.header.count
            while case .success(let range) = ChecksummedFrame.content(of: state, at: offset, verify: false) {
                if starts.contains(where: range.contains) {
                    state.replaceSubrange(
                        offset..<offset + ChecksummedFrame.headerSize, with: ChecksummedFrame.header(for: state, range))
                }
                offset = range.upperBound
            }
            try Data(state).write(to: stateURL)
            guard case .success = SavedBuild.read(from: stateURL) else {
                Issue.record("the damaged state no longer reads: the test damages the wrong place")
                return
            }
            let article = content.appendingPathComponent("articles/hegseth-peace-talks-not-a-betrayal.md")
            try (String(contentsOf: article, encoding: .utf8) + "\nA line on [[Putin]].\n").write(
                to: article, atomically: true, encoding: .utf8)
            let mode = try BuildSession(options: options).buildReusingSavedState().get().mode
            guard case .clean(let reason) = mode else {
                Issue.record("built from the damaged state: \(mode)")
                return
            }
            #expect(reason.hasPrefix("saved state is damaged (") && reason.hasSuffix("does not decode)"), "\(reason)")
            try TestContent.expectMatchesCleanBuild(content: content, output: output, "after a value failed to decode")
        }
    }

    /// Sections decode side by side (the graph on one core, the rest on
    /// another); a section that passes its checksum and still does not
    /// decode is named, and when several do not, the first in the file.
    @Test func theFirstSectionThatDoesNotDecodeIsNamed() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let options = SiteBuilder.Options(
                content: TestContent.seedContent, templates: TestContent.seedTemplates, output: output)
            _ = try BuildSession(options: options).buildReusingSavedState().get()
            let state = [UInt8](try Data(contentsOf: SavedBuild.location(for: output)))
            guard case .success = SavedBuild.decode(state) else {
                Issue.record("the saved state does not read")
                return
            }
            /// The state with the named sections' contents all 0xff (a
            /// number that never ends), their checksums made right.
            func garbled(_ names: Set<String>) -> [UInt8] {
                var bytes = state
                var offset = SavedBuild.header.count
                for name in SavedBuild.sections {
                    guard case .success(let range) = ChecksummedFrame.content(of: bytes, at: offset) else { break }
                    if names.contains(name) {
                        for index in range { bytes[index] = 0xff }
                        bytes.replaceSubrange(
                            offset..<offset + ChecksummedFrame.headerSize,
                            with: ChecksummedFrame.header(for: bytes, range))
                    }
                    offset = range.upperBound
                }
                return bytes
            }
            func reason(_ names: Set<String>) -> String {
                if case .failure(.damaged(let why)) = SavedBuild.decode(garbled(names)) { return why }
                return "decoded"
            }
            #expect(reason(["dependencies"]) == "dependencies does not decode")
            #expect(reason(["graph"]) == "graph does not decode")
            #expect(reason(["graph", "dependencies"]) == "graph does not decode")
            #expect(reason(["inputs", "graph"]) == "inputs does not decode")
            #expect(reason(["contributions", "warnings"]) == "contributions does not decode")
            #expect(reason(["strings", "inputs"]) == "strings does not decode")
        }
    }

    /// The state file is read in pieces on every core: each byte lands
    /// where it belongs, whatever the pieces' size against the file's.
    @Test func aStateReadInPiecesIsTheFileByteForByte() throws {
        try TestContent.withTemporaryDirectory { root in
            var generator = SystemRandomNumberGenerator()
            for size in [0, 1, 4095, 4096, 4097, 100_003] {
                let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
                let file = root.appendingPathComponent("state-\(size)")
                try Data(bytes).write(to: file)
                #expect(SavedBuild.readBytes(file.path, upTo: 4096) == Array(bytes.prefix(4096)))
                for piece in [1, 4096, 1 << 22] {
                    #expect(
                        SavedBuild.readBytes(file.path, piece: piece) == bytes, "\(size) bytes in pieces of \(piece)")
                }
            }
            #expect(SavedBuild.readBytes(root.appendingPathComponent("missing").path) == nil)
        }
    }
}
