import SitegenPlan

/// The commit point of an update to the output: which staging folder beside
/// the output holds the new files, which of them move into place, and which
/// files go. Once its file is renamed into the output the update is
/// committed: the build that wrote it, or the next one, carries it out.
///
/// The text is a line per item, the staging folder first:
///
///     staging STAGING-FOLDER-NAME
///     write articles/a.html
///     remove articles/b.html
package struct CommitJournal: Sendable, Equatable {
    package enum Entry: Sendable, Equatable {
        /// Move this file from the staging folder into the output.
        case write(OutputPath)
        /// Remove this file from the output.
        case remove(OutputPath)
    }

    /// Why a journal's text cannot be carried out. A journal is renamed
    /// into place whole, so this means damage or a hand edit, never a torn write.
    package enum Damage: Error, Equatable, CustomStringConvertible {
        /// The first line does not name a staging folder beside the output.
        case noStagingFolder
        /// This line (1-based) is not a write or remove of a safe path.
        case unreadableLine(Int)

        package var description: String {
            switch self {
            case .noStagingFolder: return "the commit journal names no staging folder"
            case .unreadableLine(let number): return "line \(number) of the commit journal does not read"
            }
        }
    }

    /// The staging folder's name, a sibling of the output.
    package var staging: String
    package var entries: [Entry]

    package init(staging: String, entries: [Entry]) {
        self.staging = staging
        self.entries = entries
    }

    /// The files to remove, in journal order.
    package var removals: [OutputPath] {
        entries.compactMap { if case .remove(let path) = $0 { path } else { nil } }
    }

    /// The files to move in, in journal order.
    package var writes: [OutputPath] {
        entries.compactMap { if case .write(let path) = $0 { path } else { nil } }
    }

    private static let stagingTag = "staging "
    private static let writeTag = "write "
    private static let removeTag = "remove "

    package var text: String {
        var text = Self.stagingTag + staging + "\n"
        for entry in entries {
            switch entry {
            case .write(let path): text += Self.writeTag + path.rawValue + "\n"
            case .remove(let path): text += Self.removeTag + path.rawValue + "\n"
            }
        }
        return text
    }

    /// Reads a journal's text, refusing it whole if any line is damaged:
    /// carrying out part of a commit would leave a mix no build wrote.
    package init(parsing text: String) throws(Damage) {
        let lines = text.split(separator: "\n")
        guard let staging = Self.stagingFolder(in: text) else { throw .noStagingFolder }
        var entries: [Entry] = []
        for (index, line) in lines.enumerated().dropFirst() {
            if line.hasPrefix(Self.writeTag), let path = OutputPath(String(line.dropFirst(Self.writeTag.count))) {
                entries.append(.write(path))
            } else if line.hasPrefix(Self.removeTag),
                let path = OutputPath(String(line.dropFirst(Self.removeTag.count)))
            {
                entries.append(.remove(path))
            } else {
                throw .unreadableLine(index + 1)
            }
        }
        self.init(staging: staging, entries: entries)
    }

    /// The staging folder a journal's first line names, if it is one this
    /// writer makes; read alone, so a damaged journal's folder can still
    /// be cleared away.
    package static func stagingFolder(in text: String) -> String? {
        guard let first = text.split(separator: "\n", maxSplits: 1).first, first.hasPrefix(stagingTag) else {
            return nil
        }
        let name = String(first.dropFirst(stagingTag.count))
        return OutputLocation.isStagingName(name) ? name : nil
    }
}
