import Foundation
import LiaisonCore
import LiaisonStore

/// The create and edit form for an activity, kept as text so a form that comes back with errors shows
/// exactly what was typed. Organizations and people already taking part are rows with their mode, status
/// and role; new ones are added by name, many at once (one per line, or separated by commas), in two boxes:
/// those who came in person and those who joined virtually.
struct ActivityForm {
    struct OrganizationRow {
        var id = "", name = "", mode = AttendanceMode.inPerson.rawValue, status = ParticipationStatus.invited.rawValue
        var organizer = false
        var remove = false
    }
    struct PersonRow {
        var id = "", name = "", delegation = "", role = DelegateRole.member.rawValue
        var inPerson = true
        var remove = false
    }

    var values: [String: String] = [:]
    var allDay = false
    var staff: [String] = []
    var organizations: [OrganizationRow] = []
    var people: [PersonRow] = []
    var version = ""
    var errors: [String: String] = [:]
    /// The person picked for a name that several people have, by the sort key of that name.
    var picks: [String: String] = [:]
    /// The names that several people have, with those people, for the form to ask which one is meant.
    var personChoices: [(name: String, key: String, people: [SearchHit])] = []

    static let textFields = [
        "kind", "title", "summary", "missionId", "startDate", "startTime", "endDate", "endTime", "timeZone", "place",
        "venue", "visibility", "addInPerson", "addVirtual", "addStatus", "addPeople", "addRole",
    ]

    /// A blank form in the viewer's zone, at the day chosen on the calendar or at a mission.
    /// A place's own zone (`placeZone`) comes before the mission's, and the mission's before the viewer's.
    init(timeZone: String, day: String?, mission: Activity? = nil, place: String? = nil, placeZone: String? = nil) {
        values = [
            "kind": ActivityKind.bilateralMeeting.rawValue, "visibility": ActivityVisibility.internal.rawValue,
            "timeZone": placeZone ?? mission?.timeZone ?? timeZone, "startDate": day ?? "", "endDate": day ?? "",
            "startTime": "09:00", "endTime": "10:00", "addStatus": "",
            "addRole": DelegateRole.member.rawValue, "missionId": mission.map { String($0.id) } ?? "",
            "place": place ?? mission?.placeName ?? "",
        ]
        if let mission, day == nil {
            values["startDate"] = String(mission.start.prefix(10))
            values["endDate"] = String(mission.start.prefix(10))
        }
    }

    /// The form filled with a stored activity, for editing.
    init(activity a: Activity) {
        values = [
            "kind": a.kind.rawValue, "title": a.title, "summary": a.summary ?? "",
            "missionId": a.missionId.map(String.init) ?? "", "startDate": String(a.start.prefix(10)),
            "startTime": a.allDay ? "" : String(a.start.dropFirst(11).prefix(5)), "endDate": String(a.end.prefix(10)),
            "endTime": a.allDay ? "" : String(a.end.dropFirst(11).prefix(5)), "timeZone": a.timeZone,
            "place": a.placeName ?? "", "venue": a.venue ?? "", "visibility": a.visibility.rawValue,
            "addStatus": "", "addRole": DelegateRole.member.rawValue,
        ]
        allDay = a.allDay
        staff = a.staffAccountIds.map(String.init)
        organizations = a.organizations.map {
            OrganizationRow(
                id: $0.organizationId.map(String.init) ?? "", name: $0.organizationName ?? "", mode: $0.mode.rawValue,
                status: $0.status.rawValue, organizer: $0.organizer)
        }
        people = a.people.map {
            PersonRow(
                id: $0.personId.map(String.init) ?? "", name: $0.personName ?? "",
                delegation: $0.organizationId.map(String.init) ?? "", role: $0.role.rawValue, inPerson: $0.inPerson)
        }
        version = String(a.version)
    }

    /// The form as submitted.
    init(form: FormData) {
        for name in Self.textFields { values[name] = form[name] }
        allDay = form["allDay"] == "on"
        staff = form.all("staff")
        organizations = form.rows(prefix: "organizations") { form, p in
            OrganizationRow(
                id: form["\(p).id"], name: form["\(p).name"], mode: form["\(p).mode"], status: form["\(p).status"],
                organizer: form["\(p).organizer"] == "on", remove: form["\(p).remove"] == "on")
        }
        people = form.rows(prefix: "people") { form, p in
            PersonRow(
                id: form["\(p).id"], name: form["\(p).name"], delegation: form["\(p).delegation"],
                role: form["\(p).role"], inPerson: form["\(p).inPerson"] == "on", remove: form["\(p).remove"] == "on")
        }
        version = form["version"]
        for name in personNamesToAdd {
            let key = SearchText.sortKey(name)
            if !form[Self.pickField(key)].isEmpty { picks[key] = form[Self.pickField(key)] }
        }
    }

    /// The radio buttons that say which of several people with one name is meant.
    static func pickField(_ key: String) -> String { "pickPerson.\(key)" }

    /// The id a name to add carries at its end, as a suggestion inserts it ("LIU Yang (Qingdao) #123").
    static func taggedId(_ entry: String) -> Int64? {
        guard let hash = entry.lastIndex(of: "#") else { return nil }
        let digits = entry[entry.index(after: hash)...].trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int64(digits)
    }

    /// The names typed in a box of new participants: one per line, or separated by commas or semicolons.
    /// Browsers send a textarea's line breaks as CRLF, which Swift holds as one Character ("\r\n"), neither
    /// "\r" nor "\n": any line break counts.
    static func names(_ text: String?) -> [String] {
        (text ?? "").split { $0.isNewline || $0 == "," || $0 == ";" || $0 == "、" || $0 == "，" }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    var organizationNamesToAdd: [String] { Self.names(values["addInPerson"]) + Self.names(values["addVirtual"]) }
    var personNamesToAdd: [String] { Self.names(values["addPeople"]) }
    var placeName: String { (values["place"] ?? "").trimmingCharacters(in: .whitespaces) }

    /// Refuses more names typed to add than an activity may hold, before any is looked up in the directory;
    /// true when it did.
    mutating func refuseTooManyNames() -> Bool {
        let organizations = organizationNamesToAdd.count
        if organizations > ActivityInput.maxOrganizations {
            let inPerson = Self.names(values["addInPerson"]).count
            let box = inPerson >= organizations - inPerson ? "addInPerson" : "addVirtual"
            errors[box] = "Add at most \(ActivityInput.maxOrganizations) organizations (\(organizations) were named)."
        }
        let people = personNamesToAdd.count
        if people > ActivityInput.maxPeople {
            errors["addPeople"] = "Add at most \(ActivityInput.maxPeople) people (\(people) were named)."
        }
        return organizations > ActivityInput.maxOrganizations || people > ActivityInput.maxPeople
    }

    /// What the names typed in the form were found to be in the directory.
    struct Resolved {
        /// Organizations by the sort key of the name typed.
        var organizations: [String: SearchHit] = [:]
        /// People by the sort key of the name typed, with the organization of their current position.
        var people: [String: (id: Int64, name: String, organizationId: Int64?)] = [:]
        /// The names that several people have, by their sort key.
        var ambiguousPeople: [String: [SearchHit]] = [:]
    }

    /// Whether the start typed is still to come at `now` (false when it cannot be read).
    func startsAfter(_ now: Date) -> Bool {
        let zone = ActivityTime.zone(named: values["timeZone"] ?? "") ?? .utc
        let day = (values["startDate"] ?? "").trimmingCharacters(in: .whitespaces)
        let clock = (values["startTime"] ?? "").trimmingCharacters(in: .whitespaces)
        let start =
            allDay || clock.isEmpty
            ? ActivityTime.midnight(of: day, in: zone) : ActivityTime.instant(local: "\(day)T\(clock)", in: zone)
        guard case .success(let date) = start else { return false }
        return date > now
    }

    /// The input the form describes, or nil with every error found in `errors`.
    mutating func input(resolved: Resolved, now: Date = Date()) -> ActivityInput? {
        var parseErrors: [String: String] = [:]
        let kind = ActivityKind(rawValue: values["kind"] ?? "")
        if kind == nil { parseErrors["kind"] = "Choose what kind of activity this is." }
        let visibility = ActivityVisibility(rawValue: values["visibility"] ?? "") ?? .internal
        func time(_ day: String, _ clock: String) -> String {
            let day = day.trimmingCharacters(in: .whitespaces)
            let clock = clock.trimmingCharacters(in: .whitespaces)
            return allDay || day.isEmpty ? day : "\(day)T\(clock.isEmpty ? "00:00" : clock)"
        }
        var place: Int64?
        if !placeName.isEmpty {
            place = resolved.organizations[SearchText.sortKey(placeName)]?.id
        }
        var organizations: [ActivityOrganization] = organizations.filter { !$0.remove }.map { row in
            ActivityOrganization(
                organizationId: Int64(row.id), organizationName: row.name,
                mode: AttendanceMode(rawValue: row.mode) ?? .inPerson,
                status: ParticipationStatus(rawValue: row.status) ?? .invited, organizer: row.organizer)
        }
        // Left to the date, those added to what is still to come are invited, to what has happened attended.
        let addStatus =
            ParticipationStatus(rawValue: values["addStatus"] ?? "") ?? (startsAfter(now) ? .invited : .attended)
        for (box, mode) in [("addInPerson", AttendanceMode.inPerson), ("addVirtual", .virtual)] {
            for name in Self.names(values[box]) {
                guard let organization = resolved.organizations[SearchText.sortKey(name)] else {
                    parseErrors[box] =
                        (parseErrors[box].map { $0 + " " } ?? "")
                        + "No organization in the directory is called \"\(name)\"."
                    continue
                }
                if let index = organizations.firstIndex(where: { $0.organizationId == organization.id }) {
                    // Named again: the box it is named in says how it takes part now.
                    organizations[index].mode = mode
                    organizations[index].status = addStatus
                } else {
                    organizations.append(
                        ActivityOrganization(
                            organizationId: organization.id, organizationName: organization.name, mode: mode,
                            status: addStatus))
                }
            }
        }
        let modes = Dictionary(
            organizations.compactMap { o in o.organizationId.map { ($0, o.mode) } },
            uniquingKeysWith: { first, _ in first })
        var people: [ActivityPerson] = people.filter { !$0.remove }.map { row in
            ActivityPerson(
                personId: Int64(row.id), personName: row.name, organizationId: Int64(row.delegation),
                role: DelegateRole(rawValue: row.role) ?? .member, inPerson: row.inPerson)
        }
        let addRole = DelegateRole(rawValue: values["addRole"] ?? "") ?? .member
        for name in personNamesToAdd {
            let key = SearchText.sortKey(name)
            guard let person = resolved.people[key] else {
                let problem: String
                if let several = resolved.ambiguousPeople[key] {
                    problem = "Several people are called \"\(name)\": choose which one below."
                    if !personChoices.contains(where: { $0.key == key }) {
                        personChoices.append((name, key, several))
                    }
                } else if let id = Self.taggedId(name) {
                    problem = "No one in the directory has the id \(id) (\"\(name)\")."
                } else {
                    problem = "No one in the directory is called \"\(name)\"."
                }
                parseErrors["addPeople"] = (parseErrors["addPeople"].map { $0 + " " } ?? "") + problem
                continue
            }
            if people.contains(where: { $0.personId == person.id }) { continue }
            // People join the delegation of their organization when it takes part.
            // ... and join it the way it does, in person or virtually.
            let delegation = person.organizationId.flatMap { modes[$0] == nil ? nil : $0 }
            people.append(
                ActivityPerson(
                    personId: person.id, personName: person.name, organizationId: delegation, role: addRole,
                    inPerson: delegation.flatMap { modes[$0] } != .virtual))
        }
        let typed = ActivityInput(
            kind: kind ?? .event, title: values["title"] ?? "", summary: values["summary"],
            missionId: Int64(values["missionId"] ?? ""), allDay: allDay,
            start: time(values["startDate"] ?? "", values["startTime"] ?? ""),
            end: time(values["endDate"] ?? "", values["endTime"] ?? ""), timeZone: values["timeZone"] ?? "",
            placeOrganizationId: place, placeName: place == nil ? placeName : nil, venue: values["venue"],
            visibility: visibility, staffAccountIds: staff.compactMap { Int64($0) }, organizations: organizations,
            people: people
        )
        var input = typed
        do {
            input = try typed.checked()
        } catch {
            addErrors(error.errors)
        }
        errors.merge(parseErrors) { _, parse in parse }
        return errors.isEmpty ? input : nil
    }

    /// Errors named as the API names them, shown beside the inputs that hold them on this form.
    mutating func addErrors(_ fieldErrors: [FieldError]) {
        for error in fieldErrors {
            let field: String =
                switch error.field {
                case "start": allDay ? "startDate" : (error.rule == "format" ? "startTime" : "startDate")
                case "end": "endDate"
                case "placeOrganizationId", "placeName": "place"
                default: error.field
                }
            if errors[field] == nil { errors[field] = error.message }
        }
    }
}
