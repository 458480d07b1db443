import Foundation
import SitegenBase
import SitegenLink
import SitegenParse
import SitegenPlan
import SitegenResolve
import StoredCoding
import Synchronization

/// What one build leaves for the next `sitegen build`, so that editing an
/// article and building again redoes that article only, as `sitegen serve`
/// does in memory.
///
/// Kept: the graph's inputs (sources without article bodies, each
/// document's share of the graph, the actor and topic bodies), the
/// references and warnings a rebuild updates, and the stamps of the input
/// files. Article bodies are not kept: a rebuild renders only the articles
/// that changed, which it parses anyway, and re-reads any other it needs.
package struct SavedBuild {
    /// Which build this state belongs to; any difference means a clean build.
    @BinaryCoded
    package struct Identity: Equatable {
        package var content: String
        package var templates: String
        package var includeDrafts: Bool
        package var strict: Bool

        package init(content: String, templates: String, includeDrafts: Bool, strict: Bool) {
            self.content = content
            self.templates = templates
            self.includeDrafts = includeDrafts
            self.strict = strict
        }
    }

    package var identity: Identity
    package var inputs: InputStamps
    /// Article bodies are stand-ins holding their references only.
    package var graph: SiteGraph
    package var contributions: StoredMap<DocumentRef, DocumentContribution>
    package var statementOwners: [StatementID: SourceLocation]
    package var referencedBy: [DocumentRef: Set<EntityID>]
    package var articleWarnings: [String: [Diagnostic]]
    package var otherWarnings: [Diagnostic]
    /// What each page read when it was rendered: what a rebuild chooses pages by.
    package var dependencies: PageDependencies

    /// The file beside the output folder (`OutputLocation.state`).
    package static func location(for output: URL) -> URL { OutputLocation(output).state }

    /// Articles a log beside the state may record (`RecordedArticle`)
    /// before a build saves the whole state again: each is replayed by
    /// every build until then.
    package static let recordsBeforeSaving = 32

    /// Bumped whenever what is written changes, which includes adding,
    /// removing or reordering a property or case of a `@BinaryCoded` type.
    /// 3: coding derived by `@BinaryCoded` (cases by position, not raw
    /// value); 4: with it, what each page read (`PageDependencies`); 5: the
    /// string table after the values; 6: pictures (image sizes, `image:`,
    /// figures), claim ratings (`rating=`) and actors' `wikidata`; 7:
    /// mentions marked inside their entity's own statement, and speakers'
    /// quotes and claims in lists of their own.
    package static let formatVersion = 7
    package static let magic = "sitegen build state"

    /// The running program: a state written by another build of sitegen
    /// (which may render differently) is not used.
    package static var programIdentity: String {
        let path = "/proc/self/exe"
        let executable =
            FileManager.default.fileExists(atPath: path)
            ? path : (Bundle.main.executablePath ?? CommandLine.arguments.first ?? "")
        var info = stat()
        guard stat(executable, &info) == 0 else { return "unknown" }
        let stamp = InputStamps.Stamp(info)
        return "\(stamp.size)-\(stamp.modified)-\(stamp.inode)"
    }

    /// Taken once: the program does not change while it runs.
    package static let header = Data("\(magic) \(formatVersion) \(programIdentity)\n".utf8)

    /// After the header, each section is a `ChecksummedFrame`: the values
    /// in these groups, then the string table they refer to. Every checksum
    /// is verified before anything is decoded, so no damaged part reaches a
    /// page, not even one decoded only when a page asks for it (`StoredMap`).
    package static let sections = [
        "inputs", "graph", "contributions", "references", "warnings", "dependencies", "strings",
    ]

    /// Where stored values that fail to decode are reported (not saved).
    package var damage: StoredDamage = StoredDamage()

    package init(
        identity: Identity,
        inputs: InputStamps,
        graph: SiteGraph,
        contributions: StoredMap<DocumentRef, DocumentContribution>,
        statementOwners: [StatementID: SourceLocation],
        referencedBy: [DocumentRef: Set<EntityID>],
        articleWarnings: [String: [Diagnostic]],
        otherWarnings: [Diagnostic],
        dependencies: PageDependencies,
        damage: StoredDamage = StoredDamage()
    ) {
        self.identity = identity
        self.inputs = inputs
        self.graph = graph
        self.contributions = contributions
        self.statementOwners = statementOwners
        self.referencedBy = referencedBy
        self.articleWarnings = articleWarnings
        self.otherWarnings = otherWarnings
        self.dependencies = dependencies
        self.damage = damage
    }

    /// Writes the state atomically (a reader sees the old file or the new
    /// one), holding at most about `spillSize` bytes of it at a time.
    package func write(to url: URL, spillSize: Int = 1 << 23) throws {
        let temporary = OutputLocation.stateTemporary(for: url, process: ProcessInfo.processInfo.processIdentifier)
        do {
            let file = try StateFileWriter(creating: temporary.path)
            Self.header.withUnsafeBytes { file.append($0) }
            // Each section goes to the file as it is encoded, a few
            // megabytes at a time; the strings come last, once every value
            // has named them.
            var writer = BinaryWriter(capacity: spillSize)
            writer.spilling(into: file, every: spillSize)
            func section(_ encode: (inout BinaryWriter) -> Void) {
                file.beginSection()
                encode(&writer)
                writer.flush()
                file.endSection()
            }
            section {
                $0.write(identity)
                $0.write(inputs)
            }
            section { $0.write(graph) }
            section { $0.write(contributions) }
            section {
                $0.write(statementOwners)
                $0.write(referencedBy)
            }
            section {
                $0.write(articleWarnings)
                $0.write(otherWarnings)
            }
            section { $0.write(dependencies) }
            let table = writer.stringTable
            file.beginSection()
            file.take(table)
            file.endSection()
            try file.finish()
            guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Removes the half-written states that builds killed while saving left
    /// beside `state` (each as big as the state), unless their process is
    /// still running.
    package static func sweepAbandonedTemporaries(beside state: URL) {
        let folder = state.deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names {
            guard let process = OutputLocation.stateTemporaryProcess(named: name, for: state),
                process != ProcessInfo.processInfo.processIdentifier
            else { continue }
            // kill(pid, 0) fails with ESRCH when no such process exists.
            if kill(process, 0) == -1, errno == ESRCH {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }

    /// The state at `url`, or why it cannot be used.
    package static func read(from url: URL) -> Result<SavedBuild, StateUnusable> {
        // The header alone first: a state another sitegen wrote is not read whole.
        let header = [UInt8](Self.header)
        guard let start = readBytes(url.path, upTo: header.count) else { return .failure(.missing) }
        guard start == header else { return .failure(.otherVersion) }
        guard let bytes = readBytes(url.path) else { return .failure(.missing) }
        return decode(bytes)
    }

    /// The state in `bytes`, the whole of a state file.
    package static func decode(_ bytes: [UInt8]) -> Result<SavedBuild, StateUnusable> {
        let header = [UInt8](Self.header)
        guard bytes.count > header.count, bytes[..<header.count].elementsEqual(header) else {
            return .failure(.otherVersion)
        }
        var starts: [Int] = []
        var ranges: [Range<Int>] = []
        var offset = header.count
        for name in sections {
            guard case .success(let range) = ChecksummedFrame.content(of: bytes, at: offset, verify: false) else {
                return .failure(.damaged("\(name) cut short"))
            }
            starts.append(offset)
            ranges.append(range)
            offset = range.upperBound
        }
        guard offset == bytes.count else { return .failure(.damaged("bytes after the last section")) }
        // The sections' checksums side by side: a big state has two of
        // about equal size (the graph, the contributions).
        let verified = starts.concurrentMap { start in
            if case .success = ChecksummedFrame.content(of: bytes, at: start) { return true }
            return false
        }
        if let failed = verified.firstIndex(of: false) {
            return .failure(.damaged("\(sections[failed]) fails its checksum"))
        }
        // The string table first: every other section names its strings.
        let last = sections.count - 1
        guard var strings = try? BinaryReader(bytes, range: ranges[last]), strings.isAtEnd else {
            return .failure(.damaged("\(sections[last]) does not decode"))
        }
        let damage = StoredDamage()
        strings.damage = damage
        let (table, sectionRanges) = (strings, ranges)
        // The graph is the biggest section to decode (the contributions are
        // decoded when asked for): it goes on one core, the rest on another.
        let decoded = [true, false].concurrentMap(batch: 1) { isGraph -> DecodedSections in
            var parts = DecodedSections()
            func section<T>(_ index: Int, _ read: (inout BinaryReader) throws -> T) throws -> T {
                parts.failed = index
                var reader = table
                reader.moveTo(sectionRanges[index])
                let value = try read(&reader)
                guard reader.isAtEnd else { throw BinaryReader.Malformed() }
                parts.failed = nil
                return value
            }
            do {
                if isGraph {
                    parts.graph = try section(1) { try $0.read(SiteGraph.self) }
                    return parts
                }
                parts.identityAndInputs = try section(0) { try ($0.read(Identity.self), $0.read(InputStamps.self)) }
                parts.contributions = try section(2) {
                    try $0.read(StoredMap<DocumentRef, DocumentContribution>.self)
                }
                parts.references = try section(3) {
                    try ($0.read([StatementID: SourceLocation].self), $0.read([DocumentRef: Set<EntityID>].self))
                }
                parts.warnings = try section(4) {
                    try ($0.read([String: [Diagnostic]].self), $0.read([Diagnostic].self))
                }
                parts.dependencies = try section(5) { try $0.read(PageDependencies.self) }
            } catch {}
            return parts
        }
        // The first damaged section in file order is the one named.
        if let failed = decoded.compactMap(\.failed).min() {
            return .failure(.damaged("\(sections[failed]) does not decode"))
        }
        let rest = decoded[1]
        guard let (identity, inputs) = rest.identityAndInputs, let graph = decoded[0].graph,
            let contributions = rest.contributions, let (owners, referencedBy) = rest.references,
            let (articleWarnings, otherWarnings) = rest.warnings, let dependencies = rest.dependencies
        else { return .failure(.damaged("sections missing")) }
        return .success(
            SavedBuild(
                identity: identity, inputs: inputs, graph: graph, contributions: contributions,
                statementOwners: owners, referencedBy: referencedBy, articleWarnings: articleWarnings,
                otherWarnings: otherWarnings, dependencies: dependencies, damage: damage))
    }

    /// What the decoding cores hand back: each fills its own sections.
    private struct DecodedSections: @unchecked Sendable {
        /// The section that did not decode.
        var failed: Int?
        var identityAndInputs: (Identity, InputStamps)?
        var graph: SiteGraph?
        var contributions: StoredMap<DocumentRef, DocumentContribution>?
        var references: ([StatementID: SourceLocation], [DocumentRef: Set<EntityID>])?
        var warnings: ([String: [Diagnostic]], [Diagnostic])?
        var dependencies: PageDependencies?
    }

    /// The file's bytes (its first `limit`), read straight into the array
    /// the reader shares (through `Data` they would be copied once more:
    /// 100+ MB at 10,000 articles). Read in pieces on every core: copying
    /// from the page cache and faulting in fresh memory is most of the
    /// time a read takes.
    static func readBytes(_ path: String, upTo limit: Int = .max, piece: Int = 1 << 22) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let size = Swift.min(Int(info.st_size), limit)
        let failures = Atomic<Int>(0)
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            nonisolated(unsafe) let base = buffer.baseAddress
            DispatchQueue.concurrentPerform(iterations: (size + piece - 1) / piece) { index in
                var done = index * piece
                let end = Swift.min(done + piece, size)
                while done < end {
                    let got = pread(descriptor, base! + done, end - done, off_t(done))
                    if got < 0, errno == EINTR { continue }
                    guard got > 0 else {
                        failures.add(1, ordering: .relaxed)
                        return
                    }
                    done += got
                }
            }
            // Every byte is written unless a piece failed, and then the array is dropped.
            count = size
        }
        return failures.load(ordering: .relaxed) == 0 ? bytes : nil
    }

    package enum StateUnusable: Error, Equatable {
        case missing, otherVersion
        /// Which part is damaged, and how.
        case damaged(String)
    }
}
