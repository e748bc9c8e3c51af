import Foundation
import LiaisonCore
import LiaisonStore

/// The columns, filters and rows of calendar queries, as the SQLite engine's with PostgreSQL's operators.
enum ActivityRows {
    static let summaryColumns = """
        a.id, a.kind, a.title, a.all_day, a.start_local, a.end_local, a.time_zone, a.starts_at, a.ends_at,
        a.place_organization_id, coalesce(po.name, a.place_name) AS place_label, a.venue, a.visibility, a.mission_id
        """

    /// The WHERE clause, joins and order of a calendar query, each condition read through an index. The two
    /// ways of matching an organization are a UNION of ids, each through its own index: an OR of them would
    /// make PostgreSQL read every activity.
    struct Filter {
        var conditions: [String] = []
        var values: [any SQLValue] = []
        var joins = ""
        var extraColumns = ""
        var orderBy: String

        init(_ query: ActivityQuery) {
            var joinValues: [any SQLValue] = []
            if let organizationId = query.organizationId {
                joins += " LEFT JOIN activity_organization tao ON tao.activity_id = a.id AND tao.organization_id = ?"
                joinValues.append(organizationId)
                extraColumns += ", tao.mode AS t_mode, tao.status AS t_status, tao.organizer AS t_organizer"
                conditions.append(
                    """
                    a.id IN (SELECT activity_id FROM activity_organization WHERE organization_id = ?
                        UNION SELECT id FROM activity WHERE place_organization_id = ?)
                    """)
                values += [organizationId, organizationId]
            }
            if let personId = query.personId {
                joins += " LEFT JOIN activity_person tap ON tap.activity_id = a.id AND tap.person_id = ?"
                joinValues.append(personId)
                extraColumns +=
                    ", tap.role AS t_role, tap.in_person AS t_in_person, tap.organization_id AS t_delegation"
                conditions.append("a.id IN (SELECT activity_id FROM activity_person WHERE person_id = ?)")
                values.append(personId)
            }
            if let from = query.from, let earliest = query.earliestStart {
                conditions.append("a.starts_at >= ? AND a.ends_at > ?")
                values += [earliest, from]
            }
            if let to = query.to {
                conditions.append("a.starts_at < ?")
                values.append(to)
            }
            if !query.kinds.isEmpty {
                conditions.append("a.kind IN (\(questionMarks(query.kinds.count)))")
                values += query.kinds.map(\.rawValue) as [any SQLValue]
            }
            if let region = query.region {
                // Checked for each activity of the range (or along the starts until the page is full) with
                // two look-ups by key: a region is a large part of the calendar, and a UNION of its ids read
                // every activity of the region first (0.4 s for a month at 200,000 activities; this, 3 ms).
                conditions.append(
                    """
                    EXISTS (
                        SELECT FROM activity_organization ao JOIN organization o ON o.id = ao.organization_id
                        WHERE ao.activity_id = a.id AND o.region = ?
                        UNION ALL SELECT FROM organization o WHERE o.id = a.place_organization_id AND o.region = ?)
                    """)
                values += [region, region]
            }
            if let staff = query.staffAccountId {
                // Per activity of the range by key, as on SQLite: a member of staff takes part in thousands.
                conditions.append(
                    "EXISTS (SELECT 1 FROM activity_staff s WHERE s.activity_id = a.id AND s.account_id = ?)")
                values.append(staff)
            }
            if let mission = query.missionId {
                conditions.append("a.mission_id = ?")
                values.append(mission)
            }
            // The joins come before the WHERE clause in the statement, so their values do too.
            values = joinValues + values
            orderBy = query.newestFirst ? "a.starts_at DESC, a.id DESC" : "a.starts_at, a.id"
        }

        var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }
    }

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
