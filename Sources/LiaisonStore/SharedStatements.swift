import Foundation
import LiaisonCore

/// How both engines run statements stated once in LiaisonStore for what is not a record of its own kind:
/// the lists of follow-ups, the inbox. Each engine implements these two, whatever the statements.
public protocol SharedStatements: Sendable {
    /// The engine's dialect, for statements that differ in their SQL.
    var dialect: any SQLDialect { get }

    /// The rows of one statement, each decoded by `decode`.
    func fetch<Value: Sendable>(_ statement: SQLFragment, _ decode: @escaping @Sendable (any SQLRow) throws -> Value)
        async throws -> [Value]

    /// Runs the statements in order in one transaction.
    func execute(_ statements: [SQLFragment]) async throws

    /// The rows a writing statement returns (`UPDATE … RETURNING`, `INSERT … RETURNING`), each decoded by
    /// `decode`, run in a transaction of its own.
    func writeReturning<Value: Sendable>(
        _ statement: SQLFragment, _ decode: @escaping @Sendable (any SQLRow) throws -> Value
    ) async throws -> [Value]
}

extension SharedStatements {
    /// The first column of the first row as an integer (a count), 0 when there is none.
    public func count(_ statement: SQLFragment) async throws -> Int {
        try await fetch(statement) { try $0.int("n") ?? 0 }.first ?? 0
    }
}
