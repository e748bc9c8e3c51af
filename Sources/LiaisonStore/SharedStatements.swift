import Foundation
import LiaisonCore

/// How both engines run what LiaisonStore states once: single statements, and plans of several steps
/// (`SQLPlan`) in one snapshot or one transaction. Each engine implements these, whatever the statements.
public protocol SharedStatements: Sendable {
    /// The engine's dialect, for statements that differ in their SQL.
    var dialect: any SQLDialect { get }

    /// The rows of one statement, each decoded by `decode`.
    func fetch<Value: Sendable>(_ statement: SQLFragment, _ decode: @escaping @Sendable (any SQLRow) throws -> Value)
        async throws -> [Value]

    /// The rows a writing statement returns (`UPDATE … RETURNING`, `INSERT … RETURNING`), each decoded by
    /// `decode`, run in a transaction of its own.
    func writeReturning<Value: Sendable>(
        _ statement: SQLFragment, _ decode: @escaping @Sendable (any SQLRow) throws -> Value
    ) async throws -> [Value]

    /// Runs the plan `make` states for the engine's dialect on one consistent snapshot of the database.
    func reading<Value: Sendable>(_ make: @escaping @Sendable (any SQLDialect) -> SQLPlan<Value>) async throws
        -> Value

    /// Runs the plan `make` states for the engine's dialect in one transaction: all of it, or nothing when a
    /// step throws.
    func writing<Value: Sendable>(_ make: @escaping @Sendable (any SQLDialect) -> SQLPlan<Value>) async throws
        -> Value
}

extension SharedStatements {
    /// Runs the statements in order in one transaction.
    public func execute(_ statements: [SQLFragment]) async throws {
        try await writing { _ in .run(statements) }
    }

    /// The first column of the first row as an integer (a count), 0 when there is none.
    public func count(_ statement: SQLFragment) async throws -> Int {
        try await fetch(statement) { try $0.int("n") ?? 0 }.first ?? 0
    }
}
