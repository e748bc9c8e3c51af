import Foundation
import LiaisonStore
import Logging
import PostgresNIO

/// A value bound to a statement's placeholder; the engine's code binds only these types.
protocol SQLValue: Sendable {
    func bind(into bindings: inout PostgresBindings)
}

extension String: SQLValue {
    /// PostgreSQL text cannot hold NUL, which SQLite keeps. Records never contain one (validation refuses
    /// control characters), so only lookups can bring one, such as an email typed at sign-in: U+FFFD in its
    /// place matches nothing, as the NUL would.
    func bind(into bindings: inout PostgresBindings) {
        bindings.append(contains("\u{0}") ? replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : self)
    }
}
extension Int: SQLValue { func bind(into bindings: inout PostgresBindings) { bindings.append(Int64(self)) } }
extension Int64: SQLValue { func bind(into bindings: inout PostgresBindings) { bindings.append(self) } }
extension Double: SQLValue { func bind(into bindings: inout PostgresBindings) { bindings.append(self) } }
extension Bool: SQLValue { func bind(into bindings: inout PostgresBindings) { bindings.append(self) } }
extension Date: SQLValue { func bind(into bindings: inout PostgresBindings) { bindings.append(self) } }
extension Array: SQLValue where Element == Int64 {
    func bind(into bindings: inout PostgresBindings) { bindings.append(self) }
}

/// A text[] parameter (arrays of ids bind as they are; only one array type can conform directly).
struct TextArray: SQLValue {
    let values: [String]
    func bind(into bindings: inout PostgresBindings) { bindings.append(values) }
}

extension Optional: SQLValue where Wrapped: SQLValue {
    func bind(into bindings: inout PostgresBindings) {
        if let value = self { value.bind(into: &bindings) } else { bindings.appendNull() }
    }
}

/// Turns a statement written with `?` placeholders (as the SQLite engine's are) into PostgreSQL's
/// numbered ones with its bindings. A `?` inside a quoted literal is left alone. Throws when the count of
/// placeholders differs from the count of values (a quote in a comment, jsonb's `?` operator): the
/// statement fails, the server goes on.
func statement(_ sql: String, _ values: [any SQLValue]) throws(PostgresStoreError) -> PostgresQuery {
    var text = ""
    text.reserveCapacity(sql.utf8.count + 16)
    var number = 0
    var quoted = false
    for character in sql {
        if character == "'" { quoted.toggle() }
        if character == "?" && !quoted {
            number += 1
            text += "$\(number)"
        } else {
            text.append(character)
        }
    }
    guard number == values.count else {
        throw PostgresStoreError("\(number) placeholders for \(values.count) values in the statement: \(sql)")
    }
    var bindings = PostgresBindings(capacity: values.count)
    for value in values { value.bind(into: &bindings) }
    return PostgresQuery(unsafeSQL: text, binds: bindings)
}

/// One row read by name: `let name: String = try row["name"]`.
struct Row {
    private let cells: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        cells = row.makeRandomAccess()
    }

    subscript<T: PostgresDecodable>(_ column: String) -> T {
        get throws { try cells[column].decode(T.self) }
    }

    /// The column at `index` as `type`, nil when NULL.
    subscript<T: PostgresDecodable>(_ index: Int, _ type: T.Type) -> T? where T._DecodableType == T {
        get throws { try cells[index].decode(T?.self) }
    }
}

/// A connection lent for one read or one transaction, with the helpers the engine's queries use.
struct Connection {
    let connection: PostgresConnection
    let logger: Logger

    /// Every row of the statement.
    func rows(_ sql: String, _ values: any SQLValue...) async throws -> [Row] {
        try await rows(sql, values)
    }

    func rows(_ sql: String, _ values: [any SQLValue]) async throws -> [Row] {
        var rows: [Row] = []
        for try await row in try await connection.query(statement(sql, values), logger: logger) {
            rows.append(Row(row))
        }
        return rows
    }

    /// The first row, or nil.
    func row(_ sql: String, _ values: any SQLValue...) async throws -> Row? {
        try await rows(sql, values).first
    }

    /// The first column of the first row, or nil when there is no row or it is NULL.
    func value<T: PostgresDecodable>(_ type: T.Type, _ sql: String, _ values: any SQLValue...) async throws -> T?
    where T._DecodableType == T {
        try await value(type, sql, values)
    }

    func value<T: PostgresDecodable>(_ type: T.Type, _ sql: String, _ values: [any SQLValue]) async throws -> T?
    where T._DecodableType == T {
        for try await row in try await connection.query(statement(sql, values), logger: logger) {
            return try row.makeRandomAccess()[0].decode(T?.self)
        }
        return nil
    }

    /// Runs a statement for its effect.
    func execute(_ sql: String, _ values: any SQLValue...) async throws {
        try await execute(sql, values)
    }

    func execute(_ sql: String, _ values: [any SQLValue]) async throws {
        for try await _ in try await connection.query(statement(sql, values), logger: logger) {}
    }
}

/// `?, ?, ?` for an IN list of `count` values.
func questionMarks(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ", ")
}

extension Row: SQLRow {
    func text(_ column: String) throws -> String? { try self[column] }
    func integer(_ column: String) throws -> Int64? { try self[column] }
    func real(_ column: String) throws -> Double? { try self[column] }
    func bool(_ column: String) throws -> Bool? { try self[column] }
    func date(_ column: String) throws -> Date? { try self[column] }
    func text(at index: Int) throws -> String? { try self[index, String.self] }
    func integer(at index: Int) throws -> Int64? { try self[index, Int64.self] }
    func real(at index: Int) throws -> Double? { try self[index, Double.self] }
    func bool(at index: Int) throws -> Bool? { try self[index, Bool.self] }
    func date(at index: Int) throws -> Date? { try self[index, Date.self] }
    func kept() -> any SQLRow { self }
}

/// A statement's rows as PostgreSQL sent them, handed to a plan's step.
private struct ReceivedRows: SQLRows {
    let rows: [Row]

    func forEach(_ body: (any SQLRow) throws -> Void) throws {
        for row in rows { try body(row) }
    }
}

extension Connection {
    /// Runs the statements of a shared plan in order.
    func run(_ statements: [SQLFragment]) async throws {
        for statement in statements { try await execute(statement.sql, statement.binds) }
    }

    /// Runs a shared plan's steps on this connection (in the caller's transaction, if any) and returns its value.
    func run<Value>(_ plan: SQLPlan<Value>) async throws -> Value {
        var plan = plan
        while true {
            switch plan.step {
            case .done(let value): return value
            case .fetch(let statement, let next):
                plan = try next(ReceivedRows(rows: try await rows(statement.sql, statement.binds)))
            case .execute(let statements, let next):
                try await run(statements)
                plan = try next()
            }
        }
    }

    /// Runs an INSERT of a shared plan and returns the id of the row it made.
    func insertReturningId(_ insert: SQLFragment) async throws -> Int64 {
        guard let id = try await value(Int64.self, insert.sql + " RETURNING id", insert.binds) else {
            throw PostgresStoreError("No id returned by: \(insert.sql)")
        }
        return id
    }
}
