import Foundation
import LiaisonCore

/// Staff accounts, their sessions and API tokens, failed sign-ins, and the audit trail. Secrets are
/// stored only as hashes: the store never sees a password, a session id or a token in clear.
public protocol AccountStore: Sendable {
    /// Creates an account; throws `ValidationError` (field "email", rule "unique") when the address is taken.
    func createAccount(_ input: StaffAccountInput, passwordHash: String, by actor: AuditActor) async throws
        -> StaffAccount

    /// The account with this id, or nil.
    func account(id: Int64) async throws -> StaffAccount?

    /// The account with this (normalized) email and its secrets, or nil.
    func credentials(email: String) async throws -> StaffCredentials?

    /// The account with this id and its secrets, or nil.
    func credentials(accountId: Int64) async throws -> StaffCredentials?

    /// Every account, by name.
    func accounts() async throws -> [StaffAccount]

    /// Applies an admin's change to an account. Disabling an account, or changing its password, ends all
    /// its sessions in the same transaction. Throws `StoreError.notFound`.
    func updateAccount(id: Int64, _ change: AccountChange, by actor: AuditActor) async throws -> StaffAccount

    // MARK: Sessions

    /// Stores a new session.
    func createSession(_ session: StaffSession) async throws

    /// The live session whose id hashes to `tokenHash`, with its account, or nil.
    func session(tokenHash: String) async throws -> (session: StaffSession, account: StaffAccount)?

    /// Records activity on a session, pushing back its idle time-out.
    func touchSession(tokenHash: String, at: Date) async throws

    /// Ends one session; nothing happens when it is already gone.
    func deleteSession(tokenHash: String) async throws

    /// Removes sessions that have timed out; returns how many.
    func deleteExpiredSessions(now: Date) async throws -> Int

    // MARK: API tokens

    /// Stores a personal API token (its hash) and returns its record.
    func createAPIToken(_ token: NewAPIToken, by actor: AuditActor) async throws -> APIToken

    /// The unrevoked token whose secret hashes to `tokenHash`, with its account, or nil. Only reads.
    func apiToken(tokenHash: String) async throws -> (token: APIToken, account: StaffAccount)?

    /// Records when a token was last used (callers do it at most once a minute, not on every request).
    func touchAPIToken(id: Int64, at: Date) async throws

    /// The tokens of one account, newest first.
    func apiTokens(accountId: Int64) async throws -> [APIToken]

    /// Revokes a token of this account; throws `StoreError.notFound` when it has no such token.
    func revokeAPIToken(id: Int64, accountId: Int64, by actor: AuditActor) async throws

    // MARK: Sign-in throttling and one-time codes

    /// Records a failed sign-in under each key (an account's email, a client address).
    func recordSignInFailure(keys: [String], at: Date) async throws

    /// How many failures were recorded under `key` since `since`, and the oldest of them.
    func signInFailures(key: String, since: Date) async throws -> (count: Int, oldest: Date?)

    /// Records that a TOTP code's time step was used, so the same code cannot be used twice.
    /// Returns false when that step was already used by the account.
    func useTOTPStep(accountId: Int64, step: Int64) async throws -> Bool

    // MARK: Workspace settings

    /// The settings admins change in the app.
    func workspaceSettings() async throws -> WorkspaceSettings

    /// Stores new settings, with an audit entry of what changed.
    func updateWorkspaceSettings(_ settings: WorkspaceSettings, by actor: AuditActor) async throws

    // MARK: Audit trail

    /// Writes an event that is not part of a record change (a sign-in, a refused access, an export).
    func recordAudit(_ event: AuditEvent) async throws

    /// The entries matching the query, newest first.
    func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry]
}

/// Settings of the whole workspace that admins change in the app.
public struct WorkspaceSettings: Sendable, Hashable, Codable {
    /// Everyone must set up two-factor sign-in before using anything but their account page.
    public var requireTwoFactor: Bool

    public init(requireTwoFactor: Bool = false) {
        self.requireTwoFactor = requireTwoFactor
    }
}

/// An account with the hashes sign-in checks against.
public struct StaffCredentials: Sendable, Hashable {
    public var account: StaffAccount
    public var passwordHash: String
    /// The shared TOTP secret when two-factor sign-in is set up.
    public var totpSecret: String?

    public init(account: StaffAccount, passwordHash: String, totpSecret: String?) {
        self.account = account
        self.passwordHash = passwordHash
        self.totpSecret = totpSecret
    }
}

/// One change an admin (or the person themselves) makes to an account.
public enum AccountChange: Sendable, Hashable {
    case role(StaffRole)
    case name(String)
    case isDisabled(Bool)
    case passwordHash(String)
    /// Sets (or with nil clears) the TOTP secret.
    case totpSecret(String?)
    /// Sets (or with nil clears) the zone the person works in; the caller has checked it is an IANA zone.
    case timeZone(String?)
}

/// A signed-in browser. `tokenHash` is the SHA-256 of the cookie's random id.
public struct StaffSession: Sendable, Hashable {
    public var tokenHash: String
    public var accountId: Int64
    /// Sent back with every form and cookie-authenticated API call.
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date
    /// Past this, the session ends however active it is.
    public var expiresAt: Date

    public init(
        tokenHash: String, accountId: Int64, csrfToken: String, createdAt: Date, lastSeenAt: Date, expiresAt: Date
    ) {
        self.tokenHash = tokenHash
        self.accountId = accountId
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
    }
}

/// A personal API token about to be stored.
public struct NewAPIToken: Sendable, Hashable {
    public var accountId: Int64
    public var name: String
    public var tokenHash: String
    public var canWrite: Bool

    public init(accountId: Int64, name: String, tokenHash: String, canWrite: Bool) {
        self.accountId = accountId
        self.name = name
        self.tokenHash = tokenHash
        self.canWrite = canWrite
    }
}

/// A personal API token as listed to its owner (never with its secret).
public struct APIToken: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var accountId: Int64
    public var name: String
    public var canWrite: Bool
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(
        id: Int64, accountId: Int64, name: String, canWrite: Bool, createdAt: Date, lastUsedAt: Date?, revokedAt: Date?
    ) {
        self.id = id
        self.accountId = accountId
        self.name = name
        self.canWrite = canWrite
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}

/// A search of the audit trail.
public struct AuditQuery: Sendable, Hashable {
    public var actorAccountId: Int64?
    public var entity: String?
    public var entityId: Int64?
    public var action: AuditAction?
    public var from: Date?
    public var to: Date?
    public var limit: Int

    public init(
        actorAccountId: Int64? = nil, entity: String? = nil, entityId: Int64? = nil, action: AuditAction? = nil,
        from: Date? = nil, to: Date? = nil, limit: Int = 100
    ) {
        self.actorAccountId = actorAccountId
        self.entity = entity
        self.entityId = entityId
        self.action = action
        self.from = from
        self.to = to
        self.limit = limit
    }
}
