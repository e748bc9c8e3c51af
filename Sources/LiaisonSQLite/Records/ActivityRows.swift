import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

/// The WHERE clause, joins and order of a calendar query; every condition reads through an index.
struct ActivityFilter {
    var conditions: [String] = []
    var arguments: StatementArguments = []
    var joins = ""
    var extraColumns = ""
    var orderBy: String

    init(_ query: ActivityQuery) {
        var joinArguments: StatementArguments = []
        if let organizationId = query.organizationId {
            joins += " LEFT JOIN activity_organization tao ON tao.activity_id = a.id AND tao.organization_id = ?"
            joinArguments += [organizationId]
            extraColumns += ", tao.mode AS t_mode, tao.status AS t_status, tao.organizer AS t_organizer"
            conditions.append(
                "(a.id IN (SELECT activity_id FROM activity_organization WHERE organization_id = ?) OR a.place_organization_id = ?)")
            arguments += [organizationId, organizationId]
        }
        if let personId = query.personId {
            joins += " LEFT JOIN activity_person tap ON tap.activity_id = a.id AND tap.person_id = ?"
            joinArguments += [personId]
            extraColumns += ", tap.role AS t_role, tap.in_person AS t_in_person, tap.organization_id AS t_delegation"
            conditions.append("a.id IN (SELECT activity_id FROM activity_person WHERE person_id = ?)")
            arguments += [personId]
        }
        if let from = query.from, let earliest = query.earliestStart {
            conditions.append("a.starts_at >= ? AND a.ends_at > ?")
            arguments += [earliest, from]
        }
        if let to = query.to {
            conditions.append("a.starts_at < ?")
            arguments += [to]
        }
        if !query.kinds.isEmpty {
            conditions.append("a.kind IN (\(databaseQuestionMarks(count: query.kinds.count)))")
            arguments += StatementArguments(query.kinds.map(\.rawValue))
        }
        if let region = query.region {
            // Checked for each activity of the range by key, as on PostgreSQL: gathering every activity of a
            // large region first costs more than the month it is filtered to.
            conditions.append(
                """
                EXISTS (SELECT 1 FROM activity_organization ao JOIN organization o ON o.id = ao.organization_id
                    WHERE ao.activity_id = a.id AND o.region = ?
                    UNION ALL SELECT 1 FROM organization o WHERE o.id = a.place_organization_id AND o.region = ?)
                """)
            arguments += [region, region]
        }
        if let staff = query.staffAccountId {
            // Per activity of the range by key: a member of staff takes part in thousands of activities over the
            // years, and gathering them all first cost more than the month (a staff month 20–120 ms → 4 ms).
            conditions.append("EXISTS (SELECT 1 FROM activity_staff s WHERE s.activity_id = a.id AND s.account_id = ?)")
            arguments += [staff]
        }
        if let mission = query.missionId {
            conditions.append("a.mission_id = ?")
            arguments += [mission]
        }
        arguments = joinArguments + arguments
        orderBy = query.newestFirst ? "a.starts_at DESC, a.id DESC" : "a.starts_at, a.id"
    }

    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }
}

extension ActivitySummary {
    static let columns = """
        a.id, a.kind, a.title, a.all_day, a.start_local, a.end_local, a.time_zone, a.starts_at, a.ends_at,
        a.place_organization_id, coalesce(po.name, a.place_name) AS place_label, a.venue, a.visibility, a.mission_id
        """

    init(row: Row, query: ActivityQuery) {
        self.init(
            id: row[0], kind: ActivityKind(rawValue: row[1]) ?? .event, title: row[2], allDay: row[3], start: row[4],
            end: row[5], timeZone: row[6], startsAt: row[7], endsAt: row[8], placeOrganizationId: row[9],
            placeName: row[10], venue: row[11], visibility: ActivityVisibility(rawValue: row[12]) ?? .internal,
            missionId: row[13])
        if let organizationId = query.organizationId, let mode = (row["t_mode"] as String?) {
            participation = ActivityOrganization(
                organizationId: organizationId, mode: AttendanceMode(rawValue: mode) ?? .inPerson,
                status: ParticipationStatus(rawValue: row["t_status"]) ?? .invited, organizer: row["t_organizer"])
        }
        if let personId = query.personId, let role = (row["t_role"] as String?) {
            delegate = ActivityPerson(
                personId: personId, organizationId: row["t_delegation"], role: DelegateRole(rawValue: role) ?? .member,
                inPerson: row["t_in_person"])
        }
    }
}

extension CalendarFeed {
    init(row: Row) {
        self.init(
            id: row["id"], accountId: row["account_id"], scope: CalendarFeedScope(rawValue: row["scope"]) ?? .mine,
            createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }
}
