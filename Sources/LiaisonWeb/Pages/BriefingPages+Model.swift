import Foundation
import LiaisonCore
import LiaisonStore

/// What a briefing pack prints: a cover (the trip's schedule in each activity's local time, the visiting
/// delegation) and one page a city.
struct BriefingModel {
    struct ScheduleLine {
        let id: Int64
        let when: String
        let title: String
        let kind: String
        let place: String?
    }
    struct DelegateLine {
        let name: String
        let role: String
        let organization: String?
    }
    struct PersonLine {
        let id: Int64
        let name: String
        let nativeName: String?
        let position: String
        let languages: String?
        /// The channel to use ("WeChat: chen.guo"), and who on the staff holds it.
        let channel: String?
        let channelHolder: String?
    }
    struct City {
        let id: Int64
        let name: String
        let nativeName: String?
        let keyFacts: [KeyFact]
        let roles: [String]
        let networks: [String]
        let practices: [String]
        let people: [PersonLine]
        let delegation: [DelegateLine]
        let lastInteractions: [ScheduleLine]
        let reports: [(id: Int64, title: String, date: String)]
        let followUps: [(id: Int64, title: String, due: String?, assignee: String?)]
        let pipeline: String?
        let groups: [String]
        let interests: [String]
    }

    let title: String
    /// The activity the pack is for, when it is for one.
    let activityId: Int64?
    let schedule: [ScheduleLine]
    let delegation: [DelegateLine]
    let cities: [City]

    static func scheduleLine(_ summary: ActivitySummary, strings t: Strings) -> ScheduleLine {
        ScheduleLine(
            id: summary.id,
            when: ActivityFormats.when(summary, in: ActivityFormats.zone(of: summary.timeZone)),
            title: summary.title, kind: t.label(summary.kind), place: summary.placeName)
    }

    static func scheduleLine(_ activity: Activity, strings t: Strings) -> ScheduleLine {
        ScheduleLine(
            id: activity.id,
            when: ActivityFormats.when(activity, in: ActivityFormats.zone(of: activity.input.timeZone)),
            title: activity.input.title, kind: t.label(activity.input.kind), place: activity.input.placeName)
    }

    static func person(_ p: Person, at organizationId: Int64, strings t: Strings) -> PersonLine {
        let current = p.input.positions.filter(\.isCurrent)
        let position = current.first { $0.organizationId == organizationId } ?? current.first
        let channel = p.input.preferredChannel ?? p.input.channels.first
        return PersonLine(
            id: p.id, name: [p.input.honorific, p.input.displayName].compactMap { $0 }.joined(separator: " "),
            nativeName: p.input.nativeName,
            position: [position?.title, position?.department].compactMap { $0 }.joined(separator: ", "),
            languages: p.input.languages.isEmpty
                ? nil : p.input.languages.map { Language.name(code: $0) ?? $0 }.joined(separator: ", "),
            channel: channel.map { t.label($0.kind) + ": " + $0.value }, channelHolder: channel?.heldBy?.name)
    }
}
