import Foundation
import LiaisonCore

/// An inbox entry claimed for mailing, and how many times it has been claimed (this time included).
public struct ClaimedNotification: Sendable, Hashable {
    public var notification: StaffNotification
    public var attempts: Int
}

/// A member of staff who may get a digest, with the last day one was sent to them (or given up on).
public struct DigestRecipient: Sendable, Hashable {
    public var accountId: Int64
    public var email: String
    public var name: String
    public var timeZone: String?
    public var lastDay: String?
}

/// What is mailed, stated once for both engines. Each claim is one statement that checks and takes together, so
/// two app servers (or a server and `liaison mail digest`) never mail one thing twice; a claim is a lease: if its
/// server dies before the mail is sent, another takes it once the lease has run out.
public enum MailClaims {
    /// The reasons mailed as they happen; an overdue follow-up waits for the digest.
    public static let mailedReasons: [NotificationReason] = [.mentioned, .reviewRequested, .followUpAssigned]

    /// Claims up to `limit` unread entries made since `since` for enabled accounts, not mailed, not being mailed
    /// and tried fewer than `maxAttempts` times, until `leaseUntil`; returns them.
    public static func claimNotifications(
        now: Date, since: Date, leaseUntil: Date, maxAttempts: Int, limit: Int
    ) -> SQLFragment {
        let reasons = mailedReasons.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return SQLFragment(
            """
            UPDATE notification SET mail_retry_at = ?, mail_attempts = mail_attempts + 1
            WHERE id IN (
                SELECT n.id FROM notification n JOIN account a ON a.id = n.account_id
                WHERE n.mailed_at IS NULL AND n.created_at >= ? AND n.read_at IS NULL AND n.reason IN (\(reasons))
                    AND n.mail_attempts < ? AND (n.mail_retry_at IS NULL OR n.mail_retry_at <= ?) AND a.disabled = ?
                ORDER BY n.id LIMIT ?)
            AND mailed_at IS NULL AND (mail_retry_at IS NULL OR mail_retry_at <= ?)
            RETURNING id, account_id, reason, subject, subject_id, title, actor_account_id, created_at, read_at,
                mail_attempts
            """,
            [
                .date(leaseUntil), .date(since), .integer(maxAttempts), .date(now), .bool(false), .integer(limit),
                .date(now),
            ])
    }

    static func marks(_ ids: [Int64]) -> (String, [SQLBind]) {
        (Array(repeating: "?", count: ids.count).joined(separator: ", "), ids.map { .integer($0) })
    }

    /// Enabled accounts, each with the last day whose digest was sent, found empty or given up on.
    public static func digestRecipients(maxAttempts: Int) -> SQLFragment {
        SQLFragment(
            """
            SELECT a.id, a.email, a.name, a.time_zone,
                (SELECT max(d.day) FROM mail_digest d
                 WHERE d.account_id = a.id AND (d.sent_at IS NOT NULL OR d.attempts >= ?)) AS last_day
            FROM account a WHERE a.disabled = ? ORDER BY a.id
            """, [.integer(maxAttempts), .bool(false)])
    }

    /// Claims the account's digest of `day` until `leaseUntil`: a new row, or one whose last try failed and
    /// whose lease has run out. Returns one row (the account and its tries so far) when this call has it.
    public static func claimDigest(
        accountId: Int64, day: String, now: Date, leaseUntil: Date, maxAttempts: Int
    ) -> SQLFragment {
        SQLFragment(
            """
            INSERT INTO mail_digest (account_id, day, claimed_until, attempts) VALUES (?, ?, ?, 1)
            ON CONFLICT (account_id, day) DO UPDATE
                SET claimed_until = excluded.claimed_until, attempts = mail_digest.attempts + 1
                WHERE mail_digest.sent_at IS NULL AND mail_digest.claimed_until <= ? AND mail_digest.attempts < ?
            RETURNING account_id, attempts
            """, [.integer(accountId), .text(day), .date(leaseUntil), .date(now), .integer(maxAttempts)])
    }
}

extension LiaisonStore {
    /// The entries this call claimed for mailing (none when another server has them, or nothing is waiting).
    public func claimNotificationsToMail(
        now: Date, since: Date, leaseUntil: Date, maxAttempts: Int, limit: Int
    ) async throws -> [ClaimedNotification] {
        try await writeReturning(
            MailClaims.claimNotifications(
                now: now, since: since, leaseUntil: leaseUntil, maxAttempts: maxAttempts, limit: limit)
        ) {
            ClaimedNotification(
                notification: try NotificationRows.notification($0), attempts: try $0.int("mail_attempts") ?? 1)
        }
    }

    /// Records that the entries were mailed.
    public func markNotificationsMailed(ids: [Int64], at: Date) async throws {
        guard !ids.isEmpty else { return }
        let (marks, binds) = MailClaims.marks(ids)
        try await execute([
            SQLFragment(
                "UPDATE notification SET mailed_at = ?, mail_retry_at = NULL WHERE id IN (\(marks))",
                [.date(at)] + binds)
        ])
    }

    /// Leaves the entries for another try after `until`; with `giveUpAt` (the most tries), for good.
    public func deferNotificationMail(ids: [Int64], until: Date, giveUpAt maxAttempts: Int? = nil) async throws {
        guard !ids.isEmpty else { return }
        let (marks, binds) = MailClaims.marks(ids)
        let giveUp = maxAttempts.map { SQLFragment(", mail_attempts = ?", [.integer($0)]) } ?? SQLFragment("")
        try await execute([
            SQLFragment(
                "UPDATE notification SET mail_retry_at = ?\(giveUp.sql) WHERE id IN (\(marks))",
                [.date(until)] + giveUp.binds + binds)
        ])
    }

    /// The enabled accounts that may get a digest, with the day of their last.
    public func digestRecipients(maxAttempts: Int) async throws -> [DigestRecipient] {
        try await fetch(MailClaims.digestRecipients(maxAttempts: maxAttempts)) {
            DigestRecipient(
                accountId: try $0.integer("id") ?? 0, email: try $0.string("email"), name: try $0.string("name"),
                timeZone: try $0.text("time_zone"), lastDay: try $0.text("last_day"))
        }
    }

    /// Whether this call claimed the account's digest of `day`; the number of tries so far when it did.
    public func claimDigest(
        accountId: Int64, day: String, now: Date, leaseUntil: Date, maxAttempts: Int
    ) async throws -> Int? {
        try await writeReturning(
            MailClaims.claimDigest(
                accountId: accountId, day: day, now: now, leaseUntil: leaseUntil, maxAttempts: maxAttempts)
        ) { try $0.int("attempts") ?? 1 }.first
    }

    /// Records the account's digest of `day` as sent, with how many follow-ups it listed (0: none was due).
    public func finishDigest(accountId: Int64, day: String, items: Int, at: Date) async throws {
        try await execute([
            SQLFragment(
                "UPDATE mail_digest SET sent_at = ?, items = ? WHERE account_id = ? AND day = ?",
                [.date(at), .integer(items), .integer(accountId), .text(day)])
        ])
    }

    /// Leaves the account's digest of `day` for another try after `until`.
    public func deferDigest(accountId: Int64, day: String, until: Date) async throws {
        try await execute([
            SQLFragment(
                "UPDATE mail_digest SET claimed_until = ? WHERE account_id = ? AND day = ? AND sent_at IS NULL",
                [.date(until), .integer(accountId), .text(day)])
        ])
    }

    /// Forgets the digests of days before `day`: the table holds a few weeks, whatever the age of the workspace.
    public func pruneDigests(before day: String) async throws {
        try await execute([SQLFragment("DELETE FROM mail_digest WHERE day < ?", [.text(day)])])
    }
}
