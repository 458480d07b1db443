import Foundation
import SitegenTestSupport
import Testing

/// Every generated page, checked by the Nu HTML Checker (the W3C's validator,
/// vnu.jar): the seed site as it is, and again with `base_url`, which adds
/// canonical links, social tags and the 404 page's `<base href>`.
@Suite("Nu HTML Checker")
struct HTMLValidityTests {
    struct Message {
        var type: String
        var subType: String?
        var file: String
        var line: Int?
        var text: String

        var isError: Bool { type == "error" || type == "non-document-error" }
        var isWarning: Bool { type == "info" && subType == "warning" }
        var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(text)" }
    }

    /// Runs vnu.jar over `files`; returns the files it says it checked and its messages.
    private func check(_ files: [URL], scratch: URL) throws -> (checked: [String], messages: [Message]) {
        let java = try Tools.java()
        let jar = try Tools.vnuJar()
        let standardOutput = scratch.appendingPathComponent("vnu.out")
        let standardError = scratch.appendingPathComponent("vnu.json")
        _ = FileManager.default.createFile(atPath: standardOutput.path, contents: nil)
        _ = FileManager.default.createFile(atPath: standardError.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: java)
        // --verbose names each checked file on standard output; the JSON report goes to standard error.
        process.arguments = ["-jar", jar.path, "--format", "json", "--verbose"] + files.map(\.path)
        process.standardOutput = try FileHandle(forWritingTo: standardOutput)
        process.standardError = try FileHandle(forWritingTo: standardError)
        try process.run()
        process.waitUntilExit()

        let checked = try String(contentsOf: standardOutput, encoding: .utf8).split(separator: "\n").map(String.init)
        let report = try Data(contentsOf: standardError)
        guard let json = try? JSONSerialization.jsonObject(with: report) as? [String: Any],
            let raw = json["messages"] as? [[String: Any]]
        else {
            throw TestContent.Failure(
                "vnu.jar did not report JSON (exit \(process.terminationStatus)): "
                    + String(decoding: report.prefix(2000), as: UTF8.self))
        }
        let messages = raw.map { message in
            Message(
                type: message["type"] as? String ?? "?", subType: message["subType"] as? String,
                file: URL(string: message["url"] as? String ?? "")?.path ?? "?",
                line: message["lastLine"] as? Int, text: message["message"] as? String ?? "?")
        }
        return (checked, messages)
    }

    @Test func everyGeneratedPageIsValidHTML() throws {
        try SeedSite.withBuilt(withPictures: true) { plain in
            try SeedSite.withBuilt(siteYAMLExtra: "base_url: https://example.org/explainer/") { hosted in
                // A page with a known error, so a checker that checks nothing cannot pass.
                let scratch = plain.root.deletingLastPathComponent()
                let control = scratch.appendingPathComponent("control-invalid.html")
                try Data(
                    """
                    <!DOCTYPE html><html lang="en"><head><title>Control</title></head>
                    <body><ul><p>Not a list item</p></ul></body></html>
                    """.utf8
                ).write(to: control)

                let pages = plain.pages.map(plain.url) + hosted.pages.map(hosted.url)
                #expect(pages.count > 40, "expected the seed site's pages twice, found \(pages.count)")
                #expect(hosted.pages.contains("404.html") && plain.pages.contains("search.html"))
                #expect(plain.pages.contains("articles/pictures.html"))
                let result = try check(pages + [control], scratch: scratch)

                let checked = Set(result.checked.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
                let missed = pages.map(\.standardizedFileURL.path).filter { !checked.contains($0) }
                #expect(missed.isEmpty, "vnu.jar did not check: \(missed)")
                #expect(
                    result.messages.contains { $0.isError && $0.file == control.path },
                    "vnu.jar found no error in a page that has one: \(result.messages.map(\.description))")

                let ofPages = result.messages.filter { $0.file != control.path }
                let warnings = ofPages.filter(\.isWarning)
                for warning in warnings { print("vnu warning: \(warning.description)") }
                print("vnu: \(pages.count) pages checked, \(warnings.count) warnings")
                let errors = ofPages.filter { $0.isError }
                #expect(
                    errors.isEmpty,
                    "\(errors.count) HTML errors:\n\(errors.map(\.description).joined(separator: "\n"))")
            }
        }
    }
}
