import Foundation
import LiaisonCore
import Testing

/// Every record kind is one flat JSON object: the fields people set, what the store fills in on reading, and
/// the record's id, version and instants, side by side. The API's responses, and the clients that read them,
/// depend on these keys: a change that drops one, or writes one more, fails here.
@Suite struct RecordEnvelopeTests {
    static let created = Date(timeIntervalSince1970: 1_794_000_000)
    static let updated = Date(timeIntervalSince1970: 1_795_428_900)
    static let agnes = StaffContact(id: 2, name: "Agnès", email: "agnes@example.org")
    static let stampKeys: Set<String> = ["id", "version", "createdAt", "updatedAt"]

    /// The record as the API writes it (ISO 8601 instants), and read back.
    static func roundTrip<Record: Codable & Equatable>(_ record: Record) throws -> (keys: Set<String>, back: Record) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(record)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return (Set(object.keys), try decoder.decode(Record.self, from: data))
    }

    /// Encodes `record`, expects exactly `keys` beside the stamp's, and the record back equal.
    static func expectEnvelope<Record: Codable & Equatable>(
        _ record: Record, keys: Set<String>, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let (found, back) = try roundTrip(record)
        #expect(found == keys.union(stampKeys), sourceLocation: sourceLocation)
        #expect(back == record, sourceLocation: sourceLocation)
    }

    static func decode<Record: Decodable>(_ type: Record.Type, _ json: String) throws -> Record {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(json.utf8))
    }

    @Test func anActivityCarriesItsInstantsStaffAndMission() throws {
        let input = ActivityInput(
            kind: .bilateralMeeting, title: "Bilateral meeting with Guangzhou", start: "2026-11-11T10:00",
            end: "2026-11-11T11:00", timeZone: "Asia/Shanghai", staffAccountIds: [2],
            organizations: [ActivityOrganization(organizationId: 1, organizationName: "Guangzhou")])
        var activity = Activity(
            id: 7, input: input, startsAt: Self.created, endsAt: Self.updated, staff: [Self.agnes],
            missionTitle: "Mission to Guangzhou", version: 3, createdAt: Self.created, updatedAt: Self.updated)
        let inputKeys: Set<String> = [
            "kind", "title", "allDay", "start", "end", "timeZone", "visibility", "staffAccountIds", "organizations",
            "people",
        ]
        try Self.expectEnvelope(activity, keys: inputKeys.union(["startsAt", "endsAt", "staff", "missionTitle"]))
        activity.extras.missionTitle = nil
        activity.extras.staff = []
        try Self.expectEnvelope(activity, keys: inputKeys.union(["startsAt", "endsAt", "staff"]))
    }

    @Test func anActivityWithoutStaffReadsAsNone() throws {
        let activity = try Self.decode(
            Activity.self,
            """
            {"id": 7, "version": 3, "createdAt": "2026-11-06T21:20:00Z", "updatedAt": "2026-11-23T10:15:00Z",
             "kind": "call", "startsAt": "2026-11-06T21:20:00Z", "endsAt": "2026-11-06T22:20:00Z"}
            """)
        #expect(activity.staff == [])
        #expect(activity.missionTitle == nil)
        #expect(activity.id == 7 && activity.version == 3 && activity.updatedAt == Self.updated)
    }

    @Test func anOrganizationCarriesItsFocalPoint() throws {
        var organization = Organization(
            id: 7, input: OrganizationInput(name: "Guangzhou", nativeName: "广州", country: "CN"), version: 3,
            createdAt: Self.created, updatedAt: Self.updated, focalPointStaff: Self.agnes)
        let inputKeys: Set<String> = [
            "kind", "name", "nativeName", "aliases", "country", "membershipStatus", "paying", "governanceRoles",
            "affiliations", "practices",
        ]
        try Self.expectEnvelope(organization, keys: inputKeys.union(["focalPointStaff"]))
        organization.extras.focalPointStaff = nil
        try Self.expectEnvelope(organization, keys: inputKeys)
    }

    /// The name as pages show it is written for readers of the JSON, and worked out again on reading.
    @Test func aPersonCarriesTheNameAsShown() throws {
        let person = Person(
            id: 7, input: PersonInput(givenName: "Guo", familyName: "Chen", nameOrder: .familyFirst), version: 3,
            createdAt: Self.created, updatedAt: Self.updated)
        try Self.expectEnvelope(
            person,
            keys: ["givenName", "familyName", "nameOrder", "languages", "role", "positions", "channels", "displayName"])
        let read = try Self.decode(
            Person.self,
            """
            {"id": 7, "version": 3, "createdAt": "2026-11-06T21:20:00Z", "updatedAt": "2026-11-23T10:15:00Z",
             "givenName": "Guo", "familyName": "Chen", "nameOrder": "family_first", "displayName": "someone else"}
            """)
        #expect(read == person)
        #expect(read.displayName == "CHEN Guo")
    }

    @Test func aFollowUpCarriesWhoMadeItAndItsTaskLine() throws {
        var followUp = FollowUp(
            id: 7, input: FollowUpInput(title: "Send the contacts", organizationIds: [1], reportId: 4),
            createdByAccountId: 2, taskKey: "send the contacts", version: 3, createdAt: Self.created,
            updatedAt: Self.updated)
        let inputKeys: Set<String> = ["title", "status", "priority", "organizationIds", "personIds", "reportId"]
        try Self.expectEnvelope(followUp, keys: inputKeys.union(["createdByAccountId", "taskKey"]))
        followUp.extras.createdByAccountId = nil
        followUp.extras.taskKey = nil
        try Self.expectEnvelope(followUp, keys: inputKeys)
    }

    @Test func aProspectCarriesItsOrganizationAndHistory() throws {
        let change = StageChange(
            from: nil, to: .met, day: "2026-11-11", at: Self.created, accountId: 2, accountName: "Agnès", note: nil,
            activityId: nil)
        let prospect = Prospect(
            id: 7, input: ProspectInput(organizationId: 1, stage: .met, likelihood: 60), organizationName: "Guangzhou",
            stageSince: "2026-11-11", history: [change], version: 3, createdAt: Self.created, updatedAt: Self.updated)
        try Self.expectEnvelope(
            prospect, keys: ["organizationId", "stage", "likelihood", "organizationName", "stageSince", "history"])
    }

    @Test func anOpportunityAndAWorkingGroupCarryOnlyTheirFields() throws {
        let opportunity = Opportunity(
            id: 7,
            input: OpportunityInput(
                title: "Call for projects", deadline: "2026-12-31",
                invitations: [OpportunityInvitation(organizationId: 1)]),
            version: 3, createdAt: Self.created, updatedAt: Self.updated)
        try Self.expectEnvelope(opportunity, keys: ["title", "kind", "deadline", "invitations"])
        let group = WorkingGroup(
            id: 7,
            input: WorkingGroupInput(
                name: "Solid waste", theme: "solid waste", members: [GroupMember(organizationId: 1, role: .lead)]),
            version: 3, createdAt: Self.created, updatedAt: Self.updated)
        try Self.expectEnvelope(group, keys: ["name", "theme", "members", "activityIds"])
    }

    @Test func anInterestCarriesItsOrganizationsName() throws {
        let interest = Interest(
            id: 7, input: InterestInput(organizationId: 1, theme: "solid waste", expressedOn: "2026-11-11"),
            organizationName: "Guangzhou", version: 3, createdAt: Self.created, updatedAt: Self.updated)
        try Self.expectEnvelope(interest, keys: ["organizationId", "theme", "expressedOn", "organizationName"])
    }

    @Test func aDelegationCarriesTheNamesItIsShownWith() throws {
        var delegation = Delegation(
            id: 7, input: DelegationInput(activityId: 3, organizationId: 1, state: .invited, expectedSize: 5),
            organizationName: "Guangzhou", activityTitle: "Congress", sentByName: "Agnès", version: 3,
            createdAt: Self.created, updatedAt: Self.updated)
        let inputKeys: Set<String> = [
            "activityId", "organizationId", "state", "expectedSize", "mayorHeads", "expectedMode", "registrations",
        ]
        try Self.expectEnvelope(delegation, keys: inputKeys.union(["organizationName", "activityTitle", "sentByName"]))
        delegation.extras.sentByName = nil
        try Self.expectEnvelope(delegation, keys: inputKeys.union(["organizationName", "activityTitle"]))
    }
}
