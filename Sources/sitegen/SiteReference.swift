import ArgumentParser
import SitegenLoad

/// `sitegen help site` (and `sitegen site`): the settings site.yml takes,
/// printed from the same table the loader checks keys against.
struct SiteReference: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Explain the settings of site.yml (also: sitegen help site).",
        discussion: """
            site.yml, in the content folder, holds the site's settings; only title is
            required. A key not listed here is warned about (with the setting it is
            closest to); values for a theme go under params.

            \(SiteSettings.helpText)
            """
    )

    func run() {
        print(SiteSettings.helpText)
    }
}
