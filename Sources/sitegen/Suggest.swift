import ArgumentParser
import Foundation
import SitegenBase
import SitegenCLI
import SitegenCore
import SitegenLoad
import SitegenSuggest

struct Suggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Propose the quotes, speakers, claims, links and new actors of a document.",
        discussion: """
            Reads one article (or actor or topic file), skips everything already
            annotated, and proposes annotations: quotations with their speakers,
            reported claims, links to the actors of --content that it names, and
            speakers who are not actors yet as new actors (--new-actors: every name
            that matches no actor). Each proposal has its place, the annotation, the
            rule that made it and a confidence: high, medium or low.

            --apply writes the proposals of medium confidence and up into the file
            (with --new-actors, also a stub file for each new actor, never over an
            existing one), after copying the file into .sitegen-backup/TIME/ next to
            the content folder; it then checks the content, and puts the original
            back if it no longer checks. --from FILE applies the JSON lines of an
            earlier `--format json` run instead (the ones a reviewer kept), skipping
            any whose text is no longer where it was.

            Examples:
              sitegen suggest Content/articles/climate-talks.md
              sitegen suggest draft.md --format json --new-actors
              sitegen suggest Content/articles/climate-talks.md --new-actors --apply

            Exit status: 0 success, 1 content errors (in the file, or with --apply
            anywhere in the content), 2 usage errors, 3 unreadable file.
            """
    )

    @Argument(help: "The Markdown file.")
    var file: String

    @Option(name: .long, help: "The content folder whose actors speakers and names are matched against.")
    var content: String = "Content"

    @Option(name: .long, help: "text (with a caret under each span), or json (one object per line).")
    var format: DiagnosticFormat = .text

    @Flag(
        name: .long, help: "Propose every name in prose that matches no actor, and write their stub files with --apply."
    )
    var newActors = false

    @Flag(inversion: .prefixedNo, help: "Propose reported speech (S said that …) as claims.")
    var claims = true

    @Flag(name: .long, help: "Write the proposals of medium confidence and up into the file.")
    var apply = false

    @Option(
        name: .long, help: ArgumentHelp("With --apply: apply these JSON lines of an earlier run.", valueName: "file"))
    var from: String?

    func validate() throws {
        if from != nil && !apply { throw ValidationError("--from names the proposals --apply writes; add --apply") }
    }

    func run() throws {
        let contentURL = URL(fileURLWithPath: content)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentURL.path, isDirectory: &isFolder), isFolder.boolValue else {
            status("error: no content folder at '\(content)'\n  note: give the site's with --content DIR")
            throw ExitCode(ExitStatus.usage)
        }
        let fileURL = URL(fileURLWithPath: file)
        guard let data = FileManager.default.contents(atPath: file) else {
            status("error: cannot read '\(file)'")
            throw ExitCode(ExitStatus.internalError)
        }
        let name = SuggestInput.name(of: fileURL, content: contentURL) ?? file
        let source: SourceFile
        switch SourceFile.decode(data, path: name) {
        case .success(let decoded): source = decoded
        case .failure(let diagnostic):
            printText([diagnostic], contentURL: contentURL, documents: [:], to: .standardError)
            throw ExitCode(ExitStatus.contentErrors)
        }
        let (markdown, firstLine) = RenderInput.markdown(of: source)
        let loaded = ContentLoader().load(from: contentURL).content
        let body = DocumentBody(file: name, markdown: markdown, firstLine: firstLine)
        let suggester = Suggester(content: loaded, options: .init(newActors: newActors, claims: claims))
        let documentErrors = suggester.errors(in: body)
        if !documentErrors.isEmpty {
            printText(documentErrors, contentURL: contentURL, documents: [name: source.text], to: .standardError)
            status("error: \(name) has errors; fix them first, then ask for suggestions again")
            throw ExitCode(ExitStatus.contentErrors)
        }
        var suggestions = suggester.suggest(body)
        if let from {
            do {
                suggestions = try SuggestInput.proposals(String(contentsOfFile: from, encoding: .utf8))
            } catch {
                status("error: cannot read the proposals in '\(from)': \(error)")
                throw ExitCode(ExitStatus.internalError)
            }
        }
        guard apply else {
            if format == .json {
                FileHandle.standardOutput.write(Data(SuggestText.json(suggestions).utf8))
            } else {
                printText(suggestions.map(\.diagnostic), contentURL: contentURL, documents: [name: source.text])
                print(SuggestText.summary(suggestions))
            }
            return
        }
        // As check --fix: only content that checks is changed, so a failure after is the change's.
        let before = SuggestInput.check(file: fileURL, name: name, content: contentURL)
        if !before.isEmpty {
            printText(before, contentURL: contentURL, documents: [:], to: .standardError)
            status("error: the content does not check, so nothing was applied; fix these errors first")
            throw ExitCode(ExitStatus.contentErrors)
        }
        let applier = SuggestionApplier(content: contentURL)
        let outcome = applier.apply(
            suggestions, to: fileURL, name: name, writeActors: newActors, everything: from != nil)
        print(SuggestText.lines(outcome).joined(separator: "\n"))
        guard outcome.backup != nil || !outcome.actorFiles.isEmpty else {
            print("Nothing applied")
            return
        }
        // Annotating should never break the content; if it did, put the originals back.
        let errors = SuggestInput.check(file: fileURL, name: name, content: contentURL)
        if !errors.isEmpty {
            printText(errors, contentURL: contentURL, documents: [:], to: .standardError)
            do {
                try applier.restore(outcome, file: fileURL)
                status("error: the annotated file no longer checks, so the original is back in place")
            } catch {
                status("error: the annotated file no longer checks, and putting the original back failed: \(error)")
            }
            throw ExitCode(ExitStatus.contentErrors)
        }
        let inside = SuggestInput.name(of: fileURL, content: contentURL) != nil
        print("Checked \(inside ? "the content folder" : name): no errors")
    }

    private func printText(
        _ diagnostics: [Diagnostic], contentURL: URL, documents: [String: String],
        to handle: FileHandle = .standardOutput
    ) {
        let sources = DiagnosticSources(content: contentURL, templates: nil, documents: documents)
        var formatter = DiagnosticFormatter(useColor: false, readFile: sources.text(of:))
        let text = diagnostics.map { formatter.format($0) }.joined(separator: "\n\n")
        if !text.isEmpty { handle.write(Data((text + "\n\n").utf8)) }
    }
}
