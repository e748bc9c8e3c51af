import Foundation

/// One thing the team should know about a member, with what it weighs in the knowledge coverage score and the
/// action that fills the gap. The weights add up to 100 and are shown on the page as they are here.
public enum CoverageCheck: String, Sendable, Hashable, Codable, CaseIterable {
    case people
    case channel
    case focalPoint = "focal_point"
    case recentInteraction = "recent_interaction"
    case followUps = "follow_ups"
    case population
    case coordinates
    case website
    case nativeName = "native_name"
    case governanceRoles = "governance_roles"
    case practices

    /// Points out of 100. Knowing people and talking to them weigh most: a profile alone is not knowledge.
    public var weight: Int {
        switch self {
        case .people: 20
        case .channel, .focalPoint, .recentInteraction: 15
        case .followUps, .population, .coordinates, .website, .nativeName, .governanceRoles, .practices: 5
        }
    }

    /// What fills the gap.
    public var fix: CoverageFix {
        switch self {
        case .people: .addPerson
        case .channel: .addChannel
        case .focalPoint: .assignFocalPoint
        case .recentInteraction: .planCall
        case .followUps: .reviewFollowUps
        case .population, .coordinates, .website, .nativeName, .governanceRoles, .practices: .editProfile
        }
    }
}

/// The one-click way to fill a gap.
public enum CoverageFix: String, Sendable, Hashable, Codable, CaseIterable {
    case addPerson = "add_person"
    case addChannel = "add_channel"
    case assignFocalPoint = "assign_focal_point"
    case planCall = "plan_call"
    case reviewFollowUps = "review_follow_ups"
    case editProfile = "edit_profile"
}

/// What the records say about one organization, gathered by the store for the coverage rule.
public struct CoverageFacts: Sendable, Hashable, Codable {
    public var hasPopulation = false
    public var hasCoordinates = false
    public var hasWebsite = false
    public var hasNativeName = false
    public var governanceRoles = 0
    public var practices = 0
    /// People holding a current position (no end date) at the organization.
    public var people = 0
    /// Channels (email, phone, WeChat …) of those people.
    public var channels = 0
    /// The member of staff who holds one of those channels, when one is recorded.
    public var channelHolder: String?
    /// The focal point on the staff (an account's name, or the name typed on the profile).
    public var focalPoint: String?
    /// The last day (YYYY-MM-DD) of an activity it took part in, or of a report that mentions it.
    public var lastInteraction: String?
    /// The earliest due day of its open or waiting follow-ups.
    public var earliestOpenDue: String?

    public init() {}
}

/// One line of the checklist.
public struct CoverageItem: Sendable, Hashable, Codable {
    public var check: CoverageCheck
    public var met: Bool
    public var weight: Int
    public var fix: CoverageFix

    public init(check: CoverageCheck, met: Bool) {
        self.check = check
        self.met = met
        self.weight = check.weight
        self.fix = check.fix
    }
}

/// An organization's knowledge coverage on one day: the score, the checklist, and when it must be looked at
/// again even if nothing is written (an interaction ages past twelve months, a follow-up falls due).
public struct Coverage: Sendable, Hashable, Codable {
    public var score: Int
    public var items: [CoverageItem]
    /// The first day on which a check that depends on the date changes, nil when none will.
    public var recheckOn: String?

    /// The checks not met, the heaviest first: the first is the biggest missing piece.
    public var missing: [CoverageCheck] {
        items.filter { !$0.met }.sorted { $0.weight > $1.weight }.map(\.check)
    }

    /// How long ago an interaction still counts.
    public static let interactionWindowMonths = 12

    /// The rule: each check met adds its weight. `today` is a day as YYYY-MM-DD.
    public static func evaluate(_ facts: CoverageFacts, today: String) -> Coverage {
        let cutoff = CoverageDays.adding(months: -interactionWindowMonths, to: today)
        let recent = facts.lastInteraction.map { $0 >= cutoff } ?? false
        let nothingOverdue = facts.earliestOpenDue.map { $0 >= today } ?? true
        let met: [CoverageCheck: Bool] = [
            .people: facts.people > 0,
            .channel: facts.channels > 0,
            .focalPoint: facts.focalPoint != nil,
            .recentInteraction: recent,
            .followUps: nothingOverdue,
            .population: facts.hasPopulation,
            .coordinates: facts.hasCoordinates,
            .website: facts.hasWebsite,
            .nativeName: facts.hasNativeName,
            .governanceRoles: facts.governanceRoles > 0,
            .practices: facts.practices > 0,
        ]
        let items = CoverageCheck.allCases.map { CoverageItem(check: $0, met: met[$0] ?? false) }
        // The interaction stops counting the day after it is twelve months old; a follow-up is overdue the day
        // after its due day.
        var changes: [String] = []
        if recent, let last = facts.lastInteraction {
            changes.append(
                CoverageDays.adding(days: 1, to: CoverageDays.adding(months: interactionWindowMonths, to: last)))
        }
        if nothingOverdue, let due = facts.earliestOpenDue { changes.append(CoverageDays.adding(days: 1, to: due)) }
        return Coverage(
            score: items.filter(\.met).map(\.weight).reduce(0, +), items: items, recheckOn: changes.min())
    }
}

/// Day arithmetic on YYYY-MM-DD texts, in UTC.
public enum CoverageDays {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }()

    /// The day of `date` in UTC.
    public static func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return ActivityTime.dayText(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// The month (YYYY-MM) of `date` in UTC.
    public static func month(_ date: Date) -> String { String(day(date).prefix(7)) }

    public static func adding(days: Int, to day: String) -> String { shift(day, .day, days) }

    /// The same day `months` later (or earlier), the month's last day when it has fewer days.
    public static func adding(months: Int, to day: String) -> String { shift(day, .month, months) }

    private static func shift(_ text: String, _ component: Calendar.Component, _ value: Int) -> String {
        guard let parts = ActivityTime.dayParts(text),
            let date = calendar.date(from: DateComponents(year: parts.year, month: parts.month, day: parts.day)),
            let shifted = calendar.date(byAdding: component, value: value, to: date)
        else { return text }
        return Self.day(shifted)
    }
}
