import Foundation

/// A file for the output folder: generated text, a copy of a source file,
/// or bytes the binary carries (the built-in theme's static files).
public struct OutputFile: Sendable, Equatable {
    public enum Contents: Sendable, Equatable {
        case text(String)
        case copy(URL)
        case bytes(Data)
    }

    public var path: OutputPath
    public var contents: Contents

    public init(path: OutputPath, contents: Contents) {
        self.path = path
        self.contents = contents
    }
}
