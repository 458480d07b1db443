import Foundation

/// What one build leaves for the next `sitegen build`, so that editing an
/// article and building again redoes that article only, as `sitegen serve`
/// does in memory.
///
/// Kept: the graph's inputs (sources without article bodies, each
/// document's share of the graph, the actor and topic bodies), the
/// references and warnings a rebuild updates, and the stamps of the input
/// files. Article bodies are not kept: a rebuild renders only the articles
/// that changed, which it parses anyway, and re-reads any other it needs.
struct SavedBuild {
    /// Which build this state belongs to; any difference means a clean build.
    struct Identity: Equatable {
        var content: String
        var templates: String
        var includeDrafts: Bool
        var strict: Bool
    }

    var identity: Identity
    var inputs: InputStamps
    /// Article bodies are stand-ins holding their references only.
    var graph: SiteGraph
    var contributions: StoredMap<DocumentRef, DocumentContribution>
    var statementOwners: [StatementID: SourceLocation]
    var referencedBy: [DocumentRef: Set<EntityID>]
    var articleWarnings: [String: [Diagnostic]]
    var otherWarnings: [Diagnostic]

    /// The file beside the output folder: `.public.sitegen-state` for
    /// `public/`. Not inside it, so deploying the output never uploads it.
    static func location(for output: URL) -> URL {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().appendingPathComponent(
            ".\(output.lastPathComponent).sitegen-state")
    }

    /// Articles a log beside the state may record (`RecordedArticle`)
    /// before a build saves the whole state again: each is replayed by
    /// every build until then.
    static let recordsBeforeSaving = 32

    /// Bumped whenever what is written changes.
    static let formatVersion = 1
    static let magic = "sitegen build state"

    /// The running program: a state written by another build of sitegen
    /// (which may render differently) is not used.
    static var programIdentity: String {
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
    static let header = Data("\(magic) \(formatVersion) \(programIdentity)\n".utf8)

    /// Writes the state atomically (a reader sees the old file or the new one).
    func write(to url: URL) throws {
        var writer = BinaryWriter(capacity: 1 << 24)
        writer.write(self)
        // Straight from the writer's buffer to a file renamed into place:
        // joining header, strings and values first would hold the 100+ MB
        // of a big site's state two more times at the build's peak.
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Self.header) else {
            throw CocoaError(.fileWriteUnknown)
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try writer.writeEncoded { try handle.write(contentsOf: $0) }
            guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// The state at `url`, or why it cannot be used.
    static func read(from url: URL) -> Result<SavedBuild, StateUnusable> {
        guard let bytes = readBytes(url.path) else { return .failure(.missing) }
        let header = [UInt8](Self.header)
        guard bytes.count > header.count, bytes[..<header.count].elementsEqual(header) else {
            return .failure(.otherVersion)
        }
        do {
            var reader = try BinaryReader(bytes, range: header.count..<bytes.count)
            let saved = try reader.read(SavedBuild.self)
            guard reader.isAtEnd else { return .failure(.damaged) }
            return .success(saved)
        } catch {
            return .failure(.damaged)
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

    enum StateUnusable: Error, Equatable {
        case missing, otherVersion, damaged
    }
}

extension SavedBuild.Identity: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(content)
        writer.write(templates)
        writer.write(includeDrafts)
        writer.write(strict)
    }

    init(from reader: inout BinaryReader) throws {
        content = try reader.read()
        templates = try reader.read()
        includeDrafts = try reader.read()
        strict = try reader.read()
    }
}

extension SavedBuild: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(identity)
        writer.write(inputs)
        writer.write(graph)
        writer.write(contributions)
        writer.write(statementOwners)
        writer.write(referencedBy)
        writer.write(articleWarnings)
        writer.write(otherWarnings)
    }

    init(from reader: inout BinaryReader) throws {
        identity = try reader.read()
        inputs = try reader.read()
        graph = try reader.read()
        contributions = try reader.read()
        statementOwners = try reader.read()
        referencedBy = try reader.read()
        articleWarnings = try reader.read()
        otherWarnings = try reader.read()
    }
}
