/// Splits text into lines the way cmark and sitegen's line numbers count
/// them: a line ends at `\n`, `\r\n` or a lone `\r`.
///
/// Swift treats `"\r\n"` as one `Character`, so `split(separator: "\n")`
/// would see a CRLF file as a single line; this works on scalars.
public func sourceLines(_ text: String) -> [Substring] {
    var lines: [Substring] = []
    var lineStart = text.unicodeScalars.startIndex
    var index = lineStart
    let scalars = text.unicodeScalars
    while index < scalars.endIndex {
        let scalar = scalars[index]
        if scalar == "\n" || scalar == "\r" {
            lines.append(Substring(scalars[lineStart..<index]))
            var next = scalars.index(after: index)
            if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
            lineStart = next
            index = next
        } else {
            index = scalars.index(after: index)
        }
    }
    lines.append(Substring(scalars[lineStart..<scalars.endIndex]))
    return lines
}
