import Testing

/// The broken annotations of issue 12, each with the error it must give:
/// shared by the parser's tests and the end-to-end ones, so every case is
/// checked both at its exact position and through the real binary.
enum BrokenAnnotations {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// One paragraph of Markdown; only its first line is shown under the error.
        var markdown: String
        /// The error's caret: the first `at` in the paragraph, `shift` characters on.
        var at: String
        var shift = 0
        var length: Int
        var message: String
        /// Part of a note that says how to fix it.
        var fix: String

        var testDescription: String { name }
        var firstLine: String { String(markdown.prefix { $0 != "\n" }) }
    }

    static let cases: [Case] = [
        Case(
            name: "no ']' before '{'",
            markdown: "Asked, he said [“Probably. You take a win when you can.”{.quote by=hegseth} and left.",
            at: "{.quote", length: "{.quote by=hegseth}".count,
            message: "attributes '{.quote …}' follow no ']'", fix: "close the quote with ']' right before '{'"),
        Case(
            name: "no closing '}'",
            markdown: "Asked, he said [“Probably.”]{.quote by=hegseth and left.",
            at: "]{", length: "]{.quote by=hegseth and left.".count,
            message: "annotation attributes are not closed with '}'", fix: "close the attributes with '}'"),
        Case(
            name: "a space between ']' and '{'",
            markdown: "Asked, he said [“Probably.”] {.quote by=hegseth} and left.",
            at: "] {", length: 3,
            message: "a space between ']' and '{' parts the quote from its attributes",
            fix: "remove the space between ']' and '{'"),
        Case(
            name: "'{' on the line after ']'",
            markdown: "Asked, he said [“Probably.”]\n{.quote by=hegseth} and left.",
            at: "”]", shift: 1, length: 3,
            message: "a line break between ']' and '{' parts the quote from its attributes",
            fix: "put '{' right after ']', on the same line"),
        Case(
            name: "attributes cut by a blank line",
            markdown: "He [ruled it out]{.claim\n\nby=hegseth} again.",
            at: "]{", length: "]{.claim".count,
            message: "annotation attributes are not closed with '}'", fix: "close the attributes with '}'"),
        Case(
            name: "'{.claim' with no brackets",
            markdown: "He ruled it out {.claim by=hegseth} again.",
            at: "{.claim", length: "{.claim by=hegseth}".count,
            message: "attributes '{.claim …}' follow no ']'", fix: "close the claim with ']' right before '{'"),
        Case(
            name: "no '{' after ']'",
            markdown: "He [ruled it out].claim by=hegseth} again.",
            at: "].claim", length: "].claim by=hegseth}".count,
            message: "annotation attributes after ']' do not start with '{'", fix: "put '{' right after ']'"),
        Case(
            name: "'{' moved past the class's dot",
            markdown: "He [ruled it out].{claim by=hegseth} again.",
            at: "{claim", length: "{claim by=hegseth}".count,
            message: "the class in annotation attributes '{claim …}' has no '.'",
            fix: "write '.claim', right after ']{'"),
        Case(
            name: "'{.event' not closed",
            markdown: "They [met in Munich]{.event date=2025-02-14 and left.",
            at: "]{", length: "]{.event date=2025-02-14 and left.".count,
            message: "annotation attributes are not closed with '}'", fix: "close the attributes with '}'"),
        Case(
            name: "'[[' closed by one ']'",
            markdown: "She met [[Pete Hegseth] on Thursday.",
            at: "[[", length: "[[Pete Hegseth]".count,
            message: "an entity link closed with a single ']'", fix: "close the link with ']]'"),
        Case(
            name: "'[[' never closed",
            markdown: "She met [[Pete Hegseth on Thursday.",
            at: "[[", length: 2,
            message: "'[[' opens an entity link that is not closed with ']]' in this paragraph",
            fix: "close the link with ']]'"),
        Case(
            name: "a stray ']]'",
            markdown: "She met Pete Hegseth]] on Thursday.",
            at: "]]", length: 2,
            message: "']]' closes no entity link", fix: "open the link with '[['"),
        Case(
            name: "formatting inside '[[…]]'",
            markdown: "She met [[*Hegseth*]] on Thursday.",
            at: "[[", length: "[[*Hegseth*]]".count,
            message: "an entity link holds only plain text", fix: "put the formatting around the link"),
        Case(
            name: "an unpaired '[' beside a quote",
            markdown: "He [said [“no”]{.quote by=hegseth} and left.",
            at: "[said", length: 1,
            message: "'[' has no matching ']' in this paragraph", fix: "add the missing ']'"),
        Case(
            name: "an unpaired '[' inside a quote",
            markdown: "He said [“no [more”]{.quote by=hegseth} and left.",
            at: "[“no", length: 1,
            message: "'[' has no matching ']' in this paragraph", fix: "add the missing ']'"),
        Case(
            name: "an unpaired ']' inside a quote",
            markdown: "He said [“no] more”]{.quote by=hegseth} and left.",
            at: "]{", length: "]{.quote by=hegseth}".count,
            message: "annotation attributes '{…}' follow a ']' that has no matching '['",
            fix: "put '[' before the quoted words"),
        Case(
            name: "an unpaired ']' beside a claim",
            markdown: "He [ruled it out]{.claim by=hegseth} today] again.",
            at: "] again", length: 1,
            message: "']' has no matching '[' in this paragraph", fix: "add the missing '['"),
        Case(
            name: "an entity link in a link's text",
            markdown: "See [the [[Hegseth]] page](https://example.org) again.",
            at: "[[", length: 2,
            message: "'[[' would be published as written", fix: "move it out of the link"),
    ]
}
