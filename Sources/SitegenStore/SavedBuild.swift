import Foundation
import SitegenBase
import SitegenLink
import SitegenParse
import SitegenPlan
import SitegenResolve
import StoredCoding

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
    /// figures), claim ratings (`rating=`) and actors' `wikidata`.
    package static let formatVersion = 6
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
        var section = sections.count - 1
        do {
            var reader = try BinaryReader(bytes, range: ranges[section])
            let damage = StoredDamage()
            reader.damage = damage
            // The next section, read by `read`; the one before must be used up.
            func next<T>(_ read: (inout BinaryReader) throws -> T) throws -> T {
                guard reader.isAtEnd else { throw BinaryReader.Malformed() }
                section = (section + 1) % sections.count
                reader.moveTo(ranges[section])
                return try read(&reader)
            }
            let (identity, inputs) = try next { try ($0.read(Identity.self), $0.read(InputStamps.self)) }
            let graph = try next { try $0.read(SiteGraph.self) }
            let contributions = try next { try $0.read(StoredMap<DocumentRef, DocumentContribution>.self) }
            let (owners, referencedBy) = try next {
                try ($0.read([StatementID: SourceLocation].self), $0.read([DocumentRef: Set<EntityID>].self))
            }
            let (articleWarnings, otherWarnings) = try next {
                try ($0.read([String: [Diagnostic]].self), $0.read([Diagnostic].self))
            }
            let dependencies = try next { try $0.read(PageDependencies.self) }
            guard reader.isAtEnd else { throw BinaryReader.Malformed() }
            return .success(
                SavedBuild(
                    identity: identity, inputs: inputs, graph: graph, contributions: contributions,
                    statementOwners: owners, referencedBy: referencedBy, articleWarnings: articleWarnings,
                    otherWarnings: otherWarnings, dependencies: dependencies, damage: damage))
        } catch {
            return .failure(.damaged("\(sections[section]) does not decode"))
        }
    }

    /// The file's bytes, read straight into the array the reader shares
    /// (through `Data` they would be copied once more: 100+ MB at 10,000
    /// articles).
    private static func readBytes(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var done = 0
            while done < size {
                let got = Foundation.read(descriptor, buffer.baseAddress! + done, size - done)
                if got <= 0 {
                    complete = false
                    break
                }
                done += got
            }
            count = done
        }
        return complete ? bytes : nil
    }

    package enum StateUnusable: Error, Equatable {
        case missing, otherVersion
        /// Which part is damaged, and how.
        case damaged(String)
    }
}
