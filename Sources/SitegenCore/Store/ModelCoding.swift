import Foundation

// How each value of the pipeline that a build state keeps is written: fields
// in declaration order, enums as a tag and their payload. A change here
// needs a new `BuildStateFile.formatVersion`.

extension BinaryReader {
    /// A raw-value enum's case, or an error for a value this version does not know.
    mutating func readCase<T: RawRepresentable>(_: T.Type) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try readString()) else { throw Malformed() }
        return value
    }
}

extension SourceLocation: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(file)
        writer.write(line)
        writer.write(column)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(file: try reader.readString(), line: try reader.readInt(), column: try reader.readInt())
    }
}

extension SourcePosition: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(line)
        writer.write(column)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(line: try reader.readInt(), column: try reader.readInt())
    }
}

extension Located: BinaryCodable where Value: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(value)
        writer.write(location)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(try reader.read(Value.self), at: try reader.read())
    }
}

extension ContentDate: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(year)
        writer.write(month)
        writer.write(day)
        writer.write(text)
    }

    /// Fields as they were parsed: parsing the text again costs more.
    init(from reader: inout BinaryReader) throws {
        year = try reader.read()
        month = try reader.read()
        day = try reader.read()
        text = try reader.read()
    }
}

extension FrontMatterValue: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        switch self {
        case .scalar(let string):
            writer.write(0)
            writer.write(string)
        case .list(let items):
            writer.write(1)
            writer.write(items)
        case .map(let map):
            writer.write(2)
            writer.write(map)
        case .null: writer.write(3)
        }
    }

    init(from reader: inout BinaryReader) throws {
        switch try reader.readInt() {
        case 0: self = .scalar(try reader.readString())
        case 1: self = .list(try reader.read())
        case 2: self = .map(try reader.read())
        case 3: self = .null
        default: throw BinaryReader.Malformed()
        }
    }
}

extension SiteConfig: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(title)
        writer.write(description)
        writer.write(language)
        writer.write(baseURL)
        writer.write(unsafeHTML)
        writer.write(extra)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(
            title: try reader.read(), description: try reader.read(), language: try reader.read(),
            baseURL: try reader.read(), unsafeHTML: try reader.read(), extra: try reader.read())
    }
}

extension DocumentBody: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(file)
        writer.write(markdown)
        writer.write(firstLine)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(file: try reader.read(), markdown: try reader.read(), firstLine: try reader.read())
    }
}

extension ArticleSource: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(slug)
        writer.write(file)
        writer.write(title)
        writer.write(date)
        writer.write(summary)
        writer.write(draft)
        writer.write(extra)
        writer.write(body)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(
            slug: try reader.read(), file: try reader.read(), title: try reader.read(), date: try reader.read(),
            summary: try reader.read(), draft: try reader.read(), extra: try reader.read(), body: try reader.read())
    }
}

extension ActorSource: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(slug)
        writer.write(file)
        writer.write(name)
        writer.write(kind.rawValue)
        writer.write(role)
        writer.write(affiliation)
        writer.write(aliases)
        writer.write(extra)
        writer.write(body)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(
            slug: try reader.read(), file: try reader.read(), name: try reader.read(),
            kind: try reader.readCase(ActorKind.self), role: try reader.read(), affiliation: try reader.read(),
            aliases: try reader.read(), extra: try reader.read(), body: try reader.read())
    }
}

extension TopicSource: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(slug)
        writer.write(file)
        writer.write(title)
        writer.write(aliases)
        writer.write(summary)
        writer.write(extra)
        writer.write(body)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(
            slug: try reader.read(), file: try reader.read(), title: try reader.read(), aliases: try reader.read(),
            summary: try reader.read(), extra: try reader.read(), body: try reader.read())
    }
}

extension Actor: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(source)
        writer.write(affiliation)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(source: try reader.read(), affiliation: try reader.read())
    }
}

extension AssetFile: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(relativePath)
        writer.write(sourceURL.path)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(relativePath: try reader.read(), sourceURL: URL(fileURLWithPath: try reader.readString()))
    }
}

extension EntityID: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(kind.rawValue)
        writer.write(slug)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(try reader.readCase(EntityKind.self), try reader.readString())
    }
}

extension DocumentRef: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        switch self {
        case .article(let slug):
            writer.write(0)
            writer.write(slug)
        case .actor(let slug):
            writer.write(1)
            writer.write(slug)
        case .topic(let slug):
            writer.write(2)
            writer.write(slug)
        }
    }

    init(from reader: inout BinaryReader) throws {
        let tag = try reader.readInt()
        let slug = try reader.readString()
        switch tag {
        case 0: self = .article(slug)
        case 1: self = .actor(slug)
        case 2: self = .topic(slug)
        default: throw BinaryReader.Malformed()
        }
    }
}

extension StatementID: BinaryCodable {
    func encode(to writer: inout BinaryWriter) { writer.write(rawValue) }
    init(from reader: inout BinaryReader) throws { self.init(try reader.readString()) }
}

extension MentionContext: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(before)
        writer.write(text)
        writer.write(after)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(before: try reader.read(), text: try reader.read(), after: try reader.read())
    }
}

extension MarkdownNode: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        kind.encode(to: &writer)
        writer.write(start)
        writer.write(children)
    }

    init(from reader: inout BinaryReader) throws {
        let kind = try MarkdownNode.Kind(from: &reader)
        let start = try reader.read(SourcePosition.self)
        self.init(kind, children: try reader.read(), start: start)
    }
}

extension MarkdownNode.Kind: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        switch self {
        case .document: writer.write(0)
        case .blockQuote: writer.write(1)
        case .list(let type, let tight):
            writer.write(2)
            switch type {
            case .bullet: writer.write(-1)
            case .ordered(let start, let parenthesis):
                writer.write(start)
                writer.write(parenthesis)
            }
            writer.write(tight)
        case .item: writer.write(3)
        case .codeBlock(let info, let literal):
            writer.write(4)
            writer.write(info)
            writer.write(literal)
        case .htmlBlock(let html):
            writer.write(5)
            writer.write(html)
        case .customBlock(let onEnter, let onExit):
            writer.write(6)
            writer.write(onEnter)
            writer.write(onExit)
        case .paragraph: writer.write(7)
        case .heading(let level):
            writer.write(8)
            writer.write(level)
        case .thematicBreak: writer.write(9)
        case .text(let text):
            writer.write(10)
            writer.write(text)
        case .softBreak: writer.write(11)
        case .lineBreak: writer.write(12)
        case .code(let code):
            writer.write(13)
            writer.write(code)
        case .htmlInline(let html):
            writer.write(14)
            writer.write(html)
        case .customInline(let onEnter, let onExit):
            writer.write(15)
            writer.write(onEnter)
            writer.write(onExit)
        case .emphasis: writer.write(16)
        case .strong: writer.write(17)
        case .link(let destination, let title):
            writer.write(18)
            writer.write(destination)
            writer.write(title)
        case .image(let source, let title):
            writer.write(19)
            writer.write(source)
            writer.write(title)
        case .annotation(let index):
            writer.write(20)
            writer.write(index)
        case .anchor(let anchor):
            writer.write(21)
            writer.write(anchor)
        }
    }

    init(from reader: inout BinaryReader) throws {
        switch try reader.readInt() {
        case 0: self = .document
        case 1: self = .blockQuote
        case 2:
            let start = try reader.readInt()
            let type: MarkdownNode.ListType =
                start < 0 ? .bullet : .ordered(start: start, parenthesis: try reader.readBool())
            self = .list(type, tight: try reader.readBool())
        case 3: self = .item
        case 4: self = .codeBlock(info: try reader.read(), literal: try reader.read())
        case 5: self = .htmlBlock(try reader.read())
        case 6: self = .customBlock(onEnter: try reader.read(), onExit: try reader.read())
        case 7: self = .paragraph
        case 8: self = .heading(level: try reader.read())
        case 9: self = .thematicBreak
        case 10: self = .text(try reader.read())
        case 11: self = .softBreak
        case 12: self = .lineBreak
        case 13: self = .code(try reader.read())
        case 14: self = .htmlInline(try reader.read())
        case 15: self = .customInline(onEnter: try reader.read(), onExit: try reader.read())
        case 16: self = .emphasis
        case 17: self = .strong
        case 18: self = .link(destination: try reader.read(), title: try reader.read())
        case 19: self = .image(source: try reader.read(), title: try reader.read())
        case 20: self = .annotation(try reader.read())
        case 21: self = .anchor(try reader.read())
        default: throw BinaryReader.Malformed()
        }
    }
}

extension EntityLinkSyntax: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(target)
        writer.write(kind?.rawValue)
    }

    init(from reader: inout BinaryReader) throws {
        target = try reader.read()
        kind = try reader.read(String?.self).map { raw in
            guard let kind = EntityKind(rawValue: raw) else { throw BinaryReader.Malformed() }
            return kind
        }
    }
}

extension SpanSyntax: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(spanClass.rawValue)
        writer.write(by)
        writer.write(about)
        writer.write(explicitID)
        writer.write(stance)
        writer.write(date)
    }

    init(from reader: inout BinaryReader) throws {
        spanClass = try reader.readCase(SpanSyntax.Class.self)
        by = try reader.read()
        about = try reader.read()
        explicitID = try reader.read()
        stance = try reader.read()
        date = try reader.read()
    }
}

extension Stance: BinaryCodable {
    func encode(to writer: inout BinaryWriter) { writer.write(rawValue) }
    init(from reader: inout BinaryReader) throws { self = try reader.readCase(Stance.self) }
}

extension StanceSyntax: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(topic)
        writer.write(stance)
    }

    init(from reader: inout BinaryReader) throws {
        topic = try reader.read()
        stance = try reader.read()
    }
}

extension EventSyntax: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(date)
        writer.write(by)
        writer.write(about)
    }

    init(from reader: inout BinaryReader) throws {
        date = try reader.read()
        by = try reader.read()
        about = try reader.read()
    }
}

extension ResolvedEvent: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(date)
        writer.write(actors)
        writer.write(topics)
    }

    init(from reader: inout BinaryReader) throws {
        date = try reader.read()
        actors = try reader.read()
        topics = try reader.read()
    }
}

extension Event: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(date)
        writer.write(text)
        writer.write(content)
        writer.write(actors)
        writer.write(topics)
        writer.write(source)
        writer.write(anchor)
        writer.write(articleDate)
        writer.write(position)
    }

    init(from reader: inout BinaryReader) throws {
        date = try reader.read()
        text = try reader.read()
        content = try reader.read()
        actors = try reader.read()
        topics = try reader.read()
        source = try reader.read()
        anchor = try reader.read()
        articleDate = try reader.read()
        position = try reader.read()
    }
}

extension Annotation: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        switch kind {
        case .entityLink(let link):
            writer.write(0)
            writer.write(link)
        case .span(let span):
            writer.write(1)
            writer.write(span)
        case .event(let event):
            writer.write(2)
            writer.write(event)
        }
        writer.write(location)
        writer.write(length)
        writer.write(text)
        writer.write(blockAnchor)
        writer.write(context)
    }

    init(from reader: inout BinaryReader) throws {
        switch try reader.readInt() {
        case 0: kind = .entityLink(try reader.read())
        case 1: kind = .span(try reader.read())
        case 2: kind = .event(try reader.read())
        default: throw BinaryReader.Malformed()
        }
        location = try reader.read()
        length = try reader.read()
        text = try reader.read()
        blockAnchor = try reader.read()
        context = try reader.read()
    }
}

extension Diagnostic: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(severity.rawValue)
        writer.write(location)
        writer.write(length)
        writer.write(message)
        writer.write(notes)
    }

    init(from reader: inout BinaryReader) throws {
        let severity = try reader.readCase(Severity.self)
        let location = try reader.read(SourceLocation?.self)
        let length = try reader.readInt()
        self.init(severity, try reader.read(), at: location, length: length, notes: try reader.read())
    }
}

extension ParsedDocument: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(root)
        writer.write(annotations)
        writer.write(diagnostics)
    }

    init(from reader: inout BinaryReader) throws {
        root = try reader.read()
        annotations = try reader.read()
        diagnostics = try reader.read()
    }
}

extension ResolvedStatement: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.write(kind.rawValue)
        writer.write(speaker)
        writer.write(topics)
        writer.write(stances)
        writer.write(date)
    }

    init(from reader: inout BinaryReader) throws {
        id = try reader.read()
        kind = try reader.readCase(SpanSyntax.Class.self)
        speaker = try reader.read()
        topics = try reader.read()
        stances = try reader.read()
        date = try reader.read()
    }
}

extension Reference: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        switch self {
        case .entity(let id):
            writer.write(0)
            writer.write(id)
        case .statement(let statement):
            writer.write(1)
            writer.write(statement)
        case .event(let event):
            writer.write(2)
            writer.write(event)
        }
    }

    init(from reader: inout BinaryReader) throws {
        switch try reader.readInt() {
        case 0: self = .entity(try reader.read())
        case 1: self = .statement(try reader.read())
        case 2: self = .event(try reader.read())
        default: throw BinaryReader.Malformed()
        }
    }
}

extension ResolvedDocument: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(source)
        writer.write(parsed)
        writer.write(references)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(source: try reader.read(), parsed: try reader.read(), references: try reader.read())
    }
}

extension Statement: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.write(kind.rawValue)
        writer.write(speaker)
        writer.write(topics)
        writer.write(text)
        writer.write(content)
        writer.write(source)
        writer.write(anchor)
        writer.write(date)
        writer.write(articleDate)
        writer.write(stances)
        writer.write(context)
        writer.write(position)
    }

    init(from reader: inout BinaryReader) throws {
        id = try reader.read()
        kind = try reader.readCase(SpanSyntax.Class.self)
        speaker = try reader.read()
        topics = try reader.read()
        text = try reader.read()
        content = try reader.read()
        source = try reader.read()
        anchor = try reader.read()
        date = try reader.read()
        articleDate = try reader.read()
        stances = try reader.read()
        context = try reader.read()
        position = try reader.read()
    }
}

extension Mention: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(entity)
        writer.write(source)
        writer.write(anchor)
        writer.write(context)
        writer.write(position)
    }

    init(from reader: inout BinaryReader) throws {
        entity = try reader.read()
        source = try reader.read()
        anchor = try reader.read()
        context = try reader.read()
        position = try reader.read()
    }
}

extension DocumentContribution: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(source)
        writer.write(statements)
        writer.write(mentions)
        writer.write(pairCounts)
        writer.write(topicsOfActor)
        writer.write(actorsOfTopic)
        writer.write(touched)
        writer.write(events)
    }

    init(from reader: inout BinaryReader) throws {
        source = try reader.read()
        statements = try reader.read()
        mentions = try reader.read()
        pairCounts = try reader.read()
        topicsOfActor = try reader.read()
        actorsOfTopic = try reader.read()
        touched = try reader.read()
        events = try reader.read()
    }
}
