import Foundation
import LiaisonCore
import LiaisonStore

/// The columns, filters and rows of calendar queries, as the SQLite engine's with PostgreSQL's operators.
enum ActivityRows {
    static func summary(row: Row, query: ActivityQuery) throws -> ActivitySummary {
        var summary = ActivitySummary(
            id: try row["id"], kind: ActivityKind(rawValue: try row["kind"]) ?? .event, title: try row["title"],
            allDay: try row["all_day"], start: try row["start_local"], end: try row["end_local"],
            timeZone: try row["time_zone"], startsAt: try row["starts_at"], endsAt: try row["ends_at"],
            placeOrganizationId: try row["place_organization_id"], placeName: try row["place_label"],
            venue: try row["venue"], visibility: ActivityVisibility(rawValue: try row["visibility"]) ?? .internal,
            missionId: try row["mission_id"])
        if let organizationId = query.organizationId, let mode = try row["t_mode"] as String? {
            summary.participation = ActivityOrganization(
                organizationId: organizationId, mode: AttendanceMode(rawValue: mode) ?? .inPerson,
                status: ParticipationStatus(rawValue: try row["t_status"]) ?? .invited,
                organizer: try row["t_organizer"])
        }
        if let personId = query.personId, let role = try row["t_role"] as String? {
            summary.delegate = ActivityPerson(
                personId: personId, organizationId: try row["t_delegation"],
                role: DelegateRole(rawValue: role) ?? .member, inPerson: try row["t_in_person"])
        }
        return summary
    }

    /// A feed from a row whose id and creation time are in the columns named.
    static func feed(row: Row, id: String, createdAt: String) throws -> CalendarFeed {
        CalendarFeed(
            id: try row[id], accountId: try row["account_id"],
            scope: CalendarFeedScope(rawValue: try row["scope"]) ?? .mine, createdAt: try row[createdAt],
            revokedAt: try row["revoked_at"])
    }
}
