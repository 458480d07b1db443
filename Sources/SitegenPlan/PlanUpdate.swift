import SitegenLink

/// What the plan stage keeps between builds: the pages, and which optional
/// pages the theme has templates for, to plan again when the set of pages
/// changes.
package struct PlanState {
    package var plan: PagePlan
    package let optionalPages: OptionalPages
    /// The theme's own files, which a new output plan checks names against.
    package var themeFiles: [OutputPath] = []

    package init(plan: PagePlan, optionalPages: OptionalPages, themeFiles: [OutputPath] = []) {
        self.plan = plan
        self.optionalPages = optionalPages
        self.themeFiles = themeFiles
    }

    /// The pages a theme may leave out, each made only when it has a template.
    package struct OptionalPages {
        package var notFound: Bool
        package var search: Bool
        package var connections: Bool
        package var timeline: Bool
        package var corrections: Bool

        package init(notFound: Bool, search: Bool, connections: Bool, timeline: Bool, corrections: Bool = false) {
            self.notFound = notFound
            self.search = search
            self.connections = connections
            self.timeline = timeline
            self.corrections = corrections
        }
    }

    /// What a graph change does to the output: the pages to render again
    /// (in path order; every page, in plan order, for a new graph), the
    /// paths that are no longer planned, and what else it reaches (data
    /// files, search parts, hosting files).
    package struct Change {
        package var affected: AffectedPages
        package var pages: [PlannedPage]
        package var removed: [OutputPath]
        /// Every file of the output, checked, when the graph is new: the
        /// output is then exactly these files.
        package var output: OutputPlan?
    }
}

extension PlanState {
    /// The pages of `graph`.
    package init(_ graph: SiteGraph, optionalPages: OptionalPages) {
        self.init(plan: Self.plan(graph, optionalPages), optionalPages: optionalPages)
    }

    private static func plan(_ graph: SiteGraph, _ optional: OptionalPages) -> PagePlan {
        PagePlan(
            graph: graph, notFoundPage: optional.notFound, searchPage: optional.search,
            connectionsPage: optional.connections, timelinePage: optional.timeline,
            correctionsPage: optional.corrections)
    }

    /// Takes `change`, which made `graph`: plans anew for a new graph, and
    /// again when the set of pages changed. The pages to render again are
    /// those that read an entry the change altered (`dependencies`), the
    /// pages that came, and the archive pages entries moved on or off.
    package mutating func apply(_ change: GraphChange, graph: SiteGraph, dependencies: PageDependencies) -> Change {
        if change.isWholeSite {
            plan = Self.plan(graph, optionalPages)
            let output = OutputPlan(pages: plan, graph: graph, themeFiles: themeFiles)
            return Change(affected: AffectedPages([]), pages: plan.pages, removed: [], output: output)
        }
        var affected = AffectedPages(change.documents)
        for edit in change.archives {
            affected.addArchivePages(edit.entity, edit.section, old: edit.old, new: edit.new)
        }
        let entries = change.documents.reduce(into: Set<GraphEntry>()) { $0.formUnion($1.changedEntries) }
        var pages = affected.pages.union(dependencies.pages(reading: entries))
        var removed: [OutputPath] = []
        if affected.planChanged {
            let replanned = Self.plan(graph, optionalPages)
            let planned = Set(replanned.pages.map(\.path))
            let before = Set(plan.pages.map(\.path))
            removed = plan.pages.map(\.path).filter { !planned.contains($0) }
            // New pages have read nothing yet.
            pages.formUnion(planned.subtracting(before))
            plan = replanned
        }
        return Change(affected: affected, pages: pages.sorted().compactMap { plan.page(at: $0) }, removed: removed)
    }
}
