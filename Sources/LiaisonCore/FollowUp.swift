import Foundation

/// Where a follow-up stands. Open and waiting ones are still to do; done and dropped ones are closed.
public enum FollowUpStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case open, waiting, done, dropped

    public var isClosed: Bool { self == .done || self == .dropped }
}

public enum FollowUpPriority: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case low, normal, high

    private var rank: Int {
        switch self {
        case .low: 0
        case .normal: 1
        case .high: 2
        }
    }

    public static func < (lhs: FollowUpPriority, rhs: FollowUpPriority) -> Bool { lhs.rank < rhs.rank }
}

/// Something that must happen next, for one member of staff, by a day.
public struct FollowUpInput: Sendable, Hashable, Codable {
    public var title: String
    public var details: String?
    public var assigneeAccountId: Int64?
    /// "YYYY-MM-DD", in the assignee's own calendar.
    public var dueDate: String?
    public var status: FollowUpStatus
    public var priority: FollowUpPriority
    public var organizationIds: [Int64]
    public var personIds: [Int64]
    public var activityId: Int64?
    /// The report it came from.
    public var reportId: Int64?

    public init(
        title: String = "", details: String? = nil, assigneeAccountId: Int64? = nil, dueDate: String? = nil,
        status: FollowUpStatus = .open, priority: FollowUpPriority = .normal, organizationIds: [Int64] = [],
        personIds: [Int64] = [], activityId: Int64? = nil, reportId: Int64? = nil
    ) {
        self.title = title
        self.details = details
        self.assigneeAccountId = assigneeAccountId
        self.dueDate = dueDate
        self.status = status
        self.priority = priority
        self.organizationIds = organizationIds
        self.personIds = personIds
        self.activityId = activityId
        self.reportId = reportId
    }

    enum CodingKeys: String, CodingKey {
        case title, details, assigneeAccountId, dueDate, status, priority, organizationIds, personIds, activityId
        case reportId
    }

    // Everything but the title may be left out of a JSON body.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        details = try c.decodeIfPresent(String.self, forKey: .details)
        assigneeAccountId = try c.decodeIfPresent(Int64.self, forKey: .assigneeAccountId)
        dueDate = try c.decodeIfPresent(String.self, forKey: .dueDate)
        status = try c.decodeIfPresent(FollowUpStatus.self, forKey: .status) ?? .open
        priority = try c.decodeIfPresent(FollowUpPriority.self, forKey: .priority) ?? .normal
        organizationIds = try c.decodeIfPresent([Int64].self, forKey: .organizationIds) ?? []
        personIds = try c.decodeIfPresent([Int64].self, forKey: .personIds) ?? []
        activityId = try c.decodeIfPresent(Int64.self, forKey: .activityId)
        reportId = try c.decodeIfPresent(Int64.self, forKey: .reportId)
    }

    public static let maxLinks = 100

    public func normalized() -> FollowUpInput {
        var copy = self
        copy.title = title.trimmed
        copy.details = details?.trimmed.nilIfEmpty
        copy.dueDate = dueDate?.trimmed.nilIfEmpty
        copy.organizationIds = organizationIds.uniqued()
        copy.personIds = personIds.uniqued()
        return copy
    }

    /// Every rule that needs no database, all broken ones at once. Call it on a `normalized()` input.
    public func validate() throws(ValidationError) {
        var report = ValidationReport()
        report.text(title, field: "title", label: "Title", required: true)
        report.text(details, field: "details", label: "Details", max: 20_000, multiline: true)
        if let dueDate, ICalendar.day(dueDate) == nil {
            report.add("dueDate", "date", "Due date must be a date written YYYY-MM-DD.")
        }
        report.count(organizationIds.count, max: Self.maxLinks, field: "organizationIds", noun: "organizations")
        report.count(personIds.count, max: Self.maxLinks, field: "personIds", noun: "people")
        try report.finish()
    }
}

/// A follow-up as stored.
public struct FollowUp: FlatRecord, Sendable, Hashable, Identifiable {
    public var stamp: RecordStamp
    public var input: FollowUpInput
    public var extras: Extras

    public init(stamp: RecordStamp, input: FollowUpInput, extras: Extras) {
        self.stamp = stamp
        self.input = input
        self.extras = extras
    }

    public init(
        id: Int64, input: FollowUpInput, createdByAccountId: Int64?, taskKey: String?, version: Int, createdAt: Date,
        updatedAt: Date
    ) {
        self.init(
            stamp: RecordStamp(id: id, version: version, createdAt: createdAt, updatedAt: updatedAt), input: input,
            extras: Extras(createdByAccountId: createdByAccountId, taskKey: taskKey))
    }

    public var createdByAccountId: Int64? { extras.createdByAccountId }
    public var taskKey: String? { extras.taskKey }

    /// Still to do and due before `today` ("YYYY-MM-DD").
    public func isOverdue(today: String) -> Bool {
        guard !input.status.isClosed, let due = input.dueDate else { return false }
        return due < today
    }

    /// What the store keeps beside the fields people set.
    public struct Extras: Sendable, Hashable, Codable {
        public var createdByAccountId: Int64?
        /// The words of the task line of its report it was made from (`ReportTask.key`); the two tick together.
        public var taskKey: String?

        public init(createdByAccountId: Int64?, taskKey: String?) {
            self.createdByAccountId = createdByAccountId
            self.taskKey = taskKey
        }
    }
}
