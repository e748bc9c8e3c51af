import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

extension SQLiteStore {
    public func createAccount(_ input: StaffAccountInput, passwordHash: String, by actor: AuditActor) async throws
        -> StaffAccount
    {
        try await write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE email = ?", arguments: [input.email]) == true {
                throw ValidationError(
                    field: "email", rule: "unique", message: "An account already uses \(input.email).")
            }
            let now = Self.now()
            try db.execute(
                sql: """
                    INSERT INTO account (email, name, role, password_hash, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [input.email, input.name, input.role.rawValue, passwordHash, now, now])
            let account = try Self.loadAccount(db, id: db.lastInsertedRowID)!
            try Self.appendAudit(
                db,
                AuditEvent(
                    actor: actor, action: .create, entity: .account, entityId: account.id,
                    summary: "\(account.name) <\(account.email)>", changes: AuditDiff.changes(from: nil, to: input)))
            return account
        }
    }

    public func account(id: Int64) async throws -> StaffAccount? {
        try await read { db in try Self.loadAccount(db, id: id) }
    }

    public func credentials(email: String) async throws -> StaffCredentials? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE email = ?", arguments: [email.lowercased()])
                .map(Self.credentials(row:))
        }
    }

    public func credentials(accountId: Int64) async throws -> StaffCredentials? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [accountId])
                .map(Self.credentials(row:))
        }
    }

    // MARK: - Sessions

    public func createSession(_ session: StaffSession) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO session (token_hash, account_id, csrf_token, created_at, last_seen_at, expires_at,
                        address, device)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    session.tokenHash, session.accountId, session.csrfToken, session.createdAt, session.lastSeenAt,
                    session.expiresAt, session.address, session.device,
                ])
        }
    }

    public func touchSession(tokenHash: String, at: Date) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE session SET last_seen_at = ? WHERE token_hash = ?", arguments: [at, tokenHash])
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM session WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    public func deleteExpiredSessions(now: Date) async throws -> Int {
        try await write { db in
            try db.execute(sql: "DELETE FROM session WHERE expires_at <= ?", arguments: [now])
            let sessions = db.changesCount
            try db.execute(
                sql: "DELETE FROM rate_counter WHERE since < ? AND (blocked_until IS NULL OR blocked_until < ?)",
                arguments: [now.addingTimeInterval(-RateLimits.retention), now])
            return sessions
        }
    }

    // MARK: - API tokens

    public func createAPIToken(_ token: NewAPIToken, by actor: AuditActor) async throws -> APIToken {
        try await write { db in
            try db.execute(
                sql:
                    "INSERT INTO api_token (account_id, name, token_hash, can_write, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [token.accountId, token.name, token.tokenHash, token.canWrite, Self.now()])
            let id = db.lastInsertedRowID
            try Self.appendAudit(
                db,
                AuditEvent(
                    actor: actor, action: .accountChange, entity: .apiToken, entityId: id,
                    summary: "API token \"\(token.name)\" created (\(token.canWrite ? "read-write" : "read-only"))"))
            return try Self.loadToken(db, sql: "id = ?", id)!
        }
    }

    public func apiToken(tokenHash: String) async throws -> (token: APIToken, account: StaffAccount)? {
        try await read { db in
            guard let token = try Self.loadToken(db, sql: "token_hash = ? AND revoked_at IS NULL", tokenHash),
                let account = try Self.loadAccount(db, id: token.accountId)
            else { return nil }
            return (token, account)
        }
    }

    public func touchAPIToken(id: Int64, at: Date) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE api_token SET last_used_at = ? WHERE id = ?", arguments: [at, id])
        }
    }

    public func apiTokens(accountId: Int64) async throws -> [APIToken] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM api_token WHERE account_id = ? ORDER BY id DESC", arguments: [accountId]
            ).map(Self.token(row:))
        }
    }

    // MARK: - One-time codes

    public func useTOTPStep(accountId: Int64, step: Int64) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO totp_use (account_id, step) VALUES (?, ?)", arguments: [accountId, step])
            return db.changesCount == 1
        }
    }

    // MARK: - Rows

    static func loadAccount(_ db: Database, id: Int64) throws -> StaffAccount? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM account WHERE id = ?"), arguments: [id]).map(
            account(row:))
    }

    static func account(row: Row) throws -> StaffAccount { try StaffAccount(row: row) }

    private static func credentials(row: Row) throws -> StaffCredentials {
        StaffCredentials(
            account: try account(row: row), passwordHash: row["password_hash"], totpSecret: row["totp_secret"])
    }

    private static func loadToken(_ db: Database, sql condition: String, _ values: any DatabaseValueConvertible...)
        throws -> APIToken?
    {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM api_token WHERE \(condition)"), arguments: StatementArguments(values)
        )
        .map(token(row:))
    }

    private static func token(row: Row) -> APIToken {
        APIToken(
            id: row["id"], accountId: row["account_id"], name: row["name"], canWrite: row["can_write"],
            createdAt: row["created_at"], lastUsedAt: row["last_used_at"], revokedAt: row["revoked_at"])
    }
}
