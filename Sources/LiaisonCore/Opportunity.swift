import Foundation

/// What a member is offered to take part in (the "Clearing House").
public enum OpportunityKind: String, Sendable, Hashable, Codable, CaseIterable {
    case callForProjects = "call_for_projects"
    case training
    case peerExchange = "peer_exchange"
    case speakingSlot = "speaking_slot"
    case other
}

/// Where an invitation to an opportunity stands.
public enum InvitationAnswer: String, Sendable, Hashable, Codable, CaseIterable {
    case invited, interested, applied, selected, declined
}

/// An organization invited to an opportunity, and its answer.
public struct OpportunityInvitation: Sendable, Hashable, Codable {
    public var organizationId: Int64
    public var answer: InvitationAnswer
    /// "YYYY-MM-DD".
    public var sentOn: String?

    public init(organizationId: Int64, answer: InvitationAnswer = .invited, sentOn: String? = nil) {
        self.organizationId = organizationId
        self.answer = answer
        self.sentOn = sentOn
    }

    enum CodingKeys: String, CodingKey { case organizationId, answer, sentOn }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        organizationId = try c.decode(Int64.self, forKey: .organizationId)
        answer = try c.decodeIfPresent(InvitationAnswer.self, forKey: .answer) ?? .invited
        sentOn = try c.decodeIfPresent(String.self, forKey: .sentOn)
    }
}

/// A call for projects, a training, a peer exchange or a speaking slot: its theme, deadline and who may take
/// part, and the organizations invited with their answers.
public struct OpportunityInput: Sendable, Hashable, Codable {
    public var title: String
    public var kind: OpportunityKind
    public var theme: String?
    /// "YYYY-MM-DD".
    public var deadline: String?
    public var eligibility: String?
    public var description: String?
    /// The activity it belongs to (a speaking slot at the Congress).
    public var activityId: Int64?
    public var invitations: [OpportunityInvitation]

    public static let maxInvitations = 5_000

    public init(
        title: String = "", kind: OpportunityKind = .callForProjects, theme: String? = nil, deadline: String? = nil,
        eligibility: String? = nil, description: String? = nil, activityId: Int64? = nil,
        invitations: [OpportunityInvitation] = []
    ) {
        self.title = title
        self.kind = kind
        self.theme = theme
        self.deadline = deadline
        self.eligibility = eligibility
        self.description = description
        self.activityId = activityId
        self.invitations = invitations
    }

    enum CodingKeys: String, CodingKey {
        case title, kind, theme, deadline, eligibility, description, activityId, invitations
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        kind = try c.decodeIfPresent(OpportunityKind.self, forKey: .kind) ?? .callForProjects
        theme = try c.decodeIfPresent(String.self, forKey: .theme)
        deadline = try c.decodeIfPresent(String.self, forKey: .deadline)
        eligibility = try c.decodeIfPresent(String.self, forKey: .eligibility)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        activityId = try c.decodeIfPresent(Int64.self, forKey: .activityId)
        invitations = try c.decodeIfPresent([OpportunityInvitation].self, forKey: .invitations) ?? []
    }

    public func normalized() -> OpportunityInput {
        var copy = self
        copy.title = title.trimmed
        copy.theme = theme?.trimmed.nilIfEmpty
        copy.deadline = deadline?.trimmed.nilIfEmpty
        copy.eligibility = eligibility?.trimmed.nilIfEmpty
        copy.description = description?.trimmed.nilIfEmpty
        copy.invitations = invitations.map { invitation in
            var invitation = invitation
            invitation.sentOn = invitation.sentOn?.trimmed.nilIfEmpty
            return invitation
        }
        return copy
    }

    public func validate() throws(ValidationError) {
        var report = ValidationReport()
        report.text(title, field: "title", label: "Title", required: true)
        report.text(theme, field: "theme", label: "Theme", max: 100)
        if let deadline, ICalendar.day(deadline) == nil {
            report.add("deadline", "date", "Deadline must be a date written YYYY-MM-DD.")
        }
        report.text(eligibility, field: "eligibility", label: "Eligibility", max: 2_000, multiline: true)
        report.text(description, field: "description", label: "Description", max: 10_000, multiline: true)
        report.count(invitations.count, max: Self.maxInvitations, field: "invitations", noun: "invitations")
        var seen = Set<Int64>()
        for (index, invitation) in invitations.enumerated() {
            if !seen.insert(invitation.organizationId).inserted {
                report.add("invitations[\(index)].organizationId", "unique", "An organization is invited once.")
            }
            if let day = invitation.sentOn, ICalendar.day(day) == nil {
                report.add(
                    "invitations[\(index)].sentOn", "date", "The day it was sent must be a date written YYYY-MM-DD.")
            }
        }
        try report.finish()
    }
}

/// An opportunity as stored.
public struct Opportunity: FlatRecord, Sendable, Hashable, Identifiable {
    public var stamp: RecordStamp
    public var input: OpportunityInput

    public init(stamp: RecordStamp, input: OpportunityInput, extras _: NoExtras) {
        self.stamp = stamp
        self.input = input
    }
}
