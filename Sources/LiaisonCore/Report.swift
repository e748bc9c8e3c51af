import Foundation

/// Whether colleagues see a report yet: a draft is its authors' own; a shared report is everyone's.
public enum ReportStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case draft, shared
}

/// What a report's mention links to.
public enum MentionKind: String, Sendable, Hashable, Codable, CaseIterable {
    case organization, person
}

/// An organization or a person a report names.
public struct MentionTarget: Sendable, Hashable, Codable, Comparable {
    public var kind: MentionKind
    public var id: Int64

    public init(_ kind: MentionKind, _ id: Int64) {
        self.kind = kind
        self.id = id
    }

    public static func < (lhs: MentionTarget, rhs: MentionTarget) -> Bool {
        (lhs.kind.rawValue, lhs.id) < (rhs.kind.rawValue, rhs.id)
    }
}

/// The fields an author sets on a report; the store adds id, version, time stamps and the links it finds.
public struct ReportInput: Sendable, Hashable, Codable {
    public var title: String
    /// Markdown. A task line (`- [ ] …`) becomes a follow-up when the report is saved.
    public var body: String
    public var status: ReportStatus
    /// Staff who wrote it; empty means the one saving it.
    public var authorAccountIds: [Int64]
    /// Colleagues asked to review it; each is notified once.
    public var reviewerAccountIds: [Int64]
    /// The mission, meeting or event it reports on.
    public var activityId: Int64?
    /// The organization a report on no activity is a note about.
    public var organizationId: Int64?
    /// Links an author added by hand, kept whether or not the text names them.
    public var linksAdded: [MentionTarget]
    /// Links an author removed, never made again from the text.
    public var linksRemoved: [MentionTarget]
    /// What the intake worked out from the text before saving; no author sets it, and JSON leaves it out.
    public var resolved = ReportResolution()

    public init(
        title: String = "", body: String = "", status: ReportStatus = .draft, authorAccountIds: [Int64] = [],
        reviewerAccountIds: [Int64] = [], activityId: Int64? = nil, organizationId: Int64? = nil,
        linksAdded: [MentionTarget] = [], linksRemoved: [MentionTarget] = []
    ) {
        self.title = title
        self.body = body
        self.status = status
        self.authorAccountIds = authorAccountIds
        self.reviewerAccountIds = reviewerAccountIds
        self.activityId = activityId
        self.organizationId = organizationId
        self.linksAdded = linksAdded
        self.linksRemoved = linksRemoved
    }

    enum CodingKeys: String, CodingKey {
        case title, body, status, authorAccountIds, reviewerAccountIds, activityId, organizationId, linksAdded
        case linksRemoved
    }

    // Everything but the title may be left out of a JSON body.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        body = try c.decodeIfPresent(String.self, forKey: .body) ?? ""
        status = try c.decodeIfPresent(ReportStatus.self, forKey: .status) ?? .draft
        authorAccountIds = try c.decodeIfPresent([Int64].self, forKey: .authorAccountIds) ?? []
        reviewerAccountIds = try c.decodeIfPresent([Int64].self, forKey: .reviewerAccountIds) ?? []
        activityId = try c.decodeIfPresent(Int64.self, forKey: .activityId)
        organizationId = try c.decodeIfPresent(Int64.self, forKey: .organizationId)
        linksAdded = try c.decodeIfPresent([MentionTarget].self, forKey: .linksAdded) ?? []
        linksRemoved = try c.decodeIfPresent([MentionTarget].self, forKey: .linksRemoved) ?? []
    }
}

/// What `ReportIntake` works out from a report's text and its context, for the store to write with it:
/// what the text names, whom its `@handles` name, who its task lines are for, who saves it and when.
public struct ReportResolution: Sendable, Hashable {
    /// The organizations and people the text names (before an author's removals and additions).
    public var found: [MentionTarget]
    /// The colleagues the text's `@handles` name.
    public var mentionedAccountIds: [Int64]
    /// The colleague each task line is for, by the task's key.
    public var assignees: [String: Int64]
    public var savedByAccountId: Int64?
    public var savedAt: Date

    public init(
        found: [MentionTarget] = [], mentionedAccountIds: [Int64] = [], assignees: [String: Int64] = [:],
        savedByAccountId: Int64? = nil, savedAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.found = found
        self.mentionedAccountIds = mentionedAccountIds
        self.assignees = assignees
        self.savedByAccountId = savedByAccountId
        self.savedAt = savedAt
    }
}

/// A link from a report to what it names: found in its text, or added by an author.
public struct ReportLink: Sendable, Hashable, Codable {
    public var target: MentionTarget
    /// The organization's or person's name when the report was last saved.
    public var name: String
    /// Found in the text (true) or added by hand (false).
    public var found: Bool

    public init(target: MentionTarget, name: String, found: Bool) {
        self.target = target
        self.name = name
        self.found = found
    }
}

/// A report as stored.
public struct Report: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var input: ReportInput
    /// The activity's title and kind, when the report is on one.
    public var activityTitle: String?
    public var activityKind: ActivityKind?
    /// The organization's name, when the report is a note about one.
    public var organizationName: String?
    /// The authors as they are named now.
    public var authors: [StaffContact]
    public var reviewers: [StaffContact]
    /// What the report links to now: what its text names, less what an author removed, plus what one added.
    public var links: [ReportLink]
    public var createdByAccountId: Int64?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, input: ReportInput, links: [ReportLink], createdByAccountId: Int64?, version: Int,
        createdAt: Date, updatedAt: Date, activityTitle: String? = nil, activityKind: ActivityKind? = nil,
        organizationName: String? = nil, authors: [StaffContact] = [], reviewers: [StaffContact] = []
    ) {
        self.id = id
        self.input = input
        self.activityTitle = activityTitle
        self.activityKind = activityKind
        self.organizationName = organizationName
        self.authors = authors
        self.reviewers = reviewers
        self.links = links
        self.createdByAccountId = createdByAccountId
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
