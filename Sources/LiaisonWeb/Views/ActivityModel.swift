import Foundation
import LiaisonCore
import LiaisonStore

/// What an activity's page shows: when and where (in its zone and the viewer's), who took part and how, the
/// delegations, the parts of a mission, and its history.
struct ActivityModel {
    struct OrganizationItem {
        /// Nil for an organization no longer in the directory, shown by name without a link.
        let id: Int64?
        let name: String
        let status: String
        let statusLabel: String
        let organizer: Bool
        /// The id of its tick box on the attendance form.
        let field: String
    }
    struct Group {
        let heading: String
        let items: [OrganizationItem]
    }
    struct Delegate {
        /// Nil for a person no longer in the directory.
        let id: Int64?
        let name: String
        let role: String
        let remote: Bool
    }
    struct Delegation {
        let heading: String
        let people: [Delegate]
    }
    struct Part {
        let id: Int64
        let title: String
        let when: String
        let kindLabel: String
    }

    let id: Int64
    let title: String
    let kindLabel: String
    let visibilityLabel: String
    let when: String
    let viewerWhen: String?
    let zone: String
    let place: String?
    let placeId: Int64?
    let venue: String?
    let missionId: Int64?
    let missionTitle: String?
    let summary: String?
    let organizers: [OrganizationItem]
    /// The organizations taking part: the host, those who came by how (in person, virtually), those invited
    /// and those who declined; only groups with someone in them.
    let groups: [Group]
    let delegations: [Delegation]
    let staff: String?
    /// A mission's parts; nil for an activity that is not a mission.
    let parts: [Part]?
    let version: Int
    let updated: String
    let notice: String?
    let history: [AdminPages.AuditRow]
    let attendanceError: String?

    init(
        activity a: Activity, parts: [ActivitySummary], viewerZone: TimeZone, history: [AuditEntry], strings t: Strings,
        notice: String?, attendanceError: String? = nil
    ) {
        id = a.id
        title = a.title
        kindLabel = t.label(a.kind)
        visibilityLabel = t.label(a.visibility)
        let own = ActivityFormats.zone(of: a.timeZone)
        when = ActivityFormats.when(a, in: own)
        viewerWhen =
            a.allDay || own.identifier == viewerZone.identifier
            ? nil
            : String(
                format: t[.inYourZone], ActivityFormats.name(viewerZone), ActivityFormats.when(a, in: viewerZone))
        zone = a.timeZone
        place = a.placeName
        placeId = a.placeOrganizationId
        venue = a.venue
        missionId = a.missionId
        missionTitle = a.missionTitle
        summary = a.summary
        func item(_ o: ActivityOrganization, _ index: Int) -> OrganizationItem {
            OrganizationItem(
                id: o.organizationId, name: o.organizationName ?? "", status: o.status.rawValue,
                statusLabel: t.label(o.status), organizer: o.organizer, field: "f-attendance-\(index)")
        }
        let indexed = Array(a.organizations.enumerated())
        organizers = indexed.filter { $0.element.organizer }.map { item($0.element, $0.offset) }
        // The host first, not among those who came (a courtesy visit received is hosted, not attended); then
        // those who came, by how; then those invited (confirmed, not answering) who have not come, and those who declined.
        var groups: [Group] = []
        func add(_ heading: String, _ members: [(offset: Int, element: ActivityOrganization)]) {
            guard !members.isEmpty else { return }
            groups.append(Group(heading: heading, items: members.map { item($0.element, $0.offset) }))
        }
        add(t[.groupHosts], indexed.filter { $0.element.organizer })
        let guests = indexed.filter { !$0.element.organizer }
        for mode in AttendanceMode.allCases {
            add(t.groupHeading(mode), guests.filter { $0.element.status == .attended && $0.element.mode == mode })
        }
        let expected = guests.filter { $0.element.status != .attended && $0.element.status != .declined }
        add(t[.groupInvitedInPerson], expected.filter { $0.element.mode == .inPerson })
        add(t[.groupInvitedVirtual], expected.filter { $0.element.mode == .virtual })
        add(t[.groupDeclined], guests.filter { $0.element.status == .declined })
        self.groups = groups
        func delegate(_ p: ActivityPerson) -> Delegate {
            Delegate(
                id: p.personId, name: p.personName ?? "", role: t.label(p.role),
                remote: !p.inPerson)
        }
        // A delegation per organization, head first; people on their own last.
        let rank: [DelegateRole: Int] = [.headOfDelegation: 0, .speaker: 1, .member: 2, .interpreter: 3]
        var delegations: [Delegation] = []
        let keys = a.organizations.compactMap(\.organizationId)
        for key in keys {
            let members = a.people.filter { $0.organizationId == key }
            guard !members.isEmpty else { continue }
            let name = a.organizations.first { $0.organizationId == key }?.organizationName ?? ""
            delegations.append(
                Delegation(
                    heading: String(format: t[.delegationOf], name),
                    people: members.sorted { rank[$0.role, default: 9] < rank[$1.role, default: 9] }.map(delegate)))
        }
        let others = a.people.filter { $0.organizationId == nil }
        if !others.isEmpty {
            delegations.append(Delegation(heading: t[.otherParticipants], people: others.map(delegate)))
        }
        self.delegations = delegations
        staff = a.staff.isEmpty ? nil : a.staff.map(\.name).joined(separator: ", ")
        self.parts =
            a.kind != .mission
            ? nil
            : parts.map {
                Part(
                    id: $0.id, title: $0.title,
                    when: ActivityFormats.when($0, in: ActivityFormats.zone(of: $0.timeZone)),
                    kindLabel: t.label($0.kind))
            }
        version = a.version
        updated = Formats.minute(a.updatedAt)
        self.notice = notice
        self.history = history.map { AdminPages.row($0, strings: t, onRecordPage: true) }
        self.attendanceError = attendanceError
    }
}

/// An activity as a timeline on an organization's or a person's page shows it: when, what, and how the
/// organization or person took part.
struct TimelineItem {
    let id: Int64
    let title: String
    let when: String
    let kindLabel: String
    let how: String?

    init(_ s: ActivitySummary, strings t: Strings) {
        id = s.id
        title = s.title
        when = ActivityFormats.when(s, in: ActivityFormats.zone(of: s.timeZone))
        kindLabel = t.label(s.kind)
        var parts: [String] = []
        if let p = s.participation {
            if p.organizer { parts.append(t[.organizer]) }
            parts.append(t.label(p.mode))
            parts.append(t.label(p.status))
        } else if s.delegate == nil, s.placeOrganizationId != nil {
            parts.append(t[.timelinePlace])
        }
        if let d = s.delegate {
            parts.append(t.label(d.role))
            parts.append(d.inPerson ? t[.modeInPerson] : t[.modeVirtual])
        }
        how = parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}
