import Foundation
import LiaisonCore

/// A record kind both engines create, read, update and delete through one flow: lock the row and check the
/// version, look up what the input refers to, write the row and its child rows, read the record back, append
/// the audit entry. The kind states here its tables, the queries that read it, the pure decoding of their
/// rows, its reference checks and its audit entry; each engine has one executor for every kind, holding only
/// its dialect (how a transaction opens, how a new id is learned, `FOR UPDATE`, how a list of ids is bound).
///
/// A new record kind is one conformance in LiaisonStore, one migration per engine, and the pages and API
/// that show it: no engine needs code of its own for it (`RecordStore` gives it create, update, delete and
/// reads on every engine).
public protocol StoredRecord: Sendable {
    associatedtype Input: Sendable
    /// What the reference check learned that the rows keep: names of the records referred to, instants.
    associatedtype References: Sendable

    static var kind: RecordKind { get }
    static var table: RecordTable { get }

    var id: Int64 { get }
    var version: Int { get }
    var input: Input { get }

    /// The queries that read records back, each with one list of ids matched by `idsMatch`: the records'
    /// own rows (with their `id`), and the named child queries (with `table.parentKey`).
    static func reads(idsMatch: String, dialect: any SQLDialect) -> RecordReads
    /// The record from its own row and the child rows read for it.
    static func record<Row: SQLRow>(_ row: Row, children: ChildRows<Row>) throws -> Self

    /// The look-ups of the records `input` refers to (none for an empty list of ids).
    static func referenceLookups(_ input: Input, dialect: any SQLDialect) -> [ReferenceLookup]
    /// Throws `ValidationError` naming every reference `found` lacks; otherwise what the rows keep of them.
    static func references<Row: SQLRow>(of id: Int64?, _ input: Input, found: FoundRows<Row>) throws -> References

    /// The values of `table.fields`, in their order.
    static func values(_ input: Input, _ references: References) -> [SQLBind]
    /// The rows of the child tables of record `id`.
    static func children(of id: Int64, _ input: Input, _ references: References) -> [SQLFragment]
    /// The audit entry of a change: `before` nil for a creation, `after` nil for a deletion (`FieldAudited`
    /// writes the usual one).
    static func audit(
        _ action: AuditAction, _ record: Self, from before: Input?, to after: Input?, by actor: AuditActor
    )
        -> AuditEvent

    /// What the write does to other records, run in its transaction after the record's own rows and before
    /// its audit entry (a membership the change grants, a history row, an inbox entry). None by default.
    static func effects(of change: RecordChange<Self>) throws -> [SQLFragment]
}

/// One write of a record as its executor made it, for the statements it causes elsewhere.
public struct RecordChange<Record: StoredRecord>: Sendable {
    public let action: AuditAction
    /// The record before the write; nil for a creation.
    public let before: Record?
    /// The record as written; nil for a deletion.
    public let after: Record?
    /// What was written (as given, with what the record does not keep); nil for a deletion.
    public let input: Record.Input?
    /// What the reference check learned; nil for a deletion.
    public let references: Record.References?
    public let actor: AuditActor
    public let now: Date
    public let dialect: any SQLDialect

    public init(
        _ action: AuditAction, before: Record?, after: Record?, input: Record.Input?,
        references: Record.References?, actor: AuditActor, now: Date, dialect: any SQLDialect
    ) {
        self.action = action
        self.before = before
        self.after = after
        self.input = input
        self.references = references
        self.actor = actor
        self.now = now
        self.dialect = dialect
    }
}

/// The queries reading records of one kind: their own rows, and each child table's by name.
public struct RecordReads: Sendable {
    public let records: String
    public let children: [(name: String, sql: String)]

    public init(records: String, children: [(name: String, sql: String)]) {
        self.records = records
        self.children = children
    }
}

/// The child rows read for a list of records, by query name and then by record.
public struct ChildRows<Row: SQLRow> {
    private let rows: [String: [Int64: [Row]]]

    /// Groups each query's rows by the parent column `parentKey`.
    public init(_ rows: [String: [Row]], parentKey: String) throws {
        var grouped: [String: [Int64: [Row]]] = [:]
        for (name, list) in rows {
            for row in list { grouped[name, default: [:]][try row.integer(parentKey) ?? 0, default: []].append(row) }
        }
        self.rows = grouped
    }

    /// The rows of query `name` that belong to record `id`, in the order read.
    public func callAsFunction(_ name: String, of id: Int64) -> [Row] { rows[name]?[id] ?? [] }
}

/// One look-up of referenced records: `sql` matches the `ids` with the dialect's `idsMatch(count:)`.
public struct ReferenceLookup: Sendable {
    public let name: String
    public let sql: String
    public let ids: [Int64]

    /// The look-up of `ids` by a statement made from their match (nil when there are none to look up).
    public static func of(
        _ name: String, _ ids: some Collection<Int64>, dialect: any SQLDialect, _ sql: (String) -> String
    )
        -> ReferenceLookup?
    {
        ids.isEmpty ? nil : ReferenceLookup(name: name, sql: sql(dialect.idsMatch(count: ids.count)), ids: Array(ids))
    }

    private init(name: String, sql: String, ids: [Int64]) {
        self.name = name
        self.sql = sql
        self.ids = ids
    }
}

/// The rows each reference look-up found, by name; a look-up not run found none.
public struct FoundRows<Row: SQLRow> {
    private let rows: [String: [Row]]

    public init(_ rows: [String: [Row]]) { self.rows = rows }

    public subscript(_ name: String) -> [Row] { rows[name] ?? [] }

    /// The `id` column of the rows found.
    public func ids(_ name: String) throws -> Set<Int64> { Set(try self[name].compactMap { try $0.integer("id") }) }

    /// Each row's `column` by its `id`.
    public func text(_ column: String, of name: String) throws -> [Int64: String] {
        var values: [Int64: String] = [:]
        for row in self[name] { if let id = try row.integer("id") { values[id] = try row.string(column) } }
        return values
    }
}

extension StoredRecord {
    public static func effects(of change: RecordChange<Self>) throws -> [SQLFragment] { [] }

    /// The new record's row at version 1; the engine adds how it learns the new id.
    public static func insert(_ input: Input, _ references: References, now: Date, dialect: any SQLDialect)
        -> SQLFragment
    {
        table.insert(values(input, references), now: now, dialect: dialect)
    }

    /// The record's row rewritten at `version`, its child rows replaced.
    public static func replace(
        id: Int64, version: Int, _ input: Input, _ references: References, now: Date, dialect: any SQLDialect
    ) -> [SQLFragment] {
        table.replace(id: id, version: version, values(input, references), now: now, dialect: dialect)
            + children(of: id, input, references)
    }

    public static var deleteStatement: String { "DELETE FROM \(table.name) WHERE id = ?" }

    /// The records of `ids` that exist, in the order given, from the rows `reads` found.
    public static func records<Row: SQLRow>(ids: [Int64], rows: [Row], children: [String: [Row]]) throws -> [Self] {
        let children = try ChildRows(children, parentKey: table.parentKey)
        var found: [Int64: Self] = [:]
        for row in rows {
            let record = try record(row, children: children)
            found[record.id] = record
        }
        return ids.compactMap { found[$0] }
    }

    /// Refuses a write made from a stale read of `record` (`expected` nil when the caller did not say).
    public func check(expectedVersion expected: Int?) throws(StoreError) {
        try StoreError.check(Self.kind, id: id, version: version, expected: expected)
    }
}
