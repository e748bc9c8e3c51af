import Foundation

/// Who did something: a staff account, or Liaison itself (seeding, migrations).
public struct AuditActor: Sendable, Hashable, Codable {
    public var accountId: Int64?
    public var name: String
    /// The client's address, when the action came over HTTP.
    public var address: String?

    public init(accountId: Int64?, name: String, address: String? = nil) {
        self.accountId = accountId
        self.name = AuditText.bounded(name, limit: 200)
        self.address = address.map { AuditText.bounded($0, limit: 64) }
    }

    public static let system = AuditActor(accountId: nil, name: "Liaison")
}

/// What kind of event an audit entry records.
public enum AuditAction: String, Sendable, Hashable, Codable, CaseIterable {
    case create, update, delete
    case signIn = "sign_in"
    case signInFailed = "sign_in_failed"
    case signOut = "sign_out"
    case accessRefused = "access_refused"
    case export
    case accountChange = "account_change"
    /// Two records of one person folded into one.
    case merge
}

/// One field's value before and after a change, as compact JSON text (nil where it did not exist).
public struct FieldChange: Sendable, Hashable, Codable {
    public var field: String
    public var before: String?
    public var after: String?

    public init(field: String, before: String?, after: String?) {
        self.field = field
        self.before = before
        self.after = after
    }
}

/// One line of the audit trail: who, when (UTC), what, and what changed field by field; the event's
/// fields read through (`entry.actor`, `entry.changes`).
@dynamicMemberLookup
public struct AuditEntry: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var at: Date
    public var event: AuditEvent

    public init(id: Int64, at: Date, event: AuditEvent) {
        self.id = id
        self.at = at
        self.event = event
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<AuditEvent, Value>) -> Value {
        event[keyPath: keyPath]
    }
}

/// What an audit entry says, as written inside the transaction of the change it records.
public struct AuditEvent: Sendable, Hashable, Codable {
    public var actor: AuditActor
    public var action: AuditAction
    /// The kind of record, or nil for events on no record.
    public var entity: RecordKind?
    public var entityId: Int64?
    /// A line for people: the record's name, or what was refused.
    public var summary: String
    public var changes: [FieldChange]

    public init(
        actor: AuditActor, action: AuditAction, entity: RecordKind? = nil, entityId: Int64? = nil, summary: String,
        changes: [FieldChange] = []
    ) {
        self.actor = actor
        self.action = action
        self.entity = entity
        self.entityId = entityId
        self.summary = AuditText.bounded(summary, limit: AuditText.summaryLimit)
        self.changes = changes.map {
            FieldChange(
                field: AuditText.bounded($0.field, limit: 100),
                before: $0.before.map { AuditText.bounded($0, limit: AuditText.valueLimit, escapingLines: false) },
                after: $0.after.map { AuditText.bounded($0, limit: AuditText.valueLimit, escapingLines: false) })
        }
    }
}

/// The field-by-field difference between two versions of a record.
public enum AuditDiff {
    /// Compares the records' JSON forms key by key; a record that does not exist (nil) has no fields.
    public static func changes<Record: Encodable>(from before: Record?, to after: Record?) -> [FieldChange] {
        let old = fields(before)
        let new = fields(after)
        return Set(old.keys).union(new.keys).sorted().compactMap { key in
            old[key] == new[key] ? nil : FieldChange(field: key, before: old[key], after: new[key])
        }
    }

    private static func fields<Record: Encodable>(_ record: Record?) -> [String: String] {
        guard let record else { return [:] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(record),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        var result: [String: String] = [:]
        for (key, value) in object where !(value is NSNull) {
            if let array = value as? [Any], array.isEmpty { continue }
            let text: String
            if let string = value as? String {
                text = string
            } else if let data = try? JSONSerialization.data(
                withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
            {
                text = String(decoding: data, as: UTF8.self)
            } else {
                text = "\(value)"
            }
            result[key] = text
        }
        return result
    }
}

/// Text bound for the audit trail, a session list or a log: whatever a client sent (a megabyte of e-mail,
/// CR/LF to forge a line), what is stored is short and on one line.
public enum AuditText {
    public static let summaryLimit = 500
    /// A field's value before or after a change: long enough for any field the rules accept.
    public static let valueLimit = 20_000

    /// At most `limit` characters (the cut marked with "…"), with control and bidirectional-override
    /// characters written as escapes (`\n`, `\u{202E}`) so that a line of the trail is one line. Values of
    /// changes keep their line breaks (`escapingLines: false`), which are part of a note or an address.
    public static func bounded(_ text: String, limit: Int, escapingLines: Bool = true) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            let escaped: String
            switch scalar {
            case "\n" where !escapingLines, "\t" where !escapingLines: escaped = String(scalar)
            case "\n": escaped = "\\n"
            case "\r": escaped = "\\r"
            case "\t": escaped = "\\t"
            case _ where scalar.properties.generalCategory == .control || isBidiControl(scalar):
                escaped = "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: escaped = String(scalar)
            }
            if count + escaped.count > limit {
                result += "…"
                break
            }
            result += escaped
            count += escaped.count
        }
        return result
    }

    private static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
}
