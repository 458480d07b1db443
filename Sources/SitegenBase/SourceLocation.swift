import StoredCoding

/// A position in a content file: 1-based line and 1-based column counted in
/// Unicode characters (scalars), the way an editor's status bar shows it.
@BinaryCoded
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Path of the file relative to the content folder, e.g. `articles/x.md`.
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// A line/column pair inside one document, before it is tied to a file.
@BinaryCoded
public struct SourcePosition: Hashable, Sendable, Comparable {
    // Four bytes each: every node of every parsed body carries a position,
    // and a big site holds millions of them.
    var storedLine: Int32
    var storedColumn: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public init(line: Int, column: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    public static let unknown = SourcePosition(line: 0, column: 0)

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}
