import Foundation

/// Where a prospect stands on its way to membership. Declined stands beside the way forward, not on it.
public enum PipelineStage: String, Sendable, Hashable, Codable, CaseIterable {
    case identified, contacted, met
    case intentExpressed = "intent_expressed"
    case applied, joined, declined

    /// The way forward, in order. A prospect may skip a step or step back; each move is kept.
    public static let forward: [PipelineStage] = [.identified, .contacted, .met, .intentExpressed, .applied, .joined]

    /// Its place on the board, declined last.
    public var position: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// The next step forward; nil for joined and declined.
    public var next: PipelineStage? {
        guard let index = Self.forward.firstIndex(of: self), index + 1 < Self.forward.count else { return nil }
        return Self.forward[index + 1]
    }

    /// Joined and declined end the way.
    public var isClosed: Bool { self == .joined || self == .declined }
}

/// An organization in the membership pipeline: its stage and what should happen next, by whom and by when.
public struct ProspectInput: Sendable, Hashable, Codable {
    public var organizationId: Int64
    public var stage: PipelineStage
    /// The member of staff who carries it.
    public var ownerAccountId: Int64?
    /// "YYYY-MM-DD": when it should join by.
    public var targetDate: String?
    /// The activity it should join by ("before the Congress").
    public var targetActivityId: Int64?
    /// How likely it is to join, in percent.
    public var likelihood: Int?
    public var nextStep: String?
    /// The note kept with the change of stage this write makes, if it makes one; not a field of the prospect.
    public var stageNote: String?
    /// The activity where the change of stage happened, kept with it.
    public var stageActivityId: Int64?
    /// The day the new stage was reached ("YYYY-MM-DD"); today when left out.
    public var stageDate: String?

    public init(
        organizationId: Int64 = 0, stage: PipelineStage = .identified, ownerAccountId: Int64? = nil,
        targetDate: String? = nil, targetActivityId: Int64? = nil, likelihood: Int? = nil, nextStep: String? = nil,
        stageNote: String? = nil, stageActivityId: Int64? = nil, stageDate: String? = nil
    ) {
        self.organizationId = organizationId
        self.stage = stage
        self.ownerAccountId = ownerAccountId
        self.targetDate = targetDate
        self.targetActivityId = targetActivityId
        self.likelihood = likelihood
        self.nextStep = nextStep
        self.stageNote = stageNote
        self.stageActivityId = stageActivityId
        self.stageDate = stageDate
    }

    enum CodingKeys: String, CodingKey {
        case organizationId, stage, ownerAccountId, targetDate, targetActivityId, likelihood, nextStep, stageNote
        case stageActivityId, stageDate
    }

    // Everything but the organization may be left out of a JSON body.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        organizationId = try c.decodeIfPresent(Int64.self, forKey: .organizationId) ?? 0
        stage = try c.decodeIfPresent(PipelineStage.self, forKey: .stage) ?? .identified
        ownerAccountId = try c.decodeIfPresent(Int64.self, forKey: .ownerAccountId)
        targetDate = try c.decodeIfPresent(String.self, forKey: .targetDate)
        targetActivityId = try c.decodeIfPresent(Int64.self, forKey: .targetActivityId)
        likelihood = try c.decodeIfPresent(Int.self, forKey: .likelihood)
        nextStep = try c.decodeIfPresent(String.self, forKey: .nextStep)
        stageNote = try c.decodeIfPresent(String.self, forKey: .stageNote)
        stageActivityId = try c.decodeIfPresent(Int64.self, forKey: .stageActivityId)
        stageDate = try c.decodeIfPresent(String.self, forKey: .stageDate)
    }

    public func normalized() -> ProspectInput {
        var copy = self
        copy.targetDate = targetDate?.trimmed.nilIfEmpty
        copy.nextStep = nextStep?.trimmed.nilIfEmpty
        copy.stageNote = stageNote?.trimmed.nilIfEmpty
        copy.stageDate = stageDate?.trimmed.nilIfEmpty
        return copy
    }

    /// Every rule that needs no database, all broken ones at once. Call it on a `normalized()` input;
    /// `today` ("YYYY-MM-DD") bounds the day a stage was reached.
    public func validate(today: String) throws(ValidationError) {
        var report = ValidationReport()
        if organizationId <= 0 {
            report.add("organizationId", "required", "Organization is required.")
        }
        if let targetDate, ICalendar.day(targetDate) == nil {
            report.add("targetDate", "date", "Target date must be a date written YYYY-MM-DD.")
        }
        if let likelihood, !(0...100).contains(likelihood) {
            report.add("likelihood", "range", "Likelihood must be a percentage from 0 to 100.")
        }
        report.text(nextStep, field: "nextStep", label: "Next step", max: 500)
        report.text(stageNote, field: "stageNote", label: "Note", max: 2_000, multiline: true)
        if let stageDate {
            // A day of slack: the server's today may still be the viewer's yesterday.
            if let day = ICalendar.day(stageDate) {
                if let today = ICalendar.day(today), day > today + 1 {
                    report.add("stageDate", "not_future", "The day the stage was reached cannot be in the future.")
                }
            } else {
                report.add("stageDate", "date", "The day the stage was reached must be a date written YYYY-MM-DD.")
            }
        }
        try report.finish()
    }
}

/// One move of a prospect from a stage to another, as kept: when, by whom, why and where.
public struct StageChange: Sendable, Hashable, Codable {
    /// Nil for the stage it entered the pipeline at.
    public var from: PipelineStage?
    public var to: PipelineStage
    /// "YYYY-MM-DD": the day the stage was reached.
    public var day: String
    public var at: Date
    public var accountId: Int64?
    public var accountName: String
    public var note: String?
    public var activityId: Int64?

    public init(
        from: PipelineStage?, to: PipelineStage, day: String, at: Date, accountId: Int64?, accountName: String,
        note: String?, activityId: Int64?
    ) {
        self.from = from
        self.to = to
        self.day = day
        self.at = at
        self.accountId = accountId
        self.accountName = accountName
        self.note = note
        self.activityId = activityId
    }
}

/// A prospect as stored, with the way it came, oldest move first.
public struct Prospect: FlatRecord, Sendable, Hashable, Identifiable {
    public var stamp: RecordStamp
    public var input: ProspectInput
    public var extras: Extras

    public init(stamp: RecordStamp, input: ProspectInput, extras: Extras) {
        self.stamp = stamp
        self.input = input
        self.extras = extras
    }

    public init(
        id: Int64, input: ProspectInput, organizationName: String, stageSince: String, history: [StageChange],
        version: Int, createdAt: Date, updatedAt: Date
    ) {
        self.init(
            stamp: RecordStamp(id: id, version: version, createdAt: createdAt, updatedAt: updatedAt), input: input,
            extras: Extras(organizationName: organizationName, stageSince: stageSince, history: history))
    }

    public var organizationName: String { extras.organizationName }
    public var stageSince: String { extras.stageSince }
    public var history: [StageChange] { extras.history }

    /// What the store fills in on reading.
    public struct Extras: Sendable, Hashable, Codable {
        /// The organization's name as read with it.
        public var organizationName: String
        /// "YYYY-MM-DD": the day it reached its stage.
        public var stageSince: String
        public var history: [StageChange]

        public init(organizationName: String, stageSince: String, history: [StageChange]) {
            self.organizationName = organizationName
            self.stageSince = stageSince
            self.history = history
        }
    }
}
