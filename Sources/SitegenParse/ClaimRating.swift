import StoredCoding

/// `rating=` on a claim: how a fact-check rated it, on a scale from false
/// to true, or `unproven` where the evidence does not decide.
@BinaryCoded
public enum ClaimRating: String, Sendable, Hashable, CaseIterable {
    case `false`
    case mostlyFalse = "mostly-false"
    case mixed
    case mostlyTrue = "mostly-true"
    case `true`
    case unproven

    /// The word a reader sees, and schema.org's `alternateName`.
    public var label: String {
        switch self {
        case .false: "False"
        case .mostlyFalse: "Mostly false"
        case .mixed: "Mixed"
        case .mostlyTrue: "Mostly true"
        case .true: "True"
        case .unproven: "Unproven"
        }
    }

    /// Shown beside the word, never instead of it: a gauge that fills
    /// from false to true, and a question mark for unproven.
    public var symbol: String {
        switch self {
        case .false: "○"
        case .mostlyFalse: "◔"
        case .mixed: "◑"
        case .mostlyTrue: "◕"
        case .true: "●"
        case .unproven: "?"
        }
    }

    /// Its place on schema.org's 1 (worst) to 5 (best) scale; nil for
    /// `unproven`, which is not on the scale.
    public var scaleValue: Int? {
        switch self {
        case .false: 1
        case .mostlyFalse: 2
        case .mixed: 3
        case .mostlyTrue: 4
        case .true: 5
        case .unproven: nil
        }
    }
}
