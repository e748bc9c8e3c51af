import Foundation
import LiaisonCore
import LiaisonMail
import LiaisonStore
import Logging

/// What the mail service needs beyond the transport: the sender, the public address for links, and when
/// digests go.
public struct MailSettings: Sendable {
    public var from: MailAddress
    /// `https://liaison.example.org`; nil when unknown (the mail then shows paths).
    public var publicURL: String?
    /// The local hour (0–23) from which each member of staff's digest goes, in their own zone; nil for none
    /// (an administrator sends them with `liaison mail digest`).
    public var digestHour: Int?
    /// The zone of staff who have not chosen one.
    public var defaultZone: TimeZone = .current
    /// How often new inbox entries are looked for.
    public var pollInterval: Duration = .seconds(5)

    public init(from: MailAddress, publicURL: String?, digestHour: Int?) {
        self.from = from
        self.publicURL = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.digestHour = digestHour
    }
}

/// What a round of digests did.
public struct DigestOutcome: Sendable, Hashable {
    public var sent: [String] = []
    public var failed: [String] = []
    /// Accounts whose digest of the day was already sent (or found empty) elsewhere.
    public var already = 0
}

/// Mails inbox entries soon after they are made and each member of staff's daily digest, in the background of
/// the server; never blocks a request. Every mail is claimed in the database first (see `MailClaims`), so several
/// app servers and the `liaison mail` commands send each at most once; a failure is logged and tried again later
/// (after 1, 5, 15 and 60 minutes), and an entry older than a day is no longer mailed.
public struct MailService: Sendable {
    let store: any LiaisonStore
    let transport: any MailTransport
    let settings: MailSettings
    let composer: MailComposer
    let logger: Logger

    static let maxAttempts = 5
    static let lease: TimeInterval = 10 * 60
    static let batch = 100

    public init(
        store: any LiaisonStore, transport: any MailTransport, settings: MailSettings, logger: Logger,
        resources: URL = WebSettings.bundledResources
    ) throws {
        self.store = store
        self.transport = transport
        self.settings = settings
        self.logger = logger
        composer = MailComposer(
            strings: try PageRenderer(resources: resources).strings, from: settings.from,
            publicURL: settings.publicURL)
    }

    /// Runs until cancelled: new entries every `pollInterval`, digests every minute. A failing round is logged
    /// and the next one tries again.
    public func run() async {
        logger.info("Mail goes through \(transport.destination) from \(settings.from.address).")
        var lastDigestRound = ContinuousClock.now - .seconds(60)
        while !Task.isCancelled {
            do {
                _ = try await sendNotifications()
                if settings.digestHour != nil, ContinuousClock.now - lastDigestRound >= .seconds(60) {
                    lastDigestRound = .now
                    _ = try await sendDueDigests()
                }
            } catch is CancellationError {
                return
            } catch {
                logger.error("Mail: \(error)")
            }
            try? await Task.sleep(for: settings.pollInterval)
        }
    }

    // MARK: Inbox entries

    /// Mails the entries waiting, one message per person; returns how many entries went.
    public func sendNotifications(now: Date = Date()) async throws -> Int {
        let claimed = try await store.claimNotificationsToMail(
            now: now, since: now.addingTimeInterval(-24 * 3600), leaseUntil: now.addingTimeInterval(Self.lease),
            maxAttempts: Self.maxAttempts, limit: Self.batch)
        guard !claimed.isEmpty else { return 0 }
        let byAccount = Dictionary(grouping: claimed, by: \.notification.accountId)
        var actors: [Int64: String] = [:]
        for id in Set(claimed.compactMap(\.notification.actorAccountId)) {
            actors[id] = try await store.account(id: id)?.name
        }
        var messages: [(message: MailMessage, entries: [ClaimedNotification])] = []
        var unmailable: [Int64] = []
        for (accountId, entries) in byAccount.sorted(by: { $0.key < $1.key }) {
            let ordered = entries.sorted { $0.notification.id < $1.notification.id }
            guard let account = try await store.account(id: accountId), !account.disabled,
                let message = composer.notifications(
                    ordered.map(\.notification), to: account, actors: actors, now: now)
            else {
                unmailable += ordered.map(\.notification.id)
                continue
            }
            messages.append((message, ordered))
        }
        try await store.deferNotificationMail(ids: unmailable, until: now, giveUpAt: Self.maxAttempts)
        guard !messages.isEmpty else { return 0 }
        let outcomes: [SMTPError?]
        do {
            outcomes = try await transport.send(messages.map(\.message), logger: logger)
        } catch {
            logger.warning("Mail of \(claimed.count) inbox entries not sent, to be tried again: \(error)")
            for (_, entries) in messages { try await retryLater(entries, now: now, permanent: false) }
            return 0
        }
        var sent = 0
        for ((message, entries), outcome) in zip(messages, outcomes) {
            if let outcome {
                try await retryLater(entries, now: now, permanent: outcome.isPermanent)
            } else {
                try await store.markNotificationsMailed(ids: entries.map(\.notification.id), at: Date.storedNow())
                logger.info("Mailed \(entries.count) inbox entries to \(message.to.address).")
                sent += entries.count
            }
        }
        return sent
    }

    private func retryLater(_ entries: [ClaimedNotification], now: Date, permanent: Bool) async throws {
        let attempts = entries.map(\.attempts).max() ?? 1
        try await store.deferNotificationMail(
            ids: entries.map(\.notification.id), until: now.addingTimeInterval(Self.backoff(attempts: attempts)),
            giveUpAt: permanent ? Self.maxAttempts : nil)
    }

    /// The wait before the next try, after `attempts` tries.
    static func backoff(attempts: Int) -> TimeInterval {
        [60, 5 * 60, 15 * 60, 60 * 60][min(max(attempts, 1), 4) - 1]
    }

    // MARK: Digests

    /// Sends the digest of every member of staff for whom the configured hour has come today in their zone and
    /// who has not had today's. Also forgets digests older than 40 days.
    public func sendDueDigests(now: Date = Date()) async throws -> DigestOutcome {
        guard let hour = settings.digestHour else { return DigestOutcome() }
        var outcome = DigestOutcome()
        for recipient in try await store.digestRecipients(maxAttempts: Self.maxAttempts) {
            let (day, localHour) = Self.localDay(now, zone: zone(of: recipient))
            guard localHour >= hour, (recipient.lastDay ?? "") < day else { continue }
            try await sendDigest(to: recipient, day: day, now: now, into: &outcome)
        }
        try await store.pruneDigests(before: Self.localDay(now.addingTimeInterval(-40 * 86400), zone: .utc).day)
        return outcome
    }

    /// Sends the digest of `day` ("YYYY-MM-DD") to every member of staff with follow-ups due that day or overdue,
    /// unless it was sent already: what `liaison mail digest` does.
    public func sendDigests(day: String, now: Date = Date()) async throws -> DigestOutcome {
        var outcome = DigestOutcome()
        for recipient in try await store.digestRecipients(maxAttempts: Self.maxAttempts) {
            try await sendDigest(to: recipient, day: day, now: now, into: &outcome)
        }
        return outcome
    }

    private func sendDigest(to recipient: DigestRecipient, day: String, now: Date, into outcome: inout DigestOutcome)
        async throws
    {
        guard
            let attempts = try await store.claimDigest(
                accountId: recipient.accountId, day: day, now: now, leaseUntil: now.addingTimeInterval(Self.lease),
                maxAttempts: Self.maxAttempts)
        else {
            outcome.already += 1
            return
        }
        let items = try await store.listFollowUps(
            FollowUpQuery(assigneeAccountId: recipient.accountId, dueBy: day, limit: FollowUpQuery.maxLimit))
        guard !items.isEmpty, let message = composer.digest(items, to: recipient, day: day, now: now) else {
            try await store.finishDigest(accountId: recipient.accountId, day: day, items: 0, at: Date.storedNow())
            return
        }
        let failure: SMTPError?
        do throws(SMTPError) {
            failure = try await transport.send([message], logger: logger).first ?? nil
        } catch {
            failure = error
        }
        if let failure {
            logger.warning("Digest of \(day) to \(recipient.email) not sent, to be tried again: \(failure)")
            try await store.deferDigest(
                accountId: recipient.accountId, day: day,
                until: now.addingTimeInterval(Self.backoff(attempts: failure.isPermanent ? 4 : attempts)))
            outcome.failed.append(recipient.email)
        } else {
            try await store.finishDigest(
                accountId: recipient.accountId, day: day, items: items.count, at: Date.storedNow())
            logger.info("Mailed the digest of \(day) (\(items.count) follow-ups) to \(recipient.email).")
            outcome.sent.append(recipient.email)
        }
    }

    private func zone(of recipient: DigestRecipient) -> TimeZone {
        recipient.timeZone.flatMap(ActivityTime.zone(named:)) ?? settings.defaultZone
    }

    /// The day ("YYYY-MM-DD") and hour at `now` in `zone`.
    static func localDay(_ now: Date, zone: TimeZone) -> (day: String, hour: Int) {
        let parts = ActivityTime.calendar(zone).dateComponents([.year, .month, .day, .hour], from: now)
        return (
            String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0), parts.hour ?? 0
        )
    }

    /// Today ("YYYY-MM-DD") in `zone`.
    public static func today(zone: TimeZone, now: Date = Date()) -> String { localDay(now, zone: zone).day }

    // MARK: Test message

    /// Sends the test message to `address` at once; throws why it could not.
    public static func sendTest(
        to address: MailAddress, transport: any MailTransport, settings: MailSettings, logger: Logger,
        resources: URL = WebSettings.bundledResources, now: Date = Date()
    ) async throws {
        let composer = MailComposer(
            strings: try PageRenderer(resources: resources).strings, from: settings.from,
            publicURL: settings.publicURL)
        let message = composer.test(to: address, through: transport.destination, now: now)
        if let failure = try await transport.send([message], logger: logger).first ?? nil {
            throw failure
        }
    }
}
