/// Text from content made safe to print on a terminal: control characters
/// (which can retitle the window, clear the screen or move the cursor) and
/// the invisible marks that reorder text on screen are shown escaped, as
/// Swift writes them (`\u{1B}`). Line breaks and tabs stay as they are
/// unless `keepLayout` is false.
public enum TerminalText {
    public static func visible(_ text: String, keepLayout: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepLayout: keepLayout) }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars { result += visible(scalar, keepLayout: keepLayout) }
        return result
    }

    /// One scalar as it is shown: itself, or its escape.
    public static func visible(_ scalar: Unicode.Scalar, keepLayout: Bool = false) -> String {
        guard needsEscape(scalar, keepLayout: keepLayout) else { return String(scalar) }
        return "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
    }

    package static func needsEscape(_ scalar: Unicode.Scalar, keepLayout: Bool) -> Bool {
        if keepLayout && (scalar == "\n" || scalar == "\t") { return false }
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Bidirectional embeddings, overrides and isolates.
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
