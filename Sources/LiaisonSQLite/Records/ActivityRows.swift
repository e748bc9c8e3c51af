import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

extension ActivitySummary {
    init(row: Row, query: ActivityQuery) {
        self.init(
            id: row[0], kind: ActivityKind(rawValue: row[1]) ?? .event, title: row[2], allDay: row[3], start: row[4],
            end: row[5], timeZone: row[6], startsAt: row.storedDate(7), endsAt: row.storedDate(8),
            placeOrganizationId: row[9],
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
