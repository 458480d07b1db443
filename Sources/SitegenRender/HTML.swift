import CompiledMustache

/// HTML escaping for text and attribute values taken from content.
public enum HTML {
    /// Escapes `& < > " '`, enough for text and for quoted attribute values,
    /// as templates' `{{name}}` does (one escaping for all of sitegen).
    public static func escape(_ text: String) -> String {
        // Most text has none of them: hand it back without a copy.
        for byte in text.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 {
            return MustacheRun.escapedHTML(text)
        }
        return text
    }
}
