import CompiledMustache
import Foundation
import Mustache
import MustacheCompiler
import Testing

/// Each folder in `Examples/` is one Mustache example, modelled on the
/// spec's interpolation, sections, inverted sections, partials and
/// inheritance cases: `template.mustache`, its partials, `data.json` and
/// `expected.txt`. The build compiled every folder to Swift
/// (`CompiledExamples`); each is rendered compiled and by swift-mustache,
/// and both must give the expected bytes.
struct CompiledExamplesTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Examples")

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func everyExampleWasCompiled() {
        #expect(Self.names.count >= 80)
        #expect(Set(CompiledExamples.libraries.keys) == Set(Self.names))
    }

    @Test(arguments: names)
    func compiledAndInterpretedGiveTheExpectedBytes(name: String) throws {
        let example = Self.folder.appendingPathComponent(name)
        let data = try JSONDecoder().decode(
            ExampleData.self, from: Data(contentsOf: example.appendingPathComponent("data.json")))
        let expected = try String(contentsOf: example.appendingPathComponent("expected.txt"), encoding: .utf8)

        var library = MustacheLibrary()
        for file in try FileManager.default.contentsOfDirectory(atPath: example.path) where file.hasSuffix(".mustache")
        {
            let text = try String(contentsOf: example.appendingPathComponent(file), encoding: .utf8)
            try library.register(text, named: String(file.dropLast(".mustache".count)))
        }
        let interpreted = library.render(data.value.interpreted, withTemplate: "template")
        let render = try #require(CompiledExamples.libraries[name])
        let compiled = render("template", data.value)

        #expect(compiled == interpreted, "compiled and swift-mustache differ")
        #expect(compiled == expected)
    }

    @Test func aTemplateTheCompilerCannotTakeIsAnErrorWithItsPosition() {
        #expect(throws: TemplateError.self) { try TemplateParser.parse("{{#a}}\n{{/b}}") }
        #expect(throws: TemplateError.self) { try TemplateParser.parse("{{#a}}open") }
        do {
            _ = try TemplateParser.parse("line one\n  {{first(list)}}")
            Issue.record("a transform was accepted")
        } catch let error as TemplateError {
            #expect(error.line == 2 && error.column == 5)
            #expect(error.message.contains("transform"))
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func textIsSplitAfterNewlinesAndStandaloneTagsLeaveNoLine() throws {
        let nodes = try TemplateParser.parse("a\n{{#s}}\nb{{x}}\n{{/s}}\n")
        #expect(
            nodes == [
                .text("a\n"),
                .section(name: "s", body: [.text("b"), .variable(name: "x", escaped: true), .text("\n")]),
            ])
    }

    @Test func generatedLiteralsKeepEveryCharacter() {
        #expect(SwiftEmitter.literal("a\"b\\c\nd\te\u{1}") == #""a\"b\\c\nd\te\u{1}""#)
    }
}

/// JSON as a view: objects answer their keys.
struct ExampleObject: MustacheObject {
    let fields: [String: MustacheValue]
    func value(named name: String) -> MustacheValue? { fields[name] }
}

struct ExampleData: Decodable {
    let value: MustacheValue

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            value = .bool(flag)
        } else if let number = try? container.decode(Int.self) {
            value = .int(number)
        } else if let text = try? container.decode(String.self) {
            value = .text(text)
        } else if let items = try? container.decode([ExampleData].self) {
            value = .list(items.map(\.value))
        } else {
            let fields = try container.decode([String: ExampleData].self)
            value = .object(ExampleObject(fields: fields.mapValues(\.value)))
        }
    }
}
