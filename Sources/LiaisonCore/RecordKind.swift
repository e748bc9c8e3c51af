/// What an audit entry, a "not found" or a version conflict is about: each kind of record Liaison keeps,
/// and the events that concern no one record (settings, backups). Stored and sent as its raw value.
public enum RecordKind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case organization
    case person
    case activity
    case report
    case comment
    case followUp = "follow_up"
    case prospect
    case workingGroup = "working_group"
    case interest
    case opportunity
    case delegation
    case account
    case apiToken = "api_token"
    case calendarFeed = "calendar_feed"
    case settings
    case backup

    public var description: String { rawValue }

    /// Where a record of this kind has its own page, when it has one.
    public var pagePath: String? {
        switch self {
        case .organization: "/organizations/"
        case .person: "/people/"
        case .activity: "/activities/"
        case .report: "/reports/"
        case .followUp: "/follow-ups/"
        case .prospect: "/pipeline/"
        case .workingGroup: "/groups/"
        case .interest: "/interests/"
        case .opportunity: "/opportunities/"
        case .delegation: "/delegations/"
        // A comment's address opens its report's page at the comment.
        case .comment: "/comments/"
        case .account, .apiToken, .calendarFeed, .settings, .backup: nil
        }
    }
}
