import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// Maps in parallel across cores, keeping order. Each core takes the next
    /// batch of elements when it is free, so a run of costly elements (a
    /// site's biggest pages, or a few whole-site exports before thousands of
    /// small files) does not leave the other cores idle at the end; batches
    /// are big enough that small elements do not drown in scheduling.
    /// `batch` fixes how many elements a core takes at a time; 1 suits a
    /// few elements of very different cost.
    package func concurrentMap<T: Sendable>(batch: Int? = nil, _ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            // The optionals hold the results until they are copied out below;
            // deinitialising releases them (deallocate alone would leak them).
            results.deinitialize()
            results.deallocate()
        }
        let workers = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount)
        let batch = batch ?? Swift.max(1, count / (workers * 32))
        let next = BatchCounter()
        nonisolated(unsafe) let output = results
        self.withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let start = next.take(batch)
                    guard start < input.count else { return }
                    for index in start..<Swift.min(start + batch, input.count) {
                        output[index] = transform(input[index])
                    }
                }
            }
        }
        return results.map { $0! }
    }
}

/// The start of the next batch nobody has taken yet.
private final class BatchCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = 0

    func take(_ size: Int) -> Int {
        lock.withLock {
            defer { taken += size }
            return taken
        }
    }
}

/// Work started on another thread now, whose result is waited for when
/// first asked for: lets a few independent jobs (reading the saved state,
/// checking the output) overlap without any of them owning the others.
package final class Pending<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    private var result: Value?

    package init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async(group: done) { self.result = work() }
    }

    /// The result, once the work is done; handed over, not kept (it may be
    /// big), so it is taken once.
    package func take() -> Value {
        done.wait()
        defer { result = nil }
        return result!
    }
}
