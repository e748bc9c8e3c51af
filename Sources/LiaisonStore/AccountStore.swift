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
    /// its sessions in the same transaction; disabling it also revokes its API tokens and calendar feeds
    /// (enabling it again brings none back), and so does a password change that asks to. Throws
    /// `StoreError.notFound`.
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

    /// Removes sessions that have timed out, and rate counters untouched for a day; returns how many
    /// sessions went.
    func deleteExpiredSessions(now: Date) async throws -> Int

    /// The live sessions of one account, most recently used first (for an admin ending one of them).
    func sessions(accountId: Int64) async throws -> [StaffSession]

    // MARK: Known devices

    /// The account that signed in before from the browser holding this device secret's hash, or nil.
    func knownDevice(tokenHash: String) async throws -> Int64?

    /// Remembers a browser where the account signed in, so that strangers' failed sign-ins elsewhere do not
    /// shut its owner out there.
    func rememberDevice(tokenHash: String, accountId: Int64, at: Date) async throws

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

    // MARK: Rate limits and one-time codes

    /// Takes one attempt under every key, all or none, in one transaction that holds the keys' counters:
    /// returns the first refusal (and takes nothing), or `.allowed` once every counter has counted it.
    /// Callers take before the costly work, so simultaneous requests never get past a rule.
    func takeAttempts(_ attempts: [RateAttempt], at: Date) async throws -> RateDecision

    /// After the work: forgets the counters under `reset` (a correct password clears its account's count)
    /// and gives back the attempt taken under `refund` (a correct password from a shared address).
    func settleAttempts(reset: [String], refund: [RateAttempt]) async throws

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
    /// The ISO 4217 code of the currency dues are paid in.
    public var currency: String

    public init(requireTwoFactor: Bool = false, currency: String = Currency.standard) {
        self.requireTwoFactor = requireTwoFactor
        self.currency = currency
    }

    enum CodingKeys: String, CodingKey { case requireTwoFactor, currency }

    // Settings written before there was a currency read as the standard one.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        requireTwoFactor = try c.decodeIfPresent(Bool.self, forKey: .requireTwoFactor) ?? false
        currency = try c.decodeIfPresent(String.self, forKey: .currency) ?? Currency.standard
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
    /// A new password; every session ends, and its tokens and feeds are revoked unless told otherwise.
    case passwordHash(String, revokingTokensAndFeeds: Bool = true)
    /// Sets (or with nil clears) the TOTP secret.
    case totpSecret(String?)
    /// Sets (or with nil clears) the zone the person works in; the caller has checked it is an IANA zone.
    case timeZone(String?)
}

extension AccountChange {
    /// A disabled account keeps no way in, even once enabled again; a new password closes the old ways in
    /// unless its owner chose to keep their tokens and feeds.
    public var revokesTokensAndFeeds: Bool {
        switch self {
        case .isDisabled(true): true
        case .passwordHash(_, let revoking): revoking
        default: false
        }
    }
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
    /// Where and on what it was signed in from, as an admin sees it (bounded, control characters removed).
    public var address: String?
    public var device: String?

    public init(
        tokenHash: String, accountId: Int64, csrfToken: String, createdAt: Date, lastSeenAt: Date, expiresAt: Date,
        address: String? = nil, device: String? = nil
    ) {
        self.tokenHash = tokenHash
        self.accountId = accountId
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
        self.address = address.map { AuditText.bounded($0, limit: 64) }
        self.device = device.map { AuditText.bounded($0, limit: 200) }
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
    public static let maxEntityIds = 200
    /// "entity_id IN (?, ...)" for `entityIds`, nil when there are none.
    public var entityIdsCondition: String? {
        entityIds.isEmpty
            ? nil
            : "entity_id IN (" + entityIds.prefix(Self.maxEntityIds).map { _ in "?" }.joined(separator: ", ") + ")"
    }
    public var boundedEntityIds: [Int64] { Array(entityIds.prefix(Self.maxEntityIds)) }
    public var actorAccountId: Int64?
    public var entity: RecordKind?
    public var entityId: Int64?
    /// Any of these records (of `entity`); empty for no such limit. At most `maxEntityIds`.
    public var entityIds: [Int64] = []
    public var action: AuditAction?
    public var from: Date?
    public var to: Date?
    public var limit: Int

    public init(
        actorAccountId: Int64? = nil, entity: RecordKind? = nil, entityId: Int64? = nil, action: AuditAction? = nil,
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
