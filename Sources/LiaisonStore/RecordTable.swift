import Foundation
import LiaisonCore

/// A record's own table as both engines write it: the columns its input fills, in order and with their
/// kinds, and the child tables replaced whole on every update. The insert, the update's assignments, the
/// transfer of the table and the reading back are all made from the one list, so adding a field is one line
/// here (and one migration per engine).
public struct RecordTable: Sendable {
    public let name: String
    /// The columns the input fills, without the id, version and time stamps every record has.
    public let fields: [TransferColumn]
    /// The column naming the record in its child tables.
    public let parentKey: String
    /// The child tables replaced whole when the record is written.
    public let children: [String]

    public init(
        _ name: String, parentKey: String, children: [String], _ fields: [(String, TransferColumnType)]
    ) {
        self.name = name
        self.parentKey = parentKey
        self.children = children
        self.fields = fields.map { TransferColumn(name: $0.0, type: $0.1) }
    }

    /// Every column, as a copy or a backup moves them.
    public var transferColumns: [(String, TransferColumnType)] {
        [("id", .integer)] + fields.map { ($0.name, $0.type) }
            + [("version", .integer), ("created_at", .date), ("updated_at", .date)]
    }

    /// A new record at version 1; `values` are the fields'. The engine adds how it learns the new id.
    public func insert(_ values: [SQLBind], now: Date, dialect: any SQLDialect) -> SQLFragment {
        let columns = fields.map(\.name).joined(separator: ", ")
        let marks = placeholders(dialect).joined(separator: ", ")
        return SQLFragment(
            "INSERT INTO \(name) (\(columns), version, created_at, updated_at) VALUES (\(marks), 1, ?, ?)",
            values + [.date(now), .date(now)])
    }

    /// The record's row rewritten at `version`, its children deleted to be written again.
    public func replace(id: Int64, version: Int, _ values: [SQLBind], now: Date, dialect: any SQLDialect)
        -> [SQLFragment]
    {
        let assignments = zip(fields, placeholders(dialect)).map { "\($0.name) = \($1)" }.joined(separator: ", ")
        let update = SQLFragment(
            "UPDATE \(name) SET \(assignments), version = ?, updated_at = ? WHERE id = ?",
            values + [.integer(Int64(version)), .date(now), .integer(id)])
        return [update] + children.map { SQLFragment("DELETE FROM \($0) WHERE \(parentKey) = ?", [.integer(id)]) }
    }

    private func placeholders(_ dialect: any SQLDialect) -> [String] {
        fields.map { $0.type == .json ? dialect.jsonPlaceholder : "?" }
    }
}

extension SQLFragment {
    /// One row of a child table: `INSERT INTO table (columns) VALUES (?, ...)` with its values.
    public static func insert(into table: String, _ columns: String, _ values: [SQLBind]) -> SQLFragment {
        let marks = Array(repeating: "?", count: values.count).joined(separator: ", ")
        return SQLFragment("INSERT INTO \(table) (\(columns)) VALUES (\(marks))", values)
    }
}

/// A row as an engine read it, by column name: the shared plans read records back through it, so a column
/// is named in one place for both engines. NULL reads as nil.
public protocol SQLRow {
    func text(_ column: String) throws -> String?
    func integer(_ column: String) throws -> Int64?
    func real(_ column: String) throws -> Double?
    func bool(_ column: String) throws -> Bool?
    func date(_ column: String) throws -> Date?
    /// The same by position in the select list, for lists: a page reads hundreds of rows, and finding a
    /// column by its name cost more than reading its value.
    func text(at index: Int) throws -> String?
    func integer(at index: Int) throws -> Int64?
    func real(at index: Int) throws -> Double?
    func bool(at index: Int) throws -> Bool?
    func date(at index: Int) throws -> Date?
    /// The row kept with its values, to be read after its statement has moved on.
    func kept() -> any SQLRow
}

extension SQLRow {
    /// A NOT NULL text column.
    public func string(_ column: String) throws -> String { try text(column) ?? "" }

    public func int(_ column: String) throws -> Int? { try integer(column).map(Int.init) }
}
