import SitegenBase
import SitegenLink
import SitegenLoad
import SitegenResolve

/// What a planned output file is, and so which part of the build makes it.
public enum OutputFileKind: Sendable, Hashable {
    case page(PageKind)
    /// `data/graph.json`.
    case graphData
    /// `data/articles/SLUG.json`.
    case articleData(slug: String)
    /// `data/claims.json`.
    case claimsData
    /// `data/timeline.json`.
    case timelineData
    /// `search-index.js`.
    case searchIndex
    /// One of the scripts the search index's quotes are spread over.
    case searchPart(Int)
    /// `robots.txt`, and with a base URL `sitemap.xml` and `feed.xml`.
    case hosting
    /// With a base URL, an actor's or topic's own feed (`actors/SLUG.xml`).
    case entityFeed(EntityID)
    /// A file from the theme's `static/` folder, under its hashed name.
    case themeFile
    /// A file from the content's `assets/` folder, copied as it is.
    case contentAsset(AssetFile)

    /// The file's origin in words, for a clash's message.
    package var source: String {
        switch self {
        case .page(let kind): return "the \(kind.name) page"
        case .graphData, .articleData, .claimsData, .timelineData: return "a data file"
        case .searchIndex, .searchPart: return "the search index"
        case .hosting, .entityFeed: return "a file for static hosts"
        case .themeFile: return "a static file of the theme"
        case .contentAsset(let asset): return "the content asset 'assets/\(asset.relativePath)'"
        }
    }
}

/// One file the build will write, and why.
public struct PlannedFile: Sendable, Hashable {
    public var kind: OutputFileKind
    public var path: OutputPath
}

/// Where the files that are not pages go. Plan names every output path;
/// Render only fills them.
extension OutputPlan {
    /// The site as data, for data journalists (`GraphExport`).
    public static let graphDataPath = OutputPath(trusted: "data/graph.json")

    /// Every claim with its speaker, date, rating and paragraph (`GraphExport.claimsJSON`).
    public static let claimsDataPath = OutputPath(trusted: "data/claims.json")

    /// Every event in TimelineJS's JSON format (`GraphExport.timelineJSON`).
    public static let timelineDataPath = OutputPath(trusted: "data/timeline.json")

    /// One article's statements and mentions, the `data` field of its entry in `graph.json`.
    public static func articleDataPath(_ slug: String) -> OutputPath {
        OutputPath(trusted: "data/articles/\(slug).json")
    }

    /// What the search page looks through, as a script: browsers refuse
    /// `fetch` on `file://`, but load scripts. Quotes come in parts, each
    /// adding to its `quotes`.
    public static let searchIndexPath = OutputPath(trusted: "search-index.js")

    /// For static hosts (`HostingFiles`); the sitemap and feed only with a base URL.
    public static let robotsPath = OutputPath(trusted: "robots.txt")
    public static let sitemapPath = OutputPath(trusted: "sitemap.xml")
    public static let feedPath = OutputPath(trusted: "feed.xml")

    /// An actor's or topic's feed, beside its page: `actors/SLUG.xml`.
    public static func entityFeedPath(_ id: EntityID) -> OutputPath {
        OutputPath(trusted: (id.kind == .actor ? "actors/" : "topics/") + id.slug + ".xml")
    }
}

/// Every file a build writes, decided before anything is rendered, so two
/// things wanting one path, or an asset whose name cannot be written, stop
/// the build with both named instead of one silently overwriting the other.
public struct OutputPlan: Sendable {
    public let pages: PagePlan
    /// Pages first, then data, search, hosting, theme and content files.
    public let files: [PlannedFile]
    /// Assets that cannot be written and paths that clash: errors.
    public let problems: [Diagnostic]

    /// The files for `pages` and `graph`: `themeFiles` are the theme's
    /// static files as they are written (hashed names).
    public init(pages: PagePlan, graph: SiteGraph, themeFiles: [OutputPath]) {
        var files = pages.pages.map { PlannedFile(kind: .page($0.kind), path: $0.path) }
        files.append(PlannedFile(kind: .graphData, path: OutputPlan.graphDataPath))
        files.append(PlannedFile(kind: .claimsData, path: OutputPlan.claimsDataPath))
        files.append(PlannedFile(kind: .timelineData, path: OutputPlan.timelineDataPath))
        files += graph.articles.map {
            PlannedFile(kind: .articleData(slug: $0.slug), path: OutputPlan.articleDataPath($0.slug))
        }
        files.append(PlannedFile(kind: .searchIndex, path: OutputPlan.searchIndexPath))
        files += Set(graph.quoteCountsBySource.keys.map(PagePlan.searchPart)).sorted().map {
            PlannedFile(kind: .searchPart($0), path: PagePlan.searchPart($0))
        }
        files.append(PlannedFile(kind: .hosting, path: OutputPlan.robotsPath))
        if graph.site.baseURL != nil {
            files.append(PlannedFile(kind: .hosting, path: OutputPlan.sitemapPath))
            files.append(PlannedFile(kind: .hosting, path: OutputPlan.feedPath))
            for id in graph.actors.map({ EntityID.actor($0.slug) }) + graph.topics.map({ EntityID.topic($0.slug) }) {
                files.append(PlannedFile(kind: .entityFeed(id), path: OutputPlan.entityFeedPath(id)))
            }
        }
        files += themeFiles.map { PlannedFile(kind: .themeFile, path: $0) }
        var problems: [Diagnostic] = []
        for asset in graph.assets {
            let name = "assets/\(asset.relativePath)"
            guard let path = OutputPath(name) else {
                problems.append(
                    .error(
                        "asset path '\(asset.relativePath)' is not allowed",
                        at: SourceLocation(file: name, line: 1, column: 1)))
                continue
            }
            files.append(PlannedFile(kind: .contentAsset(asset), path: path))
        }
        self.pages = pages
        self.files = files
        self.problems = problems + Self.clashes(files)
    }

    /// The content assets to copy, in plan order.
    public var assets: [(path: OutputPath, asset: AssetFile)] {
        files.compactMap { if case .contentAsset(let asset) = $0.kind { ($0.path, asset) } else { nil } }
    }

    /// Two files with one path, a file where a folder must be, or a file
    /// named like the output's own bookkeeping: each an error naming both
    /// sources, located at a content asset when one is involved.
    package static func clashes(_ files: [PlannedFile]) -> [Diagnostic] {
        var owners: [OutputPath: PlannedFile] = [:]
        owners.reserveCapacity(files.count)
        // The first file below each folder, to name when a file takes its place.
        var folders: [String: PlannedFile] = [:]
        for file in files {
            // Up from the file's own folder, stopping at one already known
            // (its parents are, too): most files share a folder.
            var folder = file.path.directory.dropLast()
            while !folder.isEmpty, folders[String(folder)] == nil {
                folders[String(folder)] = file
                folder = folder[..<(folder.lastIndex(of: "/") ?? folder.startIndex)]
            }
        }
        var diagnostics: [Diagnostic] = []
        for file in files {
            let other: String
            var asset: OutputPath?
            if case .contentAsset = file.kind { asset = file.path }
            if let first = owners[file.path] {
                other = first.kind.source
                if case .contentAsset = first.kind { asset = asset ?? first.path }
            } else if let below = folders[file.path.rawValue] {
                other = "the folder of \(below.kind.source) ('\(below.path)')"
                if case .contentAsset = below.kind { asset = asset ?? below.path }
            } else if OutputLocation.reservedNames.contains(file.path.rawValue) {
                other = "sitegen's own bookkeeping"
            } else {
                owners[file.path] = file
                continue
            }
            diagnostics.append(
                .error(
                    "two output files would be written to '\(file.path)': \(file.kind.source) and \(other)",
                    at: asset.map { SourceLocation(file: $0.rawValue, line: 1, column: 1) },
                    notes: ["rename the asset or template static file so it does not clash with a generated page"]))
        }
        return diagnostics
    }
}
