import Foundation

/// What a member of staff may do: viewers read, editors also change records, admins also manage accounts
/// and settings.
public enum StaffRole: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case viewer, editor, admin

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .editor: 1
        case .admin: 2
        }
    }

    public static func < (lhs: StaffRole, rhs: StaffRole) -> Bool { lhs.rank < rhs.rank }
}

/// A staff account. The password hash never leaves the store except to be verified.
public struct StaffAccount: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var email: String
    public var name: String
    public var role: StaffRole
    public var disabled: Bool
    /// True once the person has set up an authenticator app; sign-in then asks for a code.
    public var totpEnabled: Bool
    /// The IANA zone the person works in, for showing times in their own zone; nil for the server's choice.
    public var timeZone: String?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, email: String, name: String, role: StaffRole, disabled: Bool, totpEnabled: Bool,
        timeZone: String? = nil, version: Int, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.disabled = disabled
        self.totpEnabled = totpEnabled
        self.timeZone = timeZone
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// The fields an admin sets on an account.
public struct StaffAccountInput: Sendable, Hashable, Codable {
    public var email: String
    public var name: String
    public var role: StaffRole

    public init(email: String, name: String, role: StaffRole) {
        self.email = email
        self.name = name
        self.role = role
    }

    /// Email lowercased and trimmed, name trimmed: one account per address whatever its case.
    public func normalized() -> StaffAccountInput {
        StaffAccountInput(email: email.trimmed.lowercased(), name: name.trimmed, role: role)
    }

    public func validate() throws(ValidationError) {
        var report = ValidationReport()
        report.text(name, field: "name", label: "Name", required: true)
        report.text(email, field: "email", label: "Email", required: true, max: 254)
        if !email.isEmpty && !Self.isEmailAddress(email) {
            report.add("email", "email", "Email must be an address such as agnes@example.org.")
        }
        try report.finish()
    }

    /// A deliberately simple check: one @, something before it, a dot in the domain, no spaces.
    static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix(".")
        else { return false }
        return !text.contains(where: { $0.isWhitespace })
    }
}
