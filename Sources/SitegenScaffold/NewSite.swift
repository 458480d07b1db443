import Foundation
import SitegenLoad
import SitegenPlan

/// `sitegen new site DIR`: a site that builds as it is, small enough to read
/// in a minute, whose article uses every kind of annotation once.
public enum NewSite {
    /// The content folder inside the new site: where `sitegen build` looks by default.
    public static let contentFolder = "Content"

    /// Writes the site into `folder` (made if missing; it must be empty, so no
    /// file is overwritten) and returns the paths written, relative to it.
    public static func create(at folder: URL) throws(ScaffoldError) -> [String] {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            let entries = (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []
            guard isDirectory.boolValue, entries.isEmpty else {
                throw ScaffoldError(
                    "\(folder.relativePath) already exists\(isDirectory.boolValue ? " and is not empty" : " and is not a folder")",
                    notes: ["sitegen new site never overwrites a file: give the name of a new or empty folder"],
                    cause: .exists)
            }
        }
        for path in files.map(\.path) {
            let url = folder.appendingPathComponent(path)
            do {
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw ScaffoldError(
                    "cannot make the folder \(url.deletingLastPathComponent().relativePath): \(error.localizedDescription)",
                    cause: .io)
            }
        }
        for file in files {
            try Scaffold.writeNewFile(Data(file.text.utf8), to: folder.appendingPathComponent(file.path))
        }
        return files.map(\.path)
    }

    /// The files of a new site, by path in its folder.
    public static var files: [(path: String, text: String)] {
        [
            (".gitignore", gitignore),
            ("\(contentFolder)/site.yml", siteFile),
            ("\(contentFolder)/articles/riverton-buses-free-for-under-18s.md", article),
            ("\(contentFolder)/actors/ana-ruiz.md", mayor),
            ("\(contentFolder)/actors/riverton-city-council.md", council),
            ("\(contentFolder)/topics/bus-fares.md", topic),
        ]
    }

    /// What a build writes beside the content (for the default `--output public`):
    /// the site, and the state, lock, staging and leftover folders named after it.
    package static var gitignore: String {
        (["# What `sitegen build` writes: the site, and its state and lock beside it."]
            + OutputLocation.ignorePatterns(forOutputNamed: "public")).joined(separator: "\n") + "\n"
    }

    /// Every setting, commented from the settings table; the optional ones left commented out.
    package static var siteFile: String {
        let values = [
            "title": "\"Riverton's free buses, explained\"",
            "description": "\"Who decided to make Riverton's buses free for under-18s, and what they said.\"",
            "language": "en-GB",
            "unsafe_html": "false",
        ]
        var lines = [
            "# The settings of this site; `sitegen help site` explains them too.",
            "# Lines starting with # are comments: remove the # to use a setting.",
        ]
        for setting in SiteSettings.all {
            lines.append("")
            lines += wrapped("\(setting.key) (\(setting.typeAndDefault)): \(setting.effect)")
                .map { "# " + $0 }
            if let value = values[setting.key] {
                lines.append("\(setting.key): \(value)")
            } else {
                lines.append("# \(setting.key): \(setting.example)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` in lines of at most `width` characters, broken between words.
    package static func wrapped(_ text: String, width: Int = 76) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    package static let article = """
        ---
        # An article: its title, date and summary, then its text in Markdown.
        # Every kind of annotation is used once below; the README's
        # "Writing content" section explains them.
        title: "Riverton makes buses free for under-18s"
        date: 2025-03-04
        summary: "The council voted to scrap bus fares for young people from September; the mayor says it will pay for itself."
        draft: false
        ---
        [[Riverton City Council]] voted on Monday to make [[topic:bus-fares|bus travel]]
        free for everyone under 18 from September.

        [[[Ana Ruiz]] signed the decision at City Hall]{.event date=2025-03-03 about=bus-fares}
        the same evening.

        [[Ruiz]] called the plan [“an investment, not a cost”]{.quote by=ana-ruiz about=bus-fares stance=for},
        and said families would spend the money they save in the town's shops.

        When she first put the plan forward, she
        [promised that council tax would not rise to pay for it]{.claim #no-tax-rise by="Ana Ruiz" about=bus-fares date=2025-02-25}.

        [[riverton-city-council|The council]] said in a statement that the cost
        [“must be watched year by year”]{.quote by=riverton-city-council about=bus-fares stance=bus-fares:mixed}.

        """

    package static let mayor = """
        ---
        name: Ana Ruiz
        kind: person                        # person | country | organisation | group
        role: Mayor of Riverton             # shown under the name
        affiliation: riverton-city-council  # another actor, by any of its names
        aliases: [Ruiz]                     # other names that link to this page
        ---
        Ana Ruiz has been mayor since 2022 and leads [[Riverton City Council]].

        """

    package static let council = """
        ---
        name: Riverton City Council
        kind: organisation
        aliases: [the council]
        ---
        The elected council that runs Riverton's buses, roads and libraries.

        """

    package static let topic = """
        ---
        title: Bus fares
        aliases: [fares, free buses]
        summary: "What a bus ride in Riverton costs, and who pays for it."
        ---
        Fares pay for about a third of Riverton's bus service; the council pays the rest.

        """
}
