/// One broken rule on one field, named as the API and the forms name it ("governanceRoles[0].title").
public struct FieldError: Sendable, Hashable, Codable, Error {
    /// The field's path in the JSON body and the form.
    public var field: String
    /// A stable identifier of the rule ("required", "max_length", "unknown_country", ...).
    public var rule: String
    /// A sentence for a person.
    public var message: String

    public init(field: String, rule: String, message: String) {
        self.field = field
        self.rule = rule
        self.message = message
    }
}

/// Input that breaks one or more rules; nothing was stored.
public struct ValidationError: Sendable, Error, Hashable {
    public var errors: [FieldError]

    public init(_ errors: [FieldError]) {
        self.errors = errors
    }

    public init(field: String, rule: String, message: String) {
        self.errors = [FieldError(field: field, rule: rule, message: message)]
    }

    /// The first message for a field, for showing next to it on a form.
    public func message(for field: String) -> String? {
        errors.first { $0.field == field }?.message
    }
}

/// Collects field errors while checking an input.
struct ValidationReport {
    private(set) var errors: [FieldError] = []

    mutating func add(_ field: String, _ rule: String, _ message: String) {
        errors.append(FieldError(field: field, rule: rule, message: message))
    }

    /// Checks a text field: present when required, not too long, and free of control characters (which
    /// print as nothing and cut strings short in some tools) and of bidirectional embeddings, overrides and
    /// isolates (which reorder the text shown around them, so that a name reads other than it is stored);
    /// `multiline` text may hold line breaks and tabs. The left-to-right and right-to-left marks (U+200E,
    /// U+200F) only say which way a neutral character runs, and stay allowed.
    mutating func text(
        _ value: String?, field: String, label: String, required: Bool = false, max: Int = 200, multiline: Bool = false
    ) {
        guard let value, !value.isEmpty else {
            if required { add(field, "required", "\(label) is required.") }
            return
        }
        if value.count > max { add(field, "max_length", "\(label) must be at most \(max) characters.") }
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\r", "\t"] : []
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) })
        {
            add(field, "control_characters", "\(label) cannot contain control characters.")
        } else if value.unicodeScalars.contains(where: Self.isBidiControl) {
            add(
                field, "control_characters",
                "\(label) cannot contain bidirectional override or isolate characters "
                    + "(U+202A to U+202E, U+2066 to U+2069).")
        }
    }

    /// Bidirectional embeddings and overrides (U+202A to U+202E) and isolates (U+2066 to U+2069).
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// Checks that a list has at most `max` entries.
    mutating func count(_ count: Int, max: Int, field: String, noun: String) {
        if count > max { add(field, "max_count", "At most \(max) \(noun).") }
    }

    mutating func range<T: Comparable>(_ value: T?, _ bounds: ClosedRange<T>, field: String, label: String) {
        guard let value, !bounds.contains(value) else { return }
        add(field, "range", "\(label) must be between \(bounds.lowerBound) and \(bounds.upperBound).")
    }

    func finish() throws(ValidationError) {
        if !errors.isEmpty { throw ValidationError(errors) }
    }
}
