import SitegenLoad

/// What `sitegen render` renders of a document: its body when it opens with
/// a content file's front matter, else the whole text.
public enum RenderInput {
    /// The Markdown to render and the line it starts on in the file. Only
    /// front matter that looks like a content file's (a title, name, date or
    /// kind) is skipped: a plain document may open with a thematic break
    /// and a setext heading.
    public static func markdown(of source: SourceFile) -> (text: String, firstLine: Int) {
        if source.text.hasPrefix("---\n"), case .success(let document) = FrontMatter.parse(source),
            ["title", "name", "date", "kind"].contains(where: { document.entries[$0] != nil })
        {
            return (document.body, document.bodyFirstLine)
        }
        return (source.text, 1)
    }

    /// The `sources:` of a document's front matter, which `source=N` names
    /// (none when it has no front matter or its sources have errors: the
    /// build reports those).
    public static func sources(of source: SourceFile) -> [CitedSource] {
        guard source.text.hasPrefix("---\n"), case .success(let document) = FrontMatter.parse(source) else {
            return []
        }
        var reader = FieldReader(file: source.path, entries: document.entries, kindName: "article")
        return reader.sources()
    }
}
