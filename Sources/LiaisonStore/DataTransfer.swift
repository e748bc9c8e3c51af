import Foundation
import LiaisonCore

/// Moving every row between databases, for `liaison copy` and JSON backups: both engines have the same
/// tables and columns, so rows move column by column whatever the engines on either side.
public protocol TransferStore: Sendable {
    /// Up to `limit` rows of the table in key order, starting after the row whose key is `after`.
    func exportRows(_ table: TransferTable, after: [TransferValue]?, limit: Int) async throws -> [[TransferValue]]

    /// How many rows the table holds.
    func countRows(_ table: TransferTable) async throws -> Int

    /// Runs `body` inside one transaction that receives rows: committed when `body` returns, rolled back
    /// (leaving the database as it was) when it throws. Identity counters follow the ids received.
    func importRows(_ body: (any TransferSink) async throws -> Void) async throws
}

/// Where an import writes, inside its transaction.
public protocol TransferSink: Sendable {
    func insert(_ table: TransferTable, _ rows: [[TransferValue]]) async throws
}

/// A value of one column of one row.
public enum TransferValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case bool(Bool)
    case date(Date)
}

extension TransferValue {
    /// An instant to the millisecond both engines keep, so that a value read back from either side or from
    /// a backup's text is the same `Date`.
    public static func instant(_ date: Date) -> TransferValue {
        .date(Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000))
    }

    /// A JSON column's text in one spelling whatever the engine stored (PostgreSQL's jsonb reorders keys
    /// and adds spaces), so that copies and backups of the same data are the same bytes.
    public static func json(_ text: String) -> TransferValue {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed),
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        else { return .text(text) }
        return .text(String(decoding: data, as: UTF8.self))
    }
}

/// The kinds of columns; JSON columns travel as their text.
public enum TransferColumnType: Sendable, Hashable {
    case integer, real, text, bool, date, json
}

public struct TransferColumn: Sendable, Hashable {
    public let name: String
    public let type: TransferColumnType
}

/// A table that moves, with its columns and the columns of its key.
public struct TransferTable: Sendable, Hashable {
    public let name: String
    public let columns: [TransferColumn]
    public let key: [String]
    /// The table has an identity id whose counter must follow the ids received.
    public let hasIdentity: Bool
    /// The migrations create its one row: an import replaces it instead of adding another.
    public let isSingleton: Bool
    /// Key columns that may be NULL (a report's link names an organization or a person): ordered and compared
    /// as 0, which no id is, since a comparison with NULL is never true.
    public let nullableKey: Set<String>

    init(
        _ name: String, key: [String] = ["id"], nullableKey: Set<String> = [], singleton: Bool = false,
        _ columns: [(String, TransferColumnType)]
    ) {
        self.name = name
        self.columns = columns.map { TransferColumn(name: $0.0, type: $0.1) }
        self.key = key
        self.nullableKey = nullableKey
        self.hasIdentity = key == ["id"] && !singleton
        self.isSingleton = singleton
    }

    public var columnNames: [String] { columns.map(\.name) }

    /// The key as the engines order and compare rows by it: `(key) > (after)` pages through the table.
    public var keyOrder: String {
        key.map { nullableKey.contains($0) ? "coalesce(\($0), 0)" : $0 }.joined(separator: ", ")
    }

    /// Where the next page starts: the key of the last row read, as `keyOrder` compares it.
    public func position(after row: [TransferValue]) -> [TransferValue] {
        keyIndexes.map { row[$0] == .null ? .integer(0) : row[$0] }
    }

    /// What a column added by a later migration holds in a backup written before it: the column's default.
    public static let addedLater: [String: TransferValue] = [
        "workspace_setting.currency": .text(Currency.standard)
    ]

    /// The positions of the key's columns among `columns`.
    public var keyIndexes: [Int] { key.map { name in columns.firstIndex { $0.name == name }! } }

    /// Every table that moves, parents before the tables that refer to them. Sessions, failed sign-ins
    /// and used one-time codes stay behind: everyone signs in again on the new database.
    public static let all: [TransferTable] = [
        TransferTable(
            "account",
            [
                ("id", .integer), ("email", .text), ("name", .text), ("role", .text), ("disabled", .bool),
                ("password_hash", .text), ("totp_secret", .text), ("time_zone", .text), ("version", .integer),
                ("created_at", .date),
                ("updated_at", .date),
            ]),
        TransferTable(
            "workspace_setting", singleton: true,
            [("id", .integer), ("require_two_factor", .bool), ("currency", .text)]),
        TransferTable("organization", OrganizationRow.table.transferColumns),
        TransferTable(
            "organization_role", key: ["organization_id", "position"],
            [
                ("organization_id", .integer), ("position", .integer), ("title", .text), ("from_year", .integer),
                ("to_year", .integer),
            ]),
        TransferTable(
            "organization_practice", key: ["organization_id", "position"],
            [
                ("organization_id", .integer), ("position", .integer), ("title", .text), ("year", .integer),
                ("description", .text),
            ]),
        TransferTable(
            "organization_affiliation", key: ["organization_id", "network_id"],
            [("organization_id", .integer), ("network_id", .integer)]),
        TransferTable("person", PersonRow.table.transferColumns),
        TransferTable(
            "person_language", key: ["person_id", "position"],
            [("person_id", .integer), ("position", .integer), ("code", .text)]),
        TransferTable(
            "person_position", key: ["person_id", "position"],
            [
                ("person_id", .integer), ("position", .integer), ("organization_id", .integer),
                ("organization_name", .text), ("title", .text), ("department", .text), ("start_date", .text),
                ("end_date", .text),
            ]),
        TransferTable(
            "person_channel", key: ["person_id", "position"],
            [
                ("person_id", .integer), ("position", .integer), ("kind", .text), ("value", .text),
                ("match_key", .text), ("label", .text), ("preferred", .bool), ("held_by_account_id", .integer),
            ]),
        TransferTable(
            "activity",
            [
                ("id", .integer), ("kind", .text), ("title", .text), ("summary", .text), ("mission_id", .integer),
                ("all_day", .bool), ("start_local", .text), ("end_local", .text), ("time_zone", .text),
                ("starts_at", .date), ("ends_at", .date), ("place_organization_id", .integer), ("place_name", .text),
                ("venue", .text), ("visibility", .text), ("version", .integer), ("created_at", .date),
                ("updated_at", .date),
            ]),
        TransferTable(
            "activity_organization", key: ["activity_id", "position"],
            [
                ("activity_id", .integer), ("position", .integer), ("organization_id", .integer),
                ("organization_name", .text), ("mode", .text), ("status", .text), ("organizer", .bool),
            ]),
        TransferTable(
            "activity_person", key: ["activity_id", "position"],
            [
                ("activity_id", .integer), ("position", .integer), ("person_id", .integer), ("person_name", .text),
                ("organization_id", .integer), ("role", .text), ("in_person", .bool),
            ]),
        TransferTable(
            "activity_staff", key: ["activity_id", "position"],
            [("activity_id", .integer), ("position", .integer), ("account_id", .integer)]),
        TransferTable(
            "calendar_feed",
            [
                ("id", .integer), ("account_id", .integer), ("scope", .text), ("token_hash", .text),
                ("created_at", .date), ("revoked_at", .date),
            ]),
        TransferTable(
            "api_token",
            [
                ("id", .integer), ("account_id", .integer), ("name", .text), ("token_hash", .text),
                ("can_write", .bool), ("created_at", .date), ("last_used_at", .date), ("revoked_at", .date),
            ]),
        TransferTable("prospect", ProspectRow.table.transferColumns),
        TransferTable(
            "prospect_stage_change",
            [
                ("id", .integer), ("prospect_id", .integer), ("from_stage", .text), ("to_stage", .text),
                ("reached_on", .text), ("at", .date), ("account_id", .integer), ("account_name", .text),
                ("note", .text), ("activity_id", .integer),
            ]),
        TransferTable("working_group", WorkingGroupRow.table.transferColumns),
        TransferTable(
            "working_group_member", key: ["working_group_id", "position"],
            [
                ("working_group_id", .integer), ("position", .integer), ("organization_id", .integer), ("role", .text),
                ("joined_on", .text),
            ]),
        TransferTable(
            "working_group_representative", key: ["working_group_id", "position"],
            [
                ("working_group_id", .integer), ("position", .integer), ("organization_id", .integer),
                ("person_id", .integer),
            ]),
        TransferTable(
            "working_group_activity", key: ["working_group_id", "position"],
            [("working_group_id", .integer), ("position", .integer), ("activity_id", .integer)]),
        // After the reports it may name.
        TransferTable("interest", InterestRow.table.transferColumns),
        TransferTable("opportunity", OpportunityRow.table.transferColumns),
        TransferTable(
            "opportunity_invitation", key: ["opportunity_id", "position"],
            [
                ("opportunity_id", .integer), ("position", .integer), ("organization_id", .integer),
                ("answer", .text), ("sent_on", .text),
            ]),
        // After the activities, organizations, accounts and people they name.
        TransferTable("delegation", DelegationRow.table.transferColumns),
        TransferTable(
            "delegation_registration", key: ["delegation_id", "position"],
            [
                ("delegation_id", .integer), ("position", .integer), ("person_id", .integer), ("person_name", .text),
                ("role", .text), ("mode", .text), ("state", .text), ("visa_letter", .bool),
                ("interpretation", .text),
            ]),
        // The monthly averages of coverage are history; each organization's coverage is worked out again.
        TransferTable(
            "coverage_snapshot", key: ["month", "region"],
            [("month", .text), ("region", .text), ("members", .integer), ("score_total", .integer)]),
        TransferTable(
            "audit",
            [
                ("id", .integer), ("at", .date), ("actor_account_id", .integer), ("actor_name", .text),
                ("address", .text), ("action", .text), ("entity", .text), ("entity_id", .integer),
                ("summary", .text), ("changes", .json),
            ]),
    ].inserting(reports, before: "prospect")

    /// Reports with their authors, reviewers and links, comments, follow-ups with what they concern, and each
    /// staff member's inbox, parents first.
    static let reports: [TransferTable] = [
        TransferTable("report", ReportRow.table.transferColumns + [("created_by", .integer)]),
        TransferTable(
            "report_author", key: ["report_id", "position"],
            [("report_id", .integer), ("position", .integer), ("account_id", .integer)]),
        TransferTable(
            "report_reviewer", key: ["report_id", "position"],
            [("report_id", .integer), ("position", .integer), ("account_id", .integer)]),
        TransferTable(
            "report_link", key: ["report_id", "organization_id", "person_id"],
            nullableKey: ["organization_id", "person_id"],
            [
                ("report_id", .integer), ("organization_id", .integer), ("person_id", .integer), ("name", .text),
                ("state", .text),
            ]),
        TransferTable("comment", CommentRows.table.transferColumns),
        TransferTable(
            "follow_up", FollowUpRow.table.transferColumns + [("task_key", .text), ("created_by", .integer)]),
        TransferTable(
            "follow_up_organization", key: ["follow_up_id", "position"],
            [("follow_up_id", .integer), ("position", .integer), ("organization_id", .integer)]),
        TransferTable(
            "follow_up_person", key: ["follow_up_id", "position"],
            [("follow_up_id", .integer), ("position", .integer), ("person_id", .integer)]),
        TransferTable(
            "notification",
            [
                ("id", .integer), ("account_id", .integer), ("reason", .text), ("subject", .text),
                ("subject_id", .integer), ("title", .text), ("actor_account_id", .integer), ("created_at", .date),
                ("read_at", .date), ("once_key", .text), ("mailed_at", .date), ("mail_retry_at", .date),
                ("mail_attempts", .integer),
            ]),
    ]

    public static func named(_ name: String) -> TransferTable? { all.first { $0.name == name } }
}

extension [TransferTable] {
    /// The tables with `tables` before the one named `name`.
    fileprivate func inserting(_ tables: [TransferTable], before name: String) -> [TransferTable] {
        let index = firstIndex { $0.name == name } ?? endIndex
        return Array(self[..<index]) + tables + self[index...]
    }
}

/// What a copy or restore moved: rows per table, as counted in the target afterwards.
public struct TransferReport: Sendable {
    public var counts: [(table: String, rows: Int)]

    public var summary: String {
        counts.filter { $0.rows > 0 }.map { "\($0.rows) \($0.table)" }.joined(separator: ", ")
    }
}

/// A copy or restore that cannot go on; the message says why.
public struct TransferError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

public enum DataTransfer {
    public static let batchSize = 500

    /// Refuses a target that already holds data: a copy or restore fills an empty database.
    public static func requireEmpty(_ target: any TransferStore, named name: String) async throws {
        for table in TransferTable.all where !table.isSingleton {
            if try await target.countRows(table) > 0 {
                throw TransferError(
                    "The target database \(name) is not empty (it has \(table.name) rows); copy and restore fill an empty database only."
                )
            }
        }
    }

    /// Copies every table of `source` into the empty `target` in one transaction of the target, then
    /// checks that each table holds as many rows on both sides.
    public static func copy(
        from source: any TransferStore, to target: any TransferStore, targetName: String,
        progress: @Sendable (String, Int) -> Void = { _, _ in }
    ) async throws -> TransferReport {
        try await requireEmpty(target, named: targetName)
        try await target.importRows { sink in
            for table in TransferTable.all {
                var after: [TransferValue]?
                var moved = 0
                while true {
                    let rows = try await source.exportRows(table, after: after, limit: batchSize)
                    if rows.isEmpty { break }
                    try await sink.insert(table, rows)
                    moved += rows.count
                    progress(table.name, moved)
                    if rows.count < batchSize { break }
                    after = table.position(after: rows[rows.count - 1])
                }
            }
        }
        return try await compareCounts(source: source, target: target)
    }

    /// The row counts of `target`, after checking they equal `source`'s table by table.
    static func compareCounts(source: any TransferStore, target: any TransferStore) async throws -> TransferReport {
        var counts: [(String, Int)] = []
        var differences: [String] = []
        for table in TransferTable.all {
            let expected = try await source.countRows(table)
            let found = try await target.countRows(table)
            if expected != found { differences.append("\(table.name): \(expected) in the source, \(found) copied") }
            counts.append((table.name, found))
        }
        if !differences.isEmpty {
            throw TransferError(
                "The counts differ after the copy (was the source changed meanwhile?): "
                    + differences.joined(separator: "; "))
        }
        return TransferReport(counts: counts)
    }
}
