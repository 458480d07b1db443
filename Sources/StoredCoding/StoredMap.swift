import Foundation

/// A dictionary whose values may still be bytes of a saved build, decoded
/// when first asked for. A rebuild from saved state touches the values of
/// a few documents and entities; decoding all of them would cost more than
/// the rebuild. Saving copies the bytes of values nobody changed.
///
/// A value type like `Dictionary`: the shared stored part never changes
/// (only its cache of decoded values fills), so copies stay independent.
package struct StoredMap<Key: Hashable & Comparable & BinaryCodable & Sendable, Value: BinaryCodable & Sendable>:
    Sendable
{
    /// Values set since loading, or all values of a map never stored.
    private var changed: [Key: Value] = [:]
    /// Stored keys whose value was removed or replaced.
    private var shadowed: Set<Key> = []
    private var stored: Storage?

    /// The saved bytes of each value; thread-safe (pages render in parallel).
    package final class Storage: @unchecked Sendable {
        package let bytes: [UInt8]
        package let ranges: [Key: Range<Int>]
        package let damage: StoredDamage
        private var decoded: [Key: Value] = [:]
        private let lock = NSLock()

        package init(bytes: [UInt8], ranges: [Key: Range<Int>], damage: StoredDamage) {
            self.bytes = bytes
            self.ranges = ranges
            self.damage = damage
        }

        package func value(_ key: Key) -> Value? {
            if let value = lock.withLock({ decoded[key] }) { return value }
            guard let range = ranges[key] else { return nil }
            guard var reader = try? BinaryReader(bytes, range: range, part: true),
                let value = try? reader.read(Value.self), reader.isAtEnd
            else {
                damage.record("\(key)")
                return nil
            }
            lock.withLock { decoded[key] = value }
            return value
        }
    }

    package init() {}

    package init(_ values: [Key: Value]) { changed = values }

    package subscript(key: Key) -> Value? {
        get {
            if let value = changed[key] { return value }
            guard let stored, !shadowed.contains(key) else { return nil }
            return stored.value(key)
        }
        _modify {
            takeOver(key)
            yield &changed[key]
        }
    }

    package subscript(key: Key, default value: @autoclosure () -> Value) -> Value {
        get { self[key] ?? value() }
        _modify {
            takeOver(key)
            yield &changed[key, default: value()]
        }
    }

    /// Moves a stored value into `changed`, so it can be changed in place.
    private mutating func takeOver(_ key: Key) {
        guard let stored, changed[key] == nil, !shadowed.contains(key), stored.ranges[key] != nil else { return }
        shadowed.insert(key)
        changed[key] = stored.value(key)
    }

    /// Every value decoded, as a dictionary (tests, and full builds, whose
    /// maps were never stored).
    package var dictionary: [Key: Value] {
        guard let stored else { return changed }
        var all = changed
        for key in stored.ranges.keys where !shadowed.contains(key) { all[key] = stored.value(key) }
        return all
    }

    package var values: Dictionary<Key, Value>.Values { dictionary.values }

    /// Keys whose value was set since loading.
    package var changedKeys: Dictionary<Key, Value>.Keys { changed.keys }

    /// Every key, in no particular order.
    package var keys: [Key] {
        guard let stored else { return Array(changed.keys) }
        return Array(changed.keys) + stored.ranges.keys.filter { !shadowed.contains($0) }
    }

    package var count: Int { stored == nil ? changed.count : keys.count }
}

extension StoredMap: Sequence {
    package func makeIterator() -> Dictionary<Key, Value>.Iterator { dictionary.makeIterator() }
}

extension StoredMap: Equatable where Value: Equatable {
    package static func == (lhs: Self, rhs: Self) -> Bool { lhs.dictionary == rhs.dictionary }
}

extension StoredMap: ExpressibleByDictionaryLiteral {
    package init(dictionaryLiteral elements: (Key, Value)...) {
        self.init(Dictionary(uniqueKeysWithValues: elements))
    }
}

extension StoredMap: BinaryCodable {
    /// Each value as a part of its own, so that loading can skip it.
    package func encode(to writer: inout BinaryWriter) {
        let keys = self.keys.sorted()
        writer.write(keys.count)
        // Parts carry their own strings, so they are encoded side by side,
        // a batch at a time (a big site's parts are most of its state, and
        // all of them at once would be held whole); the writer takes them
        // in key order.
        let batch = 4096
        for start in stride(from: 0, to: keys.count, by: batch) {
            let slice = keys[start..<Swift.min(start + batch, keys.count)]
            let parts = encodedParts(Array(slice))
            for (key, part) in zip(slice, parts) {
                writer.write(key)
                if let part {
                    writer.writePart(part)
                } else if let stored, let range = stored.ranges[key] {
                    writer.writePart(stored.bytes[range])
                }
            }
        }
    }

    /// The changed values of `keys` as parts (nil for a value still stored).
    private func encodedParts(_ keys: [Key]) -> [[UInt8]?] {
        let values = keys.map { changed[$0] }
        guard values.count > 64 else { return values.map { $0.map(BinaryWriter.part) } }
        let results = UnsafeMutableBufferPointer<[UInt8]?>.allocate(capacity: values.count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let output = results
        let chunks = ProcessInfo.processInfo.activeProcessorCount * 4
        let size = (values.count + chunks - 1) / chunks
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for index in Swift.min(chunk * size, values.count)..<Swift.min((chunk + 1) * size, values.count) {
                output[index] = values[index].map(BinaryWriter.part)
            }
        }
        return Array(results)
    }

    package init(from reader: inout BinaryReader) throws {
        let count = try reader.readCount()
        var ranges: [Key: Range<Int>] = [:]
        ranges.reserveCapacity(count)
        for _ in 0..<count {
            let key = try reader.read(Key.self)
            ranges[key] = try reader.skip(try reader.readCount())
        }
        stored = Storage(bytes: reader.bytes, ranges: ranges, damage: reader.damage ?? StoredDamage())
    }
}
