import Foundation

/// What one page's view builders read of the graph, noted as they read it
/// (`ViewModels.note`), so that what a page depends on is recorded rather
/// than restated elsewhere.
package final class PageReads: @unchecked Sendable {
    private var noted: Set<GraphEntry> = []
    // Statement items may be made on other threads while a page is built.
    private let lock = NSLock()

    package init() {}

    package func note(_ entry: GraphEntry) { lock.withLock { _ = noted.insert(entry) } }

    package func note<Entries: Sequence<GraphEntry>>(_ entries: Entries) { lock.withLock { noted.formUnion(entries) } }

    package var entries: Set<GraphEntry> { lock.withLock { noted } }
}
