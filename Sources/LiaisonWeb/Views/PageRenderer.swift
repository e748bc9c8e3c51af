import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore
import NIOCore

/// The interface's words, kept in one file per language so translations can follow English, and asked for by
/// typed key (`t[.directoryTitle]`, `t.label(kind)`), so a misspelt key does not compile.
struct Strings: Sendable {
    private let table: [StringKey: String]
    /// The same words by their key's name, for the keys named at run time (`"kind_" + kind`): finding the key of a
    /// name (`StringKey(rawValue:)`) compares it with each of the hundreds of keys in turn, on every row of a list.
    private let byName: [String: String]

    /// Reads a language's file; a key the code does not know stops start-up, naming the file and the key, so a
    /// translation cannot drift from the keys in silence.
    init(file: URL) throws {
        let entries = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: file))
        var table: [StringKey: String] = [:]
        for (name, text) in entries {
            guard let key = StringKey(rawValue: name) else {
                throw StringsError(description: "\(file.lastPathComponent): \"\(name)\" is not a key Liaison knows")
            }
            table[key] = text
        }
        self.table = table
        byName = entries
    }

    /// The string for `key`; the key's name when the file lacks it, so a gap shows rather than breaks a page.
    subscript(_ key: StringKey) -> String { table[key] ?? key.rawValue }

    /// The name of a value of one of the interface's choices (an organization's kind, a status, a role…).
    func label<Value: Labelled>(_ value: Value) -> String { self[dynamic: Value.labelPrefix + value.rawValue] }

    /// The label of a form field, by the field's name (`nativeName`, `positions_title`).
    func field(_ name: String) -> String { self[dynamic: "field_" + name] }

    /// The label of a list filter, by its query parameter.
    func filter(_ name: String) -> String { self[dynamic: "filter_" + name] }

    /// The label of an audit trail filter, by its query parameter.
    func auditFilter(_ name: String) -> String { self[dynamic: "audit_filter_" + name] }

    /// The heading of the organizations of an activity that took part in this mode.
    func groupHeading(_ mode: AttendanceMode) -> String { self[dynamic: "mode_group_" + mode.rawValue] }

    /// The string for `key` with its `%@` and `%d` filled by `values` in order: the same text as
    /// `String(format:)`, without its format parser on every row of a list.
    func format(_ key: StringKey, _ values: String...) -> String {
        var filled = ""
        var next = values.makeIterator()
        var percent = false
        for character in self[key] {
            if percent {
                percent = false
                if character == "@" || character == "d" {
                    filled += next.next() ?? ""
                    continue
                }
                filled.append("%")
                if character == "%" { continue }
            } else if character == "%" {
                percent = true
                continue
            }
            filled.append(character)
        }
        if percent { filled.append("%") }
        return filled
    }

    func has(_ key: StringKey) -> Bool { table[key] != nil }

    /// The string of a key named at run time (a field of an audit entry), nil when there is none.
    func text(named name: String) -> String? { byName[name] }

    private subscript(dynamic name: String) -> String { text(named: name) ?? name }
}

struct StringsError: Error, CustomStringConvertible {
    let description: String
}

/// A choice whose values the interface names: each value's words are under `labelPrefix` + its raw value.
protocol Labelled: RawRepresentable<String>, CaseIterable {
    static var labelPrefix: String { get }
}

extension OrganizationKind: Labelled { static var labelPrefix: String { "kind_" } }
extension MembershipStatus: Labelled { static var labelPrefix: String { "status_" } }
extension ParticipationStatus: Labelled { static var labelPrefix: String { "status_" } }
extension NameOrder: Labelled { static var labelPrefix: String { "name_order_" } }
extension PersonRole: Labelled { static var labelPrefix: String { "role_person_" } }
extension ChannelKind: Labelled { static var labelPrefix: String { "channel_" } }
extension ActivityKind: Labelled { static var labelPrefix: String { "activity_kind_" } }
extension ActivityVisibility: Labelled { static var labelPrefix: String { "visibility_" } }
extension AttendanceMode: Labelled { static var labelPrefix: String { "mode_" } }
extension DelegateRole: Labelled { static var labelPrefix: String { "delegate_role_" } }
extension OrganizationSort: Labelled { static var labelPrefix: String { "sort_" } }
extension CalendarMode: Labelled { static var labelPrefix: String { "calendar_" } }
extension CalendarFeedScope: Labelled { static var labelPrefix: String { "feed_scope_" } }
extension StaffRole: Labelled { static var labelPrefix: String { "role_" } }
extension SearchKind: Labelled { static var labelPrefix: String { "search_kind_" } }
extension RecordKind: Labelled { static var labelPrefix: String { "entity_" } }
extension AuditAction: Labelled { static var labelPrefix: String { "action_" } }

/// What every page is drawn with: the interface's strings (pages are typed views inside `Layout`).
struct PageRenderer: Sendable {
    let strings: Strings

    init(resources: URL) throws {
        strings = try Strings(file: resources.appendingPathComponent("strings/en.json"))
    }

    /// A redirect after a successful form (303, so the browser follows with GET).
    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
