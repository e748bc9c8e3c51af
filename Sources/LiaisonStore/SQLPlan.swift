import Foundation

/// A read or a write stated once for both engines, as data: a statement, and what to do with its rows to
/// reach the next step. GRDB runs a transaction as a synchronous closure and PostgresNIO as async calls on a
/// connection, so a flow written as code would be written twice; written as steps, each engine only runs
/// them, in its own transaction (`SharedStatements.reading` and `writing`), and holds nothing but its dialect.
/// A plan is made inside the transaction that runs it, so its steps may hold rows that never leave it.
public struct SQLPlan<Value> {
    public enum Step {
        case done(Value)
        /// Run the statement and hand its rows to the closure, which returns what comes next. The closure
        /// visits the rows (a statement whose rows are not visited may not run at all).
        case fetch(SQLFragment, (any SQLRows) throws -> SQLPlan<Value>)
        /// Run the statements in order for their effect, then go on with what the closure returns.
        case execute([SQLFragment], () throws -> SQLPlan<Value>)
    }

    public let step: Step

    public init(_ step: Step) { self.step = step }

    /// A plan that runs nothing.
    public static func value(_ value: Value) -> SQLPlan { SQLPlan(.done(value)) }

    /// This plan, then the plan `next` makes of its value.
    public func then<Next>(_ next: @escaping (Value) throws -> SQLPlan<Next>) -> SQLPlan<Next> {
        switch step {
        case .done(let value): SQLPlan<Next>(.execute([]) { try next(value) })
        case .fetch(let statement, let rest): SQLPlan<Next>(.fetch(statement) { try rest($0).then(next) })
        case .execute(let statements, let rest): SQLPlan<Next>(.execute(statements) { try rest().then(next) })
        }
    }

    /// This plan, then `plan` (made from this one's value), whose value is set at `keyPath` of this one's: a page
    /// gathers what it reads into one value, a step for each part.
    public func reading<Part>(_ keyPath: WritableKeyPath<Value, Part>, _ plan: @escaping (Value) -> SQLPlan<Part>)
        -> SQLPlan<Value>
    {
        then { whole in
            plan(whole).map { part in
                var whole = whole
                whole[keyPath: keyPath] = part
                return whole
            }
        }
    }

    /// This plan, its value changed by `transform`.
    public func map<Next>(_ transform: @escaping (Value) throws -> Next) -> SQLPlan<Next> {
        then { .value(try transform($0)) }
    }
}

extension SQLFragment {
    /// A plan of this statement's rows, each decoded by `decode` as it is read.
    public func rows<Row>(_ decode: @escaping (any SQLRow) throws -> Row) -> SQLPlan<[Row]> {
        SQLPlan(
            .fetch(self) { rows in
                var values: [Row] = []
                try rows.forEach { values.append(try decode($0)) }
                return .value(values)
            })
    }

    /// A plan of this statement's rows kept as read, for decoding that needs them all at once (a record and
    /// its child rows).
    public func keptRows() -> SQLPlan<[KeptRow]> {
        rows { KeptRow($0.kept()) }
    }
}

extension SQLPlan where Value == Void {
    /// Runs `statements` in order.
    public static func run(_ statements: [SQLFragment]) -> SQLPlan<Void> {
        SQLPlan(.execute(statements) { .value(()) })
    }
}

extension SQLPlan {
    /// Runs `plans` one after the other, gathering their values in order.
    public static func sequence(_ plans: [SQLPlan<Value>]) -> SQLPlan<[Value]> {
        plans.reduce(SQLPlan<[Value]>.value([])) { gathered, plan in
            gathered.then { values in plan.map { values + [$0] } }
        }
    }
}

/// The rows of one statement as an engine hands them to a plan: visited once, in order. A row is valid only
/// while `body` runs (SQLite's are read from its statement as it steps, without copying); `kept()` keeps one.
public protocol SQLRows {
    func forEach(_ body: (any SQLRow) throws -> Void) throws
}

/// A row kept after its statement moved on, as the shared decoding of records reads them.
public struct KeptRow: SQLRow {
    private let row: any SQLRow

    public init(_ row: any SQLRow) { self.row = row }

    public func text(_ column: String) throws -> String? { try row.text(column) }
    public func integer(_ column: String) throws -> Int64? { try row.integer(column) }
    public func real(_ column: String) throws -> Double? { try row.real(column) }
    public func bool(_ column: String) throws -> Bool? { try row.bool(column) }
    public func date(_ column: String) throws -> Date? { try row.date(column) }
    public func text(at index: Int) throws -> String? { try row.text(at: index) }
    public func integer(at index: Int) throws -> Int64? { try row.integer(at: index) }
    public func real(at index: Int) throws -> Double? { try row.real(at: index) }
    public func bool(at index: Int) throws -> Bool? { try row.bool(at: index) }
    public func date(at index: Int) throws -> Date? { try row.date(at: index) }
    public func kept() -> any SQLRow { self }
}
