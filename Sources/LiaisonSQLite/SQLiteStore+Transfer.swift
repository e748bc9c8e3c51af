import Foundation
import GRDB
import LiaisonStore
import Synchronization

extension SQLiteStore {
    public func exportRows(_ table: TransferTable, after: [TransferValue]?, limit: Int) async throws
        -> [[TransferValue]]
    {
        try await read { db in
            let key = table.keyOrder
            var arguments = StatementArguments()
            var condition = ""
            if let after {
                condition = "WHERE (\(key)) > (\(databaseQuestionMarks(count: after.count)))"
                arguments += StatementArguments(after.map(Self.databaseValue))
            }
            arguments += [limit]
            return try Row.fetchAll(
                db,
                sql:
                    "SELECT \(table.columnNames.joined(separator: ", ")) FROM \(table.name) \(condition) ORDER BY \(key) LIMIT ?",
                arguments: arguments
            ).map { row in
                try table.columns.enumerated().map { index, column in try Self.transferValue(row, index, column.type) }
            }
        }
    }

    public func countRows(_ table: TransferTable) async throws -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)") ?? 0 }
    }

    public func importRows(_ body: (any TransferSink) async throws -> Void) async throws {
        // GRDB keeps a transaction within one synchronous closure, while the rows arrive asynchronously: the
        // closure receives them through a hand-over, so one transaction spans every batch and a failed
        // import leaves the file as it was. A batch is taken before it is written, so the next one is
        // prepared meanwhile; a write that fails stops the hand-over and its error is the import's.
        let handOver = BatchHandOver()
        async let written: Void = writer.write { db in
            defer { handOver.close() }
            // Room for the import's pages, so SQLite does not spill them to the journal as it goes.
            try db.withPageCache(megabytes: 256) {
                let load = try BulkLoad(db)
                while true {
                    switch handOver.receive() {
                    case .batch(let table, let rows):
                        handOver.reply()
                        try BulkLoad.insert(db, table, rows)
                    case .finish:
                        try load.finish(db)
                        handOver.reply()
                        return
                    case .abandon:
                        handOver.reply()
                        throw ImportAbandoned()
                    }
                }
            }
        }
        do {
            try await body(SQLiteTransferSink(handOver: handOver))
            try await handOver.send(.finish)
        } catch {
            try? await handOver.send(.abandon)
            // When the writer failed first, its error says why; otherwise the importer's does.
            do { try await written } catch is ImportAbandoned {}
            throw error
        }
        try await written
    }

    private static func transferValue(_ row: Row, _ index: Int, _ type: TransferColumnType) throws -> TransferValue {
        if row.hasNull(atIndex: index) { return .null }
        switch type {
        case .integer: return .integer(row[index])
        case .real: return .real(row[index])
        case .text: return .text(row[index])
        case .json: return .json(row[index])
        case .bool: return .bool(row[index])
        case .date: return .instant(row[index])
        }
    }

    static func databaseValue(_ value: TransferValue) -> (any DatabaseValueConvertible)? {
        switch value {
        case .null: nil
        case .integer(let number): number
        case .real(let number): number
        case .text(let text): text
        case .bool(let flag): flag
        case .date(let date): date
        }
    }
}

private struct ImportAbandoned: Error {}

private struct SQLiteTransferSink: TransferSink {
    let handOver: BatchHandOver

    func insert(_ table: TransferTable, _ rows: [[TransferValue]]) async throws {
        try await handOver.send(.batch(table, rows))
    }
}

/// Hands batches from the importing task to the writing closure one at a time, the sender waiting until
/// the writer has taken each, so an error in either reaches the other. The importing side suspends (it never blocks a thread
/// of Swift's pool); the writing side waits on GRDB's own writer thread, inside its transaction.
private final class BatchHandOver: Sendable {
    enum Message: Sendable {
        case batch(TransferTable, [[TransferValue]])
        case finish, abandon
    }

    private struct State {
        var message: Message?
        var waiting: CheckedContinuation<Void, any Error>?
        var closed = false
    }

    private let state = Mutex(State())
    /// Signalled once for each message given to the writer.
    private let messageReady = DispatchSemaphore(value: 0)

    /// Gives a message to the writer and suspends until it is taken; fails once the writer has stopped.
    func send(_ next: Message) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let accepted = state.withLock { state in
                guard !state.closed else { return false }
                state.message = next
                state.waiting = continuation
                return true
            }
            if accepted {
                messageReady.signal()
            } else {
                continuation.resume(throwing: CancellationError())
            }
        }
    }

    /// The next message, waiting for it on the writer's thread.
    func receive() -> Message {
        messageReady.wait()
        return state.withLock { state in
            defer { state.message = nil }
            return state.message!
        }
    }

    /// Lets the sender of the message just received go on.
    func reply() {
        let continuation = state.withLock { state in
            defer { state.waiting = nil }
            return state.waiting
        }
        continuation?.resume()
    }

    func close() {
        let continuation = state.withLock { state in
            state.closed = true
            defer { state.waiting = nil }
            return state.waiting
        }
        continuation?.resume(throwing: CancellationError())
    }
}
