import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

/// Rate counters, known devices and the session list. SQLite has one writer at a time, so reading and
/// writing the counters inside one write transaction is enough to hold them.
extension SQLiteStore {
    public func takeAttempts(_ attempts: [RateAttempt], at now: Date) async throws -> RateDecision {
        try await write { db in
            let counters = try Self.rateCounters(db, keys: attempts.map(\.key))
            let (decision, updates) = RateLimits.take(attempts, counters: counters, at: now)
            try Self.store(updates, db)
            return decision
        }
    }

    public func settleAttempts(reset: [String], refund: [RateAttempt]) async throws {
        try await write { db in
            for key in reset {
                try db.execute(sql: "DELETE FROM rate_counter WHERE key = ?", arguments: [key])
            }
            let counters = try Self.rateCounters(db, keys: refund.map(\.key))
            try Self.store(RateLimits.refund(refund, counters: counters), db)
        }
    }

    public func knownDevice(tokenHash: String) async throws -> Int64? {
        try await read { db in
            try Int64.fetchOne(
                db, sql: "SELECT account_id FROM known_device WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    public func rememberDevice(tokenHash: String, accountId: Int64, at: Date) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO known_device (token_hash, account_id, created_at, last_used_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (token_hash) DO UPDATE SET account_id = excluded.account_id, last_used_at = excluded.last_used_at
                    """,
                arguments: [tokenHash, accountId, at, at])
        }
    }

    private static func rateCounters(_ db: Database, keys: [String]) throws -> [String: RateCounter] {
        var counters: [String: RateCounter] = [:]
        for key in RateLimits.lockOrder(keys) {
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM rate_counter WHERE key = ?", arguments: [key]) {
                counters[key] = RateCounter(
                    count: row["count"], since: row["since"], blockedUntil: row["blocked_until"])
            }
        }
        return counters
    }

    private static func store(_ updates: [String: RateCounter], _ db: Database) throws {
        for (key, counter) in updates {
            try db.execute(
                sql: """
                    INSERT INTO rate_counter (key, count, since, blocked_until) VALUES (?, ?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET count = excluded.count, since = excluded.since,
                        blocked_until = excluded.blocked_until
                    """,
                arguments: [key, counter.count, counter.since, counter.blockedUntil])
        }
    }
}
