import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenLoad
@testable import SitegenParse
@testable import SitegenResolve

/// Issue 12's guarantee, tried on every annotation of the seed article:
/// drop or move by one character each of its brackets, braces and bars,
/// and the result is an error or the same site, never a site with fewer
/// quotes, claims, events or links that builds with exit 0.
@Suite("Malformed variants of the seed article")
struct MalformedSeedVariantTests {
    static let articleSlug = "hegseth-peace-talks-not-a-betrayal"

    struct Counts: Equatable, CustomStringConvertible {
        var quotes = 0
        var claims = 0
        var events = 0
        var links = 0
        var description: String { "\(quotes) quotes, \(claims) claims, \(events) events, \(links) links" }
    }

    struct Variant: Sendable {
        /// What was changed, e.g. "drop ']' at 9:52".
        var change: String
        var markdown: String
    }

    /// What the resolved article holds.
    static func counts(_ document: ResolvedDocument) -> Counts {
        var counts = Counts()
        for reference in document.references {
            switch reference {
            case .entity: counts.links += 1
            case .statement(let statement) where statement.kind == .quote: counts.quotes += 1
            case .statement: counts.claims += 1
            case .event: counts.events += 1
            case nil: break
            }
        }
        return counts
    }

    /// Every variant of `body` that drops one `[`, `]`, `{`, `}` or `|` of an
    /// annotation, or swaps it with the character before or after it.
    static func variants(of body: DocumentBody, annotations: [Annotation]) -> [Variant] {
        let source = Array(body.markdown.unicodeScalars)
        var lineStarts = [0]
        for (offset, scalar) in source.enumerated() where scalar == "\n" { lineStarts.append(offset + 1) }
        var marks = Set<Int>()
        for annotation in annotations {
            let start = lineStarts[annotation.location.line - body.firstLine] + annotation.location.column - 1
            for offset in start..<(start + annotation.length) where "[]{}|".unicodeScalars.contains(source[offset]) {
                marks.insert(offset)
            }
        }
        func place(_ offset: Int) -> String {
            let line = lineStarts.lastIndex { $0 <= offset } ?? 0
            return "\(line + body.firstLine):\(offset - lineStarts[line] + 1)"
        }
        var seen: Set<[Unicode.Scalar]> = [source]
        var variants: [Variant] = []
        func add(_ scalars: [Unicode.Scalar], _ change: String) {
            guard seen.insert(scalars).inserted else { return }
            variants.append(Variant(change: change, markdown: String(String.UnicodeScalarView(scalars))))
        }
        for offset in marks.sorted() {
            let mark = "'\(source[offset])' at \(place(offset))"
            var dropped = source
            dropped.remove(at: offset)
            add(dropped, "drop \(mark)")
            for neighbour in [offset - 1, offset + 1] where source.indices.contains(neighbour) {
                var moved = source
                moved.swapAt(offset, neighbour)
                add(moved, "move \(mark) \(neighbour < offset ? "left" : "right")")
            }
        }
        return variants
    }

    @Test func everyVariantIsAnErrorOrTheSameCounts() throws {
        let loaded = ContentLoader().load(from: TestContent.seedContent)
        #expect(loaded.diagnostics.errors.isEmpty)
        let site = ParsedSite.parse(loaded.content)
        let index = try #require(loaded.content.articles.firstIndex { $0.slug == Self.articleSlug })
        let body = loaded.content.articles[index].body
        let original = Self.counts(Resolver().resolve(site).articleBodies[index])
        #expect(original.quotes > 10 && original.claims > 10 && original.events > 5 && original.links > 80)

        let variants = Self.variants(of: body, annotations: site.articleBodies[index].annotations)
        #expect(variants.count > 500, "only \(variants.count) variants")
        // Load, parse and resolve as `sitegen check` does, redoing only the changed article.
        let outcomes = variants.concurrentMap { variant -> String? in
            var changed = site
            changed.articleBodies[index] = AnnotationParser().parse(
                DocumentBody(file: body.file, markdown: variant.markdown, firstLine: body.firstLine))
            let resolved = Resolver().resolve(changed)
            if changed.articleBodies[index].diagnostics.hasErrors || resolved.diagnostics.hasErrors { return nil }
            let counts = Self.counts(resolved.articleBodies[index])
            return counts == original ? nil : "\(variant.change): \(counts), not \(original)"
        }
        let silentLosses = outcomes.compactMap { $0 }
        #expect(
            silentLosses.isEmpty,
            "\(silentLosses.count) variants build with exit 0 and lose annotations:\n\(silentLosses.prefix(20).joined(separator: "\n"))"
        )
    }

    /// What the built article page shows, counted from its HTML.
    static func counts(page: String) -> Counts {
        Counts(
            quotes: TestContent.count("class=\"statement quote\"", in: page),
            claims: TestContent.count("class=\"statement claim\"", in: page),
            events: TestContent.count("class=\"event\"", in: page),
            links: TestContent.count("class=\"entity ", in: page))
    }

    @Test func aSampleOfVariantsThroughTheBinary() throws {
        let loaded = ContentLoader().load(from: TestContent.seedContent)
        let site = ParsedSite.parse(loaded.content)
        let index = try #require(loaded.content.articles.firstIndex { $0.slug == Self.articleSlug })
        let body = loaded.content.articles[index].body
        let variants = Self.variants(of: body, annotations: site.articleBodies[index].annotations)
        let sample = stride(from: 0, to: variants.count, by: max(1, variants.count / 8)).map { variants[$0] }
        let articlePath = "articles/\(Self.articleSlug).md"
        let articleText = try String(
            contentsOf: TestContent.seedContent.appendingPathComponent(articlePath), encoding: .utf8)
        let bodyStart = try #require(articleText.range(of: body.markdown)?.lowerBound)
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            try TestContent.copyFolder(TestContent.seedContent, to: content)
            func build(_ output: String) throws -> (SitegenBinary.Run, URL) {
                let folder = root.appendingPathComponent(output)
                let run = try SitegenBinary.run(
                    [
                        "build", "--content", content.path, "--output", folder.path, "--templates",
                        TestContent.seedTemplates.path,
                    ])
                return (run, folder)
            }
            let (first, originalOutput) = try build("original")
            #expect(first.status == 0, "\(first.err)")
            let pagePath = "articles/\(Self.articleSlug).html"
            let original = Self.counts(
                page: try String(contentsOf: originalOutput.appendingPathComponent(pagePath), encoding: .utf8))
            let quotePages = try FileManager.default.contentsOfDirectory(
                atPath: originalOutput.appendingPathComponent("quotes").path
            ).count
            for (number, variant) in sample.enumerated() {
                try TestContent.write(
                    [articlePath: String(articleText[..<bodyStart]) + variant.markdown], into: content)
                let (run, output) = try build("variant-\(number)")
                if run.status == 0 {
                    let page = try String(contentsOf: output.appendingPathComponent(pagePath), encoding: .utf8)
                    #expect(Self.counts(page: page) == original, "\(variant.change)")
                    let quotes = try FileManager.default.contentsOfDirectory(
                        atPath: output.appendingPathComponent("quotes").path)
                    #expect(quotes.count == quotePages, "\(variant.change)")
                } else {
                    #expect(run.status == 1, "\(variant.change): \(run.err)")
                    #expect(
                        run.err.contains("\(articlePath):") && run.err.contains(": error: "),
                        "\(variant.change): \(run.err)")
                    #expect(!FileManager.default.fileExists(atPath: output.path), "\(variant.change)")
                }
            }
        }
    }
}
