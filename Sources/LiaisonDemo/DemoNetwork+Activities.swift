import Foundation
import LiaisonCore
import LiaisonStore

extension DemoNetwork {
    /// The calendar of the source documents: the Guangzhou delegation's courtesy visit to the secretariat,
    /// the mission to Guangzhou with its bilateral meeting, the visits to Foshan and Dongguan and the event
    /// where fifteen cities came in person and eight joined virtually, the Congress ahead, and a year of other
    /// meetings, calls and workshops. People met at these activities are linked to them. Returns the
    /// activities created by their key in the file.
    static func seedActivities(
        into store: any LiaisonStore, organizations: [String: Int64], people: [String: Int64]
    ) async throws -> [String: Int64] {
        let url = URL(fileURLWithPath: Bundle.module.bundlePath).appendingPathComponent(
            "Resources/demo-activities.json")
        let root = try JSONDecoder().decode(DemoCalendar.self, from: Data(contentsOf: url))
        let staffNames = Set(root.activities.flatMap(\.staff))
        let staff = try await createStaff(named: staffNames, in: store)
        func organization(_ name: String) throws -> Int64 {
            guard let id = organizations[name] else {
                throw ValidationError(
                    field: "organizations", rule: "unknown_organization", message: "No demo organization \(name).")
            }
            return id
        }
        var created: [String: Int64] = [:]
        for entry in root.activities {
            let input = ActivityInput(
                kind: entry.kind, title: entry.title, summary: entry.summary,
                missionId: try entry.mission.map { key in
                    guard let id = created[key] else {
                        throw ValidationError(
                            field: "missionId", rule: "unknown_activity", message: "No demo mission \(key).")
                    }
                    return id
                }, allDay: entry.allDay ?? false, start: entry.start, end: entry.end, timeZone: entry.timeZone,
                placeOrganizationId: try entry.place.map(organization), venue: entry.venue,
                visibility: entry.visibility ?? .internal, staffAccountIds: entry.staff.compactMap { staff[$0] },
                organizations: try entry.organizations.map {
                    ActivityOrganization(
                        organizationId: try organization($0.name), mode: $0.mode, status: $0.status,
                        organizer: $0.organizer ?? false)
                },
                people: try entry.people.map {
                    ActivityPerson(
                        personId: people[$0.name], personName: $0.name,
                        organizationId: try $0.delegation.map(organization), role: $0.role,
                        inPerson: $0.inPerson ?? true)
                }
            )
            created[entry.key] = try await ActivityIntake(store: store).create(input, by: .system).id
        }
        // Where each person was met, now as a link to the activity.
        for (name, key) in root.metAt.sorted(by: { $0.key < $1.key }) {
            guard let personId = people[name], let activityId = created[key],
                let person = try await store.person(id: personId)
            else { continue }
            var input = person.input
            input.metAtActivityId = activityId
            _ = try await store.updatePerson(id: personId, expectedVersion: person.version, input, by: .system)
        }
        return created
    }
}

/// The demo calendar file: activities naming organizations, people, staff and missions by name.
private struct DemoCalendar: Decodable {
    struct Participant: Decodable {
        var name: String
        var mode: AttendanceMode
        var status: ParticipationStatus
        var organizer: Bool?
    }
    struct Delegate: Decodable {
        var name: String
        var role: DelegateRole
        var delegation: String?
        var inPerson: Bool?
    }
    struct Entry: Decodable {
        var key: String
        var kind: ActivityKind
        var title: String
        var summary: String?
        var start: String
        var end: String
        var timeZone: String
        var allDay: Bool?
        var place: String?
        var venue: String?
        var mission: String?
        var visibility: ActivityVisibility?
        var organizations: [Participant]
        var people: [Delegate]
        var staff: [String]
    }
    var activities: [Entry]
    var metAt: [String: String]
}
