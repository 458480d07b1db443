import ArgumentParser
import Foundation
import SitegenCLI
import SitegenScaffold

/// `sitegen new`: files to start from, never written over existing ones.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a site, or add an article, actor or topic to one.",
        discussion: """
            Each command writes new files only: it refuses a file that exists, and a name
            that is already an actor's or topic's (with the existing one it probably means).

            Examples:
              sitegen new site demo && cd demo && sitegen build
              sitegen new article "Council votes on bus fares"
              sitegen new actor "Ana Ruiz" --kind person --role "Mayor of Riverton" --affiliation riverton-city-council
              sitegen new topic "Bus fares"

            Exit status: 0 written, 1 a file or entity of that name exists, 2 usage errors
            (an unknown kind or affiliation, no content folder), 3 I/O errors.
            """,
        subcommands: [NewSiteCommand.self, NewArticle.self, NewActor.self, NewTopic.self]
    )

    /// Prints the refusal the way other commands print errors, and exits with its status.
    static func fail(_ error: ScaffoldError) -> ExitCode {
        status("error: \(error.message)")
        for note in error.notes { status("  note: \(note)") }
        switch error.cause {
        case .exists: return ExitCode(ExitStatus.contentErrors)
        case .usage: return ExitCode(ExitStatus.usage)
        case .io: return ExitCode(ExitStatus.internalError)
        }
    }
}

/// Where `new article|actor|topic` writes, and how it reports the file.
struct NewFileOptions: ParsableArguments {
    @Option(name: .long, help: "The content folder.")
    var content: String = "Content"

    var scaffold: Scaffold { Scaffold(content: URL(fileURLWithPath: content)) }

    func report(_ file: NewFile) {
        print((content.hasSuffix("/") ? content : content + "/") + file.path)
        for warning in file.warnings { status("warning: \(warning)") }
    }
}

struct NewSiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Make a new site that builds as it is: settings, one article, two actors, a topic.",
        discussion: """
            Writes FOLDER/Content/ (a commented site.yml with every setting, an article that
            uses every kind of annotation, two actors and a topic) and FOLDER/.gitignore (the
            output folder and sitegen's state beside it). FOLDER is made if missing and must
            be empty. Then: cd FOLDER && sitegen build (or sitegen serve).
            """
    )

    @Argument(help: ArgumentHelp("The folder to make the site in.", valueName: "folder"))
    var folder: String

    func run() throws {
        do throws(ScaffoldError) {
            let written = try NewSite.create(at: URL(fileURLWithPath: folder))
            let shown = folder.hasSuffix("/") ? folder : folder + "/"
            print("Made a new site in \(shown):")
            for path in written { print("  \(shown)\(path)") }
            print("Build it with: cd \(folder) && sitegen build")
        } catch {
            throw New.fail(error)
        }
    }
}

struct NewArticle: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "article",
        abstract: "Add a draft article: articles/SLUG.md, dated today, with draft: true.",
        discussion: "The slug is made from the title's first eight words. Prints the file's path."
    )

    @Argument(help: ArgumentHelp("The article's title.", valueName: "title"))
    var title: String

    @OptionGroup var options: NewFileOptions

    func run() throws {
        do throws(ScaffoldError) { options.report(try options.scaffold.newArticle(title: title)) } catch {
            throw New.fail(error)
        }
    }
}

struct NewActor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actor",
        abstract: "Add an actor: actors/SLUG.md, the slug made from the name.",
        discussion: "Prints the file's path."
    )

    @Argument(help: ArgumentHelp("The actor's name, as pages show it.", valueName: "name"))
    var name: String

    @Option(name: .long, help: "person, country, organisation or group.")
    var kind: String

    @Option(name: .long, help: "Shown under the name, such as \"Mayor of Riverton\".")
    var role: String?

    @Option(name: .long, help: "Another actor of the site, by any of its names.")
    var affiliation: String?

    @OptionGroup var options: NewFileOptions

    func run() throws {
        do throws(ScaffoldError) {
            options.report(try options.scaffold.newActor(name: name, kind: kind, role: role, affiliation: affiliation))
        } catch {
            throw New.fail(error)
        }
    }
}

struct NewTopic: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topic",
        abstract: "Add a topic: topics/SLUG.md, the slug made from the title.",
        discussion: "Prints the file's path."
    )

    @Argument(help: ArgumentHelp("The topic's title.", valueName: "title"))
    var title: String

    @OptionGroup var options: NewFileOptions

    func run() throws {
        do throws(ScaffoldError) { options.report(try options.scaffold.newTopic(title: title)) } catch {
            throw New.fail(error)
        }
    }
}
