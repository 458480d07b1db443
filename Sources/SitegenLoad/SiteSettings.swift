/// One setting of `site.yml`: its key, the kind of value it takes, what it is
/// when left out, and what it does.
public struct SiteSetting: Sendable, Hashable {
    public var key: String
    public var type: String
    /// What applies when the key is left out: a value, "none", or "required".
    public var defaultValue: String
    public var effect: String
    /// A value a new site starts with, as written in `site.yml`.
    public var example: String
}

extension SiteSetting {
    /// `text, default en`, or `text, required`.
    public var typeAndDefault: String {
        defaultValue == "required" ? "\(type), required" : "\(type), default \(defaultValue)"
    }

    /// The default as the README's table shows it: a value in code, else the word.
    package var shownDefault: String {
        ["none", "required"].contains(defaultValue) ? defaultValue : "`\(defaultValue)`"
    }
}

/// Every setting `site.yml` takes, in one table: the loader checks keys
/// against it, `sitegen help site` prints it, `sitegen new site` comments it
/// and the README reproduces it (a test compares them), so none can disagree.
public enum SiteSettings {
    public static let all: [SiteSetting] = [
        SiteSetting(
            key: "title", type: "text", defaultValue: "required",
            effect:
                "The site's name: in every page's title, header and footer, and in the feed. Without a site.yml at all, the site is called Explainer.",
            example: "\"My explainer\""),
        SiteSetting(
            key: "description", type: "text", defaultValue: "none",
            effect:
                "One sentence on what the site explains: in the footer and the description of pages that have none of their own.",
            example: "\"What this site explains, in one sentence.\""),
        SiteSetting(
            key: "language", type: "text (a language tag such as en-GB)", defaultValue: "en",
            effect: "The pages' lang attribute, which screen readers and search engines go by.",
            example: "en"),
        SiteSetting(
            key: "base_url", type: "absolute http(s) address", defaultValue: "none",
            effect:
                "Where the site is published. With it, pages carry a canonical link, OpenGraph and Twitter card tags and a link to the feed, and the sitemap and feed use absolute URLs; links inside pages stay relative either way.",
            example: "https://example.org/explainer/"),
        SiteSetting(
            key: "unsafe_html", type: "true or false", defaultValue: "false",
            effect: "Keep raw HTML written in Markdown (and javascript: links) in pages; when false they are left out.",
            example: "false"),
        SiteSetting(
            key: "smart_punctuation", type: "true or false", defaultValue: "false",
            effect:
                "Typographic punctuation in articles, actors and topics, as cmark's --smart makes it: straight quotes become curly, -- an en dash, --- an em dash, ... an ellipsis. Titles and other front matter are left as written; when false, bodies render exactly as cmark does.",
            example: "false"),
        SiteSetting(
            key: "params", type: "mapping", defaultValue: "none",
            effect: "Values for the theme, handed to the templates as site.params (site.params.accent_colour).",
            example: "{}"),
    ]

    public static var keys: [String] { all.map(\.key) }

    /// The reference as a Markdown table, exactly as the README has it.
    public static var markdownTable: String {
        func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
        let rows = all.map { setting in
            "| `\(setting.key)` | \(cell(setting.type)) | \(setting.shownDefault) | \(cell(setting.effect)) |"
        }
        return (["| Key | Type | Default | Effect |", "| --- | --- | --- | --- |"] + rows).joined(separator: "\n")
    }

    /// The reference as plain text, for `sitegen help site`: no indented
    /// lines, as help output is rewrapped to the terminal's width.
    public static var helpText: String {
        all.map { setting in
            "\(setting.key) (\(setting.typeAndDefault))\n\(setting.effect)"
        }.joined(separator: "\n\n")
    }
}
