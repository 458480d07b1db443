import Foundation
import SitegenTestSupport
import StoredCoding
import Testing

@Suite("Store: binary coding")
struct BinaryCodingTests {
    private func roundTrip<T: BinaryCodable>(_ value: T) throws -> T {
        var writer = BinaryWriter()
        writer.write(value)
        let bytes = writer.encoded
        var reader = try BinaryReader(bytes, range: 0..<bytes.count)
        let read = try reader.read(T.self)
        #expect(reader.isAtEnd)
        return read
    }

    @Test func integersOfEverySizeAndSignComeBack() throws {
        for number in [0, 1, -1, 63, 64, -65, 127, 128, 300, -300, Int(Int32.max), Int.max, Int.min] {
            #expect(try roundTrip(number) == number)
        }
    }

    /// Positions are kept in 32 bits but written as `Int`s are, so a
    /// state's bytes do not depend on it; a number too big is damage.
    @Test func smallIntegersAreWrittenAsIntsAre() throws {
        for number in [0, 1, -1, 300, Int(Int32.max), Int(Int32.min)] {
            var small = BinaryWriter()
            small.write(Int32(number))
            var wide = BinaryWriter()
            wide.write(number)
            #expect(small.bytes == wide.bytes)
            #expect(try roundTrip(Int32(number)) == Int32(number))
        }
        var big = BinaryWriter()
        big.write(Int(Int32.max) + 1)
        var reader = try BinaryReader(big.encoded, range: 0..<big.encoded.count)
        #expect(throws: BinaryReader.Malformed.self) { try reader.read(Int32.self) }
    }

    @Test func hashesAndURLsComeBack() throws {
        for hash in [0, 1, UInt64.max, UInt64(Int64.max) + 1] { #expect(try roundTrip(hash) == hash) }
        let file = URL(fileURLWithPath: "/tmp/a folder/é.png")
        #expect(try roundTrip(file) == file)
        let web = try #require(URL(string: "https://example.org/a?b=c#d"))
        #expect(try roundTrip(web) == web)
    }

    @Test func containersComeBack() throws {
        let value: [String: [Int?]] = ["a": [1, nil, -3], "": [], "é ü": [nil]]
        #expect(try roundTrip(value) == value)
        #expect(try roundTrip(Set(["x", "y"])) == Set(["x", "y"]))
    }

    /// Where a spilling writer's bytes go, in order.
    private final class Collected: BinarySpill {
        var bytes: [UInt8] = []
        var takes = 0
        func take(_ bytes: [UInt8]) {
            self.bytes += bytes
            takes += 1
        }
    }

    @Test func aSpillingWriterWritesTheSameBytesInPieces() throws {
        let parts = (0..<50).map { BinaryWriter.part(["part \($0)": [$0, -$0]]) }
        var whole = BinaryWriter()
        var spilled = BinaryWriter(capacity: 16)
        let collected = Collected()
        spilled.spilling(into: collected, every: 64)
        for writer in [0, 1] {
            for part in parts {
                if writer == 0 { whole.writePart(part) } else { spilled.writePart(part) }
            }
        }
        whole.write("shared")
        spilled.write("shared")
        spilled.flush()
        #expect(collected.takes > 5)
        #expect(collected.bytes == whole.bytes)
        #expect(spilled.stringTable == whole.stringTable)
    }

    @Test func repeatedStringsAreStoredOnce() {
        var once = BinaryWriter()
        once.write("a long string that repeats itself")
        var many = BinaryWriter()
        for _ in 0..<100 { many.write("a long string that repeats itself") }
        // One table entry; each further use is a one-byte index.
        #expect(many.encoded.count == once.encoded.count + 99)
    }

    @Test func aPartCarriesItsStringsInPlace() throws {
        let value = ["é, ü and ✓": ["", "a longer string than fifteen bytes"]]
        let bytes = BinaryWriter.part(value)
        var reader = try BinaryReader(bytes, range: 0..<bytes.count, part: true)
        #expect(try reader.read([String: [String]].self) == value)
        #expect(reader.isAtEnd)
    }

    @Test func equalDictionariesGiveEqualBytes() {
        var first: [String: Int] = [:]
        var second: [String: Int] = [:]
        for number in 0..<50 { first["k\(number)"] = number }
        for number in (0..<50).reversed() { second["k\(number)"] = number }
        #expect(BinaryWriter.part(first) == BinaryWriter.part(second))
    }

    @Test func truncatedOrDamagedBytesThrowInsteadOfCrashing() throws {
        let bytes = BinaryWriter.part(["some": ["values", "here"]])
        for length in 0..<bytes.count {
            #expect(throws: (any Error).self) {
                var reader = try BinaryReader(bytes, range: 0..<length, part: true)
                _ = try reader.read([String: [String]].self)
            }
        }
        var huge = BinaryWriter()
        huge.write(Int.max)  // an array count no file could hold
        let hugeBytes = huge.encoded
        #expect(throws: (any Error).self) {
            var reader = try BinaryReader(hugeBytes, range: 0..<hugeBytes.count)
            _ = try reader.read([Int].self)
        }
    }

    @Test func markdownTreesAndStatementsComeBack() throws {
        let pipeline = try TestContent.pipeline([
            "actors/pete-hegseth.md": TestContent.actor(name: "Pete Hegseth", aliases: ["Hegseth"]),
            "topics/peace-talks.md": TestContent.topic(title: "Peace talks"),
            "articles/a.md": TestContent.article(
                body: """
                    # Heading *with* `code`

                    1. [“not a *betrayal*”]{.quote by=hegseth about=peace-talks} said [[Hegseth]].

                    > quoted [link](https://example.org "title") ![image](x.png)

                    ```swift
                    let x = 1
                    ```
                    """),
        ])
        let document = try #require(pipeline.resolved.articleBodies.first)
        let read = try roundTrip(document)
        #expect(read.parsed == document.parsed)
        #expect(read.references == document.references)
        let statements = pipeline.graph.statements.values.sorted { $0.id < $1.id }
        #expect(try roundTrip(statements) == statements)
    }
}

@Suite("Store: values decoded when asked for")
struct StoredMapTests {
    private func stored(_ values: [String: [Int]]) throws -> StoredMap<String, [Int]> {
        var writer = BinaryWriter()
        writer.write(StoredMap(values))
        let bytes = writer.encoded
        var reader = try BinaryReader(bytes, range: 0..<bytes.count)
        return try reader.read()
    }

    @Test func readBackItHoldsTheSameValues() throws {
        let values = ["a": [1, 2], "b": [], "c": [3]]
        let map = try stored(values)
        #expect(map["a"] == [1, 2])
        #expect(map["missing"] == nil)
        #expect(map.dictionary == values)
        #expect(map.count == 3)
    }

    @Test func changesAfterLoadingAreSeenAndSaved() throws {
        var map = try stored(["a": [1], "b": [2], "c": [3]])
        map["a"]!.append(10)
        map["b"] = nil
        map["d", default: []].append(4)
        #expect(map["a"] == [1, 10])
        #expect(map["b"] == nil)
        #expect(map.dictionary == ["a": [1, 10], "c": [3], "d": [4]])
        // Saved again, unchanged values are copied as they were stored.
        var writer = BinaryWriter()
        writer.write(map)
        let bytes = writer.encoded
        var reader = try BinaryReader(bytes, range: 0..<bytes.count)
        let again = try reader.read(StoredMap<String, [Int]>.self)
        #expect(again.dictionary == ["a": [1, 10], "c": [3], "d": [4]])
    }

    /// A big map's parts are encoded side by side, in batches: the bytes
    /// are those of one part after another in key order, however many.
    @Test func aBigMapIsWrittenPartByPartInKeyOrder() throws {
        let values = Dictionary(uniqueKeysWithValues: (0..<9_000).map { ("key \($0)", [$0, $0 * 7]) })
        var map = try stored(values)
        // Some values stay stored bytes, some are changed since.
        for number in stride(from: 0, to: 9_000, by: 3) { map["key \(number)"]!.append(-1) }
        var writer = BinaryWriter()
        writer.write(map)
        var expected = BinaryWriter()
        expected.write(map.count)
        for key in map.keys.sorted() {
            expected.write(key)
            expected.writePart(BinaryWriter.part(map[key]!))
        }
        #expect(writer.bytes == expected.bytes)
        let bytes = writer.encoded
        var reader = try BinaryReader(bytes, range: 0..<bytes.count)
        #expect(try reader.read(StoredMap<String, [Int]>.self).dictionary == map.dictionary)
    }

    @Test func aCopyIsIndependentOfTheOriginal() throws {
        let original = try stored(["a": [1]])
        var copy = original
        copy["a"]!.append(2)
        #expect(original["a"] == [1])
        #expect(copy["a"] == [1, 2])
    }
}
