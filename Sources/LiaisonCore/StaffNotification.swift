import Foundation

/// Why something reached a staff member's inbox.
public enum NotificationReason: String, Sendable, Hashable, Codable, CaseIterable {
    case mentioned
    case reviewRequested = "review_requested"
    case followUpAssigned = "follow_up_assigned"
    case followUpOverdue = "follow_up_overdue"
    /// A colleague commented on a report one wrote.
    case commented
}

/// One entry of a staff member's inbox: what concerns them, on which record, from whom.
public struct StaffNotification: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var accountId: Int64
    public var reason: NotificationReason
    /// The record it is about (a report, a comment, a follow-up) and its title when the entry was made.
    public var subject: RecordKind
    public var subjectId: Int64
    public var title: String
    /// The colleague whose action made it; nil for reminders.
    public var actorAccountId: Int64?
    public var createdAt: Date
    public var readAt: Date?

    public init(
        id: Int64, accountId: Int64, reason: NotificationReason, subject: RecordKind, subjectId: Int64, title: String,
        actorAccountId: Int64?, createdAt: Date, readAt: Date?
    ) {
        self.id = id
        self.accountId = accountId
        self.reason = reason
        self.subject = subject
        self.subjectId = subjectId
        self.title = title
        self.actorAccountId = actorAccountId
        self.createdAt = createdAt
        self.readAt = readAt
    }
}
