import Testing

@testable import SitegenBase
@testable import SitegenLoad
@testable import SitegenParse

// `stance=` and `date=` on quotes and claims, and `.event` spans: what the
// parser reads, and the errors it reports with their positions.

private let file = "articles/test.md"
/// Bodies start on file line 5, after the front matter.
private let firstLine = 5

private func parse(_ markdown: String) -> ParsedDocument {
    AnnotationParser().parse(DocumentBody(file: file, markdown: markdown, firstLine: firstLine))
}

private func spans(_ document: ParsedDocument) -> [SpanSyntax] {
    document.annotations.compactMap { if case .span(let span) = $0.kind { span } else { nil } }
}

private func events(_ document: ParsedDocument) -> [(EventSyntax, Annotation)] {
    document.annotations.compactMap { if case .event(let event) = $0.kind { (event, $0) } else { nil } }
}

/// File location of the first `needle` on the body's only line.
private func location(of needle: String, in line: String) throws -> SitegenBase.SourceLocation {
    let range = try #require(line.range(of: needle), "'\(needle)' not in '\(line)'")
    let column = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: range.lowerBound) + 1
    return SitegenBase.SourceLocation(file: file, line: firstLine, column: column)
}

@Suite("AnnotationParser: stances, dates and events")
struct StanceAndEventSyntaxTests {
    @Test func oneStanceForEveryTopic() throws {
        let document = parse("[“no”]{.quote by=hegseth about=peace-talks,territory stance=against}")
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        let span = try #require(spans(document).first)
        #expect(span.stance == [StanceSyntax(topic: nil, stance: .against)])
        #expect(span.about.map(\.value) == ["peace-talks", "territory"])
    }

    @Test func oneStancePerTopicWithPositions() throws {
        let line = "[w]{.claim by=trump about=peace-talks,territory stance=peace-talks:for,territory:Against}"
        let span = try #require(spans(parse(line)).first)
        #expect(span.stance.map(\.stance) == [.for, .against], "stance words are read in any case")
        #expect(span.stance.map { $0.topic?.value } == ["peace-talks", "territory"])
        #expect(span.stance[1].topic?.location == (try location(of: "territory:", in: line)))
    }

    @Test func dateOnAQuote() throws {
        let span = try #require(spans(parse("[w]{.quote by=x date=2025-02-12}")).first)
        #expect(span.date?.value == ContentDate(iso: "2025-02-12"))
        #expect(span.stance.isEmpty)
    }

    @Test func eventWithDateActorsAndTopics() throws {
        let line = "[[[Trump]] called [[Putin]]]{.event date=2025-02-12 by=\"trump, Vladimir Putin\" about=peace-talks}"
        let document = parse(line)
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        let (event, annotation) = try #require(events(document).first)
        #expect(event.date?.value == ContentDate(iso: "2025-02-12"))
        #expect(event.by.map(\.value) == ["trump", "Vladimir Putin"])
        #expect(event.about.map(\.value) == ["peace-talks"])
        #expect(annotation.text == "Trump called Putin")
        #expect(annotation.location == SitegenBase.SourceLocation(file: file, line: firstLine, column: 1))
        // The links inside are annotations of their own.
        #expect(document.annotations.count == 3)
    }

    @Test func eventAroundAClaimKeepsBoth() throws {
        let document = parse("Later, [[he said no]{.claim by=x about=t stance=against}]{.event}.")
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        #expect(spans(document).count == 1)
        let (event, annotation) = try #require(events(document).first)
        #expect(event.date == nil && event.by.isEmpty, "both are optional")
        #expect(annotation.text == "he said no")
    }

    // MARK: Errors

    private func onlyError(_ line: String) throws -> Diagnostic {
        let document = parse(line)
        #expect(document.diagnostics.count == 1, "\(document.diagnostics)")
        #expect(spans(document).isEmpty && events(document).isEmpty, "an annotation in error is left as text")
        let diagnostic = try #require(document.diagnostics.first)
        #expect(diagnostic.severity == .error)
        return diagnostic
    }

    @Test func unknownStanceSuggestsTheNearestAndListsTheValidOnes() throws {
        let line = "[w]{.quote by=x about=t stance=aginst}"
        let diagnostic = try onlyError(line)
        #expect(diagnostic.message == "unknown stance 'aginst'")
        #expect(diagnostic.location == (try location(of: "aginst", in: line)))
        #expect(diagnostic.length == 6)
        #expect(diagnostic.notes == ["did you mean 'against'?", "a stance is one of: for, against, mixed, neutral"])
    }

    @Test func unknownStanceOfOneTopicPointsAtTheWord() throws {
        let line = "[w]{.quote by=x about=a,b stance=a:for,b:pro}"
        let diagnostic = try onlyError(line)
        #expect(diagnostic.message == "unknown stance 'pro'")
        #expect(diagnostic.location == (try location(of: "pro", in: line)))
    }

    @Test func stanceWithoutAbout() throws {
        let line = "[w]{.claim by=x stance=for}"
        let diagnostic = try onlyError(line)
        #expect(diagnostic.message.contains("'stance=' without 'about='"))
        #expect(diagnostic.location == (try location(of: "stance=", in: line)))
    }

    @Test func stanceForEveryTopicAndPerTopicTogether() throws {
        let diagnostic = try onlyError("[w]{.claim by=x about=a,b stance=for,b:against}")
        #expect(diagnostic.message.contains("mixes one stance for every topic with stances per topic"))
    }

    @Test(arguments: ["stance=", "stance=:for", "stance=a:"])
    func emptyStances(_ attribute: String) throws {
        let diagnostic = try onlyError("[w]{.claim by=x about=a \(attribute)}")
        #expect(diagnostic.notes.contains { $0.contains("for") })
    }

    @Test func impossibleDateSaysHowManyDaysTheMonthHas() throws {
        let line = "[w]{.quote by=x date=2025-02-30}"
        let diagnostic = try onlyError(line)
        #expect(diagnostic.message == "'2025-02-30' is not a date")
        #expect(diagnostic.location == (try location(of: "2025-02-30", in: line)))
        #expect(diagnostic.notes.first == "February 2025 has 28 days")
    }

    @Test(arguments: ["12/02/2025", "2025-2-12", "2025-02-12T10:00", "Wednesday"])
    func datesMustBeWrittenYYYYMMDD(_ value: String) throws {
        let diagnostic = try onlyError("[w]{.event date=\(value)}")
        #expect(diagnostic.message == "'\(value)' is not a date")
        #expect(diagnostic.notes.contains("write the date as YYYY-MM-DD, e.g. date=2025-02-12"))
    }

    @Test func anEventTakesNoStance() throws {
        let line = "[it happened]{.event about=t stance=for}"
        let diagnostic = try onlyError(line)
        #expect(diagnostic.message == "an event has no 'stance='")
        #expect(diagnostic.location == (try location(of: "stance=", in: line)))
    }

    @Test func anEventTakesNoID() throws {
        let diagnostic = try onlyError("[it happened]{.event #talks}")
        #expect(diagnostic.message == "an event has no #id")
    }

    @Test func misspelledEventAttributeSuggestsTheRightOne() throws {
        let diagnostic = try onlyError("[it happened]{.event dat=2025-02-12}")
        #expect(diagnostic.message == "unknown annotation attribute 'dat='")
        #expect(diagnostic.notes.first == "did you mean 'date='?")
        #expect(diagnostic.notes.contains("an event's attributes are: by=, about=, date="))
    }

    @Test func misspelledClassSuggestsEvent() throws {
        let diagnostic = try onlyError("[it happened]{.evnt}")
        #expect(diagnostic.notes.first == "did you mean '.event'?")
    }

    @Test func aSpanIsNotBothAQuoteAndAnEvent() throws {
        let diagnostic = try onlyError("[w]{.quote .event by=x}")
        #expect(diagnostic.message.contains("not both .quote and .event"))
    }
}
