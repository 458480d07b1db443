import Foundation
import SitegenCore

// Times BuildSession.rebuild, the in-memory engine `sitegen serve` will use:
// one full build, then several edits of one article, each followed by a
// rebuild. The article is restored afterwards.
//
//   rebuild-benchmark CONTENT TEMPLATES OUTPUT [EDITS [ACTOR NAME]]

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    FileHandle.standardError.write(
        Data("usage: rebuild-benchmark CONTENT TEMPLATES OUTPUT [EDITS [ACTOR NAME]]\n".utf8))
    exit(2)
}
let content = URL(fileURLWithPath: arguments[1])
let options = SiteBuilder.Options(
    content: content, templates: URL(fileURLWithPath: arguments[2]), output: URL(fileURLWithPath: arguments[3]))
let edits = arguments.count > 4 ? Int(arguments[4]) ?? 5 : 5

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let session = BuildSession(options: options)
var failed = false
let full = seconds {
    if case .failure(let failure) = session.build() {
        print(failure.diagnostics.prefix(5).map(\.description).joined(separator: "\n"))
        failed = true
    }
}
if failed { exit(1) }
print(String(format: "full build %.2f s", full))

// An article from the middle of the archive, edited three ways, each a few
// times; every edit is followed by a rebuild. The article is restored afterwards.
let articles = try FileManager.default.contentsOfDirectory(atPath: content.appendingPathComponent("articles").path)
    .filter { $0.hasSuffix(".md") }.sorted()
let path = "articles/" + articles[articles.count / 2]
let url = content.appendingPathComponent(path)
let original = try String(contentsOf: url, encoding: .utf8)
defer { try? original.write(to: url, atomically: true, encoding: .utf8) }

/// The most mentioned actor's file name, for the hardest edit: a new mention
/// of it changes its (largest) page.
let popular = CommandLine.arguments.count > 5 ? CommandLine.arguments[5] : nil

let kinds: [(String, (Int) -> String)] = [
    ("prose paragraph added", { original + "\nEdit number \($0) adds a sentence.\n" }),
    (
        "quote words changed",
        {
            original.replacingOccurrences(
                of: "]{.quote", with: " (edit \($0))]{.quote", options: [], range: original.range(of: "]{.quote"))
        }
    ),
    (
        "mention of the most mentioned actor added",
        { original + "\nEdit number \($0) names [[\(popular ?? "nobody")]].\n" }
    ),
]

for (label, edited) in kinds where popular != nil || !label.contains("most mentioned") {
    var times: [Double] = []
    var stages: [(String, StageTime)] = []
    var rendered = 0
    var written = 0
    for edit in 1...edits {
        try edited(edit).write(to: url, atomically: true, encoding: .utf8)
        let elapsed = seconds {
            switch session.rebuild(changed: [path]) {
            case .success(let report):
                rendered = report.files
                written = report.written.written
                stages = report.stageTimes
            case .failure(let failure):
                print(failure.diagnostics.prefix(5).map(\.description).joined(separator: "\n"))
                failed = true
            }
        }
        if failed { exit(1) }
        times.append(elapsed)
    }
    try original.write(to: url, atomically: true, encoding: .utf8)
    _ = session.rebuild(changed: [path])

    times.sort()
    print(
        String(
            format:
                "rebuild, %@: median %.0f ms (min %.0f, max %.0f) over %d edits; %d files rendered, %d written",
            label, times[times.count / 2] * 1000, times[0] * 1000, times[times.count - 1] * 1000, edits, rendered,
            written))
    print(
        "  last: " + stages.map { "\($0.0) \(String(format: "%.1f", $0.1.seconds * 1000)) ms" }.joined(separator: ", "))
}
