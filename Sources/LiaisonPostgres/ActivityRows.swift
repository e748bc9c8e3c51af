import Foundation
import LiaisonCore
import LiaisonStore

/// The columns, filters and rows of calendar queries, as the SQLite engine's with PostgreSQL's operators.
enum ActivityRows {
    static let summaryColumns = """
        a.id, a.kind, a.title, a.all_day, a.start_local, a.end_local, a.time_zone, a.starts_at, a.ends_at,
        a.place_organization_id, coalesce(po.name, a.place_name) AS place_label, a.venue, a.visibility, a.mission_id
        """

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

    static func organization(row: Row) throws -> ActivityOrganization {
        ActivityOrganization(
            organizationId: try row["organization_id"], organizationName: try row["organization_name"],
            mode: AttendanceMode(rawValue: try row["mode"]) ?? .inPerson,
            status: ParticipationStatus(rawValue: try row["status"]) ?? .invited, organizer: try row["organizer"])
    }

    static func person(row: Row) throws -> ActivityPerson {
        ActivityPerson(
            personId: try row["person_id"], personName: try row["person_name"],
            organizationId: try row["organization_id"], role: DelegateRole(rawValue: try row["role"]) ?? .member,
            inPerson: try row["in_person"])
    }

    /// An activity from its row (with `place_label` and `mission_title`) and the rows of its tables.
    static func activity(
        row: Row, staff: [StaffContact], organizations: [ActivityOrganization], people: [ActivityPerson]
    ) throws -> Activity {
        let input = ActivityInput(
            kind: ActivityKind(rawValue: try row["kind"]) ?? .event, title: try row["title"],
            summary: try row["summary"], missionId: try row["mission_id"], allDay: try row["all_day"],
            start: try row["start_local"], end: try row["end_local"], timeZone: try row["time_zone"],
            placeOrganizationId: try row["place_organization_id"], placeName: try row["place_label"],
            venue: try row["venue"], visibility: ActivityVisibility(rawValue: try row["visibility"]) ?? .internal,
            staffAccountIds: staff.map(\.id), organizations: organizations, people: people)
        return Activity(
            id: try row["id"], input: input, startsAt: try row["starts_at"], endsAt: try row["ends_at"], staff: staff,
            missionTitle: try row["mission_title"], version: try row["version"], createdAt: try row["created_at"],
            updatedAt: try row["updated_at"])
    }

    /// A feed from a row whose id and creation time are in the columns named.
    static func feed(row: Row, id: String, createdAt: String) throws -> CalendarFeed {
        CalendarFeed(
            id: try row[id], accountId: try row["account_id"],
            scope: CalendarFeedScope(rawValue: try row["scope"]) ?? .mine, createdAt: try row[createdAt],
            revokedAt: try row["revoked_at"])
    }
}
