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

    /// An address for `href` or `src`, escaped as cmark escapes link
    /// destinations: bytes outside the URL-safe set percent-encoded, `&`
    /// and `'` as entities.
    public static func href(_ url: String) -> String {
        var result = ""
        for byte in url.utf8 {
            switch byte {
            case UInt8(ascii: "&"): result += "&amp;"
            case UInt8(ascii: "'"): result += "&#x27;"
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                if "-_.+!*(),%#@?=;:/$~".utf8.contains(byte) {
                    result.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    let hex = Array("0123456789ABCDEF".utf8)
                    result += "%"
                    result.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                    result.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 15)]))
                }
            }
        }
        return result
    }
}
