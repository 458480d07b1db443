import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// Maps in parallel across cores, keeping order. Work items are chunked so
    /// small elements do not drown in scheduling overhead.
    package func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            // The optionals hold the results until they are copied out below;
            // deinitialising releases them (deallocate alone would leak them).
            results.deinitialize()
            results.deallocate()
        }
        let chunkCount = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * 4)
        let chunkSize = (count + chunkCount - 1) / chunkCount
        nonisolated(unsafe) let output = results
        self.withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let start = chunk * chunkSize
                let end = Swift.min(start + chunkSize, input.count)
                guard start < end else { return }
                for index in start..<end { output[index] = transform(input[index]) }
            }
        }
        return results.map { $0! }
    }
}
