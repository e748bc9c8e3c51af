import Foundation

/// Someone the association deals with: an official, an interpreter, a protocol officer. The fields people
/// set are `input` (read through as `person.familyName`); the store adds the rest.
@dynamicMemberLookup
public struct Person: FlatRecord, Sendable, Hashable, Identifiable {
    public var stamp: RecordStamp
    public var input: PersonInput

    public init(stamp: RecordStamp, input: PersonInput) {
        self.stamp = stamp
        self.input = input
    }

    public init(stamp: RecordStamp, input: PersonInput, extras _: Extras) { self.init(stamp: stamp, input: input) }

    public init(id: Int64, input: PersonInput, version: Int, createdAt: Date, updatedAt: Date) {
        self.init(
            stamp: RecordStamp(id: id, version: version, createdAt: createdAt, updatedAt: updatedAt), input: input)
    }

    public var extras: Extras { Extras(displayName: input.displayName) }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<PersonInput, Value>) -> Value {
        get { input[keyPath: keyPath] }
        set { input[keyPath: keyPath] = newValue }
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<PersonInput, Value>) -> Value {
        input[keyPath: keyPath]
    }

    /// The positions held now, in the order they were entered.
    public var currentPositions: [Position] { input.positions.filter(\.isCurrent) }

    /// The name as pages show it, written beside the fields for readers of the JSON. It is worked out from the
    /// fields, so it is never read back.
    public struct Extras: Sendable, Codable {
        let displayName: String?

        public init(from decoder: any Decoder) { displayName = nil }
        init(displayName: String) { self.displayName = displayName }
    }
}

/// Which name comes first when a person's name is written out.
public enum NameOrder: String, Sendable, Hashable, Codable, CaseIterable {
    /// "Agnès Bickart".
    case givenFirst = "given_first"
    /// "CHEN Guo": Chinese, Korean, Japanese and Hungarian names; the family name is shown in capitals so
    /// that readers of either convention know which one it is.
    case familyFirst = "family_first"
}

/// A part a person plays that the secretariat needs to know when planning a meeting.
public enum PersonRole: String, Sendable, Hashable, Codable, CaseIterable {
    case none
    case interpreter
    /// Protocol or foreign-affairs officer arranging visits.
    case protocolOfficer = "protocol_officer"
}

/// A post held at an organization for a time ("Director General, Commission of Commerce", 2019–).
/// `organizationId` names a directory entry; `organizationName` is filled in on reading, and names the
/// organization on its own when it is not in the directory (or no longer is).
public struct Position: Sendable, Hashable, Codable {
    public var organizationId: Int64?
    public var organizationName: String?
    public var title: String
    public var department: String?
    /// "YYYY", "YYYY-MM" or "YYYY-MM-DD".
    public var startDate: String?
    /// Nil while the position is held.
    public var endDate: String?

    public init(
        organizationId: Int64? = nil, organizationName: String? = nil, title: String, department: String? = nil,
        startDate: String? = nil, endDate: String? = nil
    ) {
        self.organizationId = organizationId
        self.organizationName = organizationName
        self.title = title
        self.department = department
        self.startDate = startDate
        self.endDate = endDate
    }

    public var isCurrent: Bool { endDate == nil }
}

/// The ways a person can be reached.
public enum ChannelKind: String, Sendable, Hashable, Codable, CaseIterable {
    case email, phone, wechat, whatsapp, linkedin, postal
}

/// One way to reach a person, and which member of staff holds the contact through it ("Agnès has the
/// WeChat details").
public struct Channel: Sendable, Hashable, Codable {
    public var kind: ChannelKind
    /// Stored normalized: phone and WhatsApp numbers in E.164, LinkedIn as a profile address.
    public var value: String
    /// "office", "mobile", "personal" ...
    public var label: String?
    public var preferred: Bool
    public var heldByAccountId: Int64?
    /// The staff account `heldByAccountId` names, filled in on reading.
    public var heldBy: StaffContact?

    public init(
        kind: ChannelKind, value: String, label: String? = nil, preferred: Bool = false,
        heldByAccountId: Int64? = nil, heldBy: StaffContact? = nil
    ) {
        self.kind = kind
        self.value = value
        self.label = label
        self.preferred = preferred
        self.heldByAccountId = heldByAccountId
        self.heldBy = heldBy
    }

    enum CodingKeys: String, CodingKey { case kind, value, label, preferred, heldByAccountId, heldBy }

    // `preferred` may be left out or null in a JSON body.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(ChannelKind.self, forKey: .kind)
        value = try c.decode(String.self, forKey: .value)
        label = try c.decodeIfPresent(String.self, forKey: .label)
        preferred = try c.decodeIfPresent(Bool.self, forKey: .preferred) ?? false
        heldByAccountId = try c.decodeIfPresent(Int64.self, forKey: .heldByAccountId)
        heldBy = try c.decodeIfPresent(StaffContact.self, forKey: .heldBy)
    }

    /// The form two channels are compared in to find the same contact twice: case folded.
    public var matchKey: String { value.lowercased() }
}
