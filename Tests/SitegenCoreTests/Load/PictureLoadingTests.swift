import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenLoad

// Image sizes from file headers, paths read from the content folder, and
// actors' and topics' `image:`.

@Suite("ImageSize")
struct ImageSizeTests {
    private func size(of data: Data, named name: String) throws -> ImageSize? {
        try TestContent.withTemporaryDirectory { folder in
            let url = folder.appendingPathComponent(name)
            try data.write(to: url)
            return ImageSize.read(from: url)
        }
    }

    @Test func readsEachFormatsHeader() throws {
        #expect(try size(of: TestImages.png(width: 7, height: 3), named: "a.png") == ImageSize(width: 7, height: 3))
        #expect(
            try size(of: TestImages.gifHeader(width: 300, height: 2), named: "a.GIF")
                == ImageSize(width: 300, height: 2))
        #expect(
            try size(of: TestImages.jpegHeader(width: 640, height: 480), named: "a.jpg")
                == ImageSize(width: 640, height: 480))
        #expect(
            try size(of: TestImages.svg(width: 400, height: 200), named: "a.svg") == ImageSize(width: 400, height: 200))
    }

    @Test func findsAJPEGsFrameAfterLargeMetadata() throws {
        // The frame header lies beyond the first 64 KiB read at once.
        let data = TestImages.jpegHeader(width: 1200, height: 800, metadataBytes: 150_000)
        #expect(try size(of: data, named: "big.jpeg") == ImageSize(width: 1200, height: 800))
    }

    @Test func readsTheThreeKindsOfWebP() {
        func riff(_ chunk: String, _ payload: [UInt8]) -> [UInt8] {
            Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBP".utf8) + Array(chunk.utf8) + [0, 0, 0, 0]
                + payload + [UInt8](repeating: 0, count: 16)
        }
        // Lossy: frame tag, start code, 14-bit width and height.
        let lossy = riff("VP8 ", [0, 0, 0, 0x9D, 0x01, 0x2A, 0x80, 0x02, 0xE0, 0x01])
        #expect(ImageSize.webp(lossy) == ImageSize(width: 640, height: 480))
        // Lossless: width-1 and height-1 in 14 bits each after 0x2F.
        let bits = (99) | (49 << 14)
        let lossless = riff(
            "VP8L",
            [0x2F, UInt8(bits & 0xFF), UInt8((bits >> 8) & 0xFF), UInt8((bits >> 16) & 0xFF), UInt8(bits >> 24)])
        #expect(ImageSize.webp(lossless) == ImageSize(width: 100, height: 50))
        // Extended: 24-bit width-1 and height-1 after four flag bytes.
        let extended = riff("VP8X", [0, 0, 0, 0, 0x1F, 0x03, 0x00, 0xFF, 0x00, 0x00])
        #expect(ImageSize.webp(extended) == ImageSize(width: 800, height: 256))
    }

    @Test func svgTakesWidthAndHeightBeforeTheViewBox() {
        func svg(_ attributes: String) -> ImageSize? {
            ImageSize.svg(Array("<?xml version=\"1.0\"?>\n<svg \(attributes)><g/></svg>".utf8))
        }
        #expect(svg("width=\"120px\" height='60' viewBox=\"0 0 10 10\"") == ImageSize(width: 120, height: 60))
        #expect(svg("stroke-width=\"3\" viewBox=\"0,0,300,150\"") == ImageSize(width: 300, height: 150))
        // Percentages say nothing about the size: the viewBox does.
        #expect(svg("width=\"100%\" height=\"100%\" viewBox=\"0 0 40 30\"") == ImageSize(width: 40, height: 30))
        #expect(svg("width=\"100%\"") == nil)
    }

    @Test func otherFilesHaveNoSize() throws {
        #expect(try size(of: Data("not an image".utf8), named: "a.png") == nil)
        #expect(try size(of: TestImages.png(width: 2, height: 2), named: "a.pdf") == nil)
        #expect(try size(of: Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00]), named: "cut.jpg") == nil)
    }
}

@Suite("LocalPath")
struct LocalPathTests {
    @Test func aPathIsReadFromTheContentFolder() {
        #expect(
            LocalPath("assets/map.png", from: "articles")
                == .local(path: "assets/map.png", canonical: "/assets/map.png"))
        #expect(
            LocalPath("/assets/map.png#x", from: "articles")
                == .local(path: "assets/map.png", canonical: "/assets/map.png#x"))
    }

    @Test func dotsStartFromTheFilesFolder() {
        #expect(
            LocalPath("../assets/a%20b.png?v=2", from: "articles")
                == .local(path: "assets/a b.png", canonical: "/assets/a%20b.png?v=2"))
        #expect(LocalPath("./x.md", from: "topics") == .local(path: "topics/x.md", canonical: "/topics/x.md"))
        #expect(LocalPath("../../etc/passwd", from: "articles") == .outside)
    }

    @Test func addressesAndFragmentsAreLeftAlone() {
        for destination in ["https://example.org/a.png", "mailto:a@b.org", "#p-3", "//cdn.example/x.png", "", "?q=1"] {
            #expect(LocalPath(destination, from: "articles") == .external, "\(destination)")
        }
    }
}

@Suite("ContentLoader: image:")
struct EntityImageLoadingTests {
    private func load(_ files: [String: String], images: [String: Data] = [:]) throws -> ContentLoader.Output {
        try TestContent.withContentFolder(files) { content in
            for (path, data) in images { try TestContent.write(data, at: path, into: content) }
            return ContentLoader().load(from: content)
        }
    }

    private let siteFile = ["site.yml": "title: T\n"]

    @Test func anActorsImageIsReadWithItsSize() throws {
        let output = try load(
            siteFile.merging(
                [
                    "actors/a.md":
                        "---\nname: A\nkind: person\nimage: {src: assets/a.png, alt: A portrait, credit: \"Photo: B\"}\n---\n"
                ], uniquingKeysWith: { $1 }),
            images: ["assets/a.png": TestImages.png(width: 4, height: 5)])
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics)")
        let image = try #require(output.content.actors.first?.image)
        #expect(image.path == "assets/a.png" && image.alt == "A portrait" && image.credit == "Photo: B")
        #expect(output.content.assets.first?.size == ImageSize(width: 4, height: 5))
    }

    @Test func aMissingImageIsAnErrorAtTheKeyAndNoAltAWarning() throws {
        let output = try load(
            siteFile.merging(
                ["topics/t.md": "---\ntitle: T\nimage: ../assets/mpa.png\n---\n"], uniquingKeysWith: { $1 }),
            images: ["assets/map.png": TestImages.png(width: 4, height: 5)])
        let error = try #require(output.diagnostics.first { $0.severity == .error })
        #expect(error.message == "there is no file 'assets/mpa.png' in the content folder")
        #expect(error.location == SourceLocation(file: "topics/t.md", line: 3, column: 1))
        #expect(error.notes.first?.hasPrefix("did you mean 'assets/map.png'?") == true)
        #expect(output.diagnostics.contains { $0.severity == .warning && $0.message.contains("has no alt text") })
    }

    @Test func anImageMustBeAPictureInAssets() throws {
        let output = try load(
            siteFile.merging(
                [
                    "actors/a.md": "---\nname: A\nkind: person\nimage: {src: notes.txt, alt: x}\n---\n",
                    "actors/b.md": "---\nname: B\nkind: person\nimage: {src: assets/b.pdf, alt: x}\n---\n",
                    "actors/c.md": "---\nname: C\nkind: person\nimage: {src: assets/b.pdf, size: 3}\n---\n",
                    "notes.txt": "",
                ], uniquingKeysWith: { $1 }),
            images: ["assets/b.pdf": Data("%PDF".utf8)])
        let messages = output.diagnostics.map(\.message)
        #expect(
            messages.contains("the image 'notes.txt' is not in the content folder's assets/, so it is not published"))
        #expect(messages.contains("'assets/b.pdf' is not a PNG, JPEG, GIF, WebP or SVG image whose size can be read"))
        #expect(messages.contains("unknown key 'size' in 'image'"))
    }
}
