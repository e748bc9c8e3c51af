import Foundation

extension ActivityInput {
    /// The longest an activity may last: long enough for a mission of several weeks, short enough that a
    /// calendar page finds what overlaps its days by reading the activities that start near them.
    public static let maxDuration: TimeInterval = 92 * 86_400
    public static let maxOrganizations = 500
    public static let maxPeople = 1_000
    public static let maxStaff = 100

    /// The input with text trimmed, blank optional text made nil, a "T" between day and time, and staff
    /// named once each.
    public func normalized() -> ActivityInput {
        var copy = self
        copy.title = title.trimmed
        copy.summary = summary?.trimmed.nilIfEmpty
        copy.start = Self.normalizedLocal(start)
        copy.end = Self.normalizedLocal(end)
        copy.timeZone = timeZone.trimmed
        copy.placeName = placeName?.trimmed.nilIfEmpty
        copy.venue = venue?.trimmed.nilIfEmpty
        var seen = Set<Int64>()
        copy.staffAccountIds = staffAccountIds.filter { seen.insert($0).inserted }
        copy.organizations = organizations.map {
            var organization = $0
            organization.organizationName = $0.organizationName?.trimmed.nilIfEmpty
            return organization
        }
        copy.people = people.map {
            var person = $0
            person.personName = $0.personName?.trimmed.nilIfEmpty
            return person
        }
        return copy
    }

    private static func normalizedLocal(_ text: String) -> String {
        var text = text.trimmed
        if text.count == 16 || text.count == 19, text.dropFirst(10).first == " " {
            text = String(text.prefix(10)) + "T" + text.dropFirst(11)
        }
        return text
    }

    /// Checks every rule that needs no database and throws all broken rules at once. Call it on a
    /// `normalized()` input.
    public func validate() throws(ValidationError) {
        var report = ValidationReport()
        report.text(title, field: "title", label: "Title", required: true)
        report.text(summary, field: "summary", label: "Summary", max: 20_000, multiline: true)
        report.text(venue, field: "venue", label: "Venue")
        report.text(placeName, field: "placeName", label: "Place")
        if kind == .mission, missionId != nil {
            report.add("missionId", "mission_in_mission", "A mission cannot be part of another mission.")
        }
        checkTimes(&report)
        // Entries past a list's cap are not checked one by one: the list is refused as a whole.
        report.count(staffAccountIds.count, max: Self.maxStaff, field: "staffAccountIds", noun: "staff members")
        report.count(organizations.count, max: Self.maxOrganizations, field: "organizations", noun: "organizations")
        report.count(people.count, max: Self.maxPeople, field: "people", noun: "people")
        var organizationIds = Set<Int64>()
        for (index, organization) in organizations.prefix(Self.maxOrganizations).enumerated() {
            let field = "organizations[\(index)]"
            report.text(organization.organizationName, field: "\(field).organizationName", label: "Organization")
            if let id = organization.organizationId {
                if !organizationIds.insert(id).inserted {
                    report.add("\(field).organizationId", "duplicate", "This organization is listed twice.")
                }
            } else if organization.organizationName == nil {
                report.add(
                    "\(field).organizationId", "required", "Name the organization: its directory id or its name.")
            }
        }
        var personIds = Set<Int64>()
        for (index, person) in people.prefix(Self.maxPeople).enumerated() {
            let field = "people[\(index)]"
            report.text(person.personName, field: "\(field).personName", label: "Person")
            if let id = person.personId {
                if !personIds.insert(id).inserted {
                    report.add("\(field).personId", "duplicate", "This person is listed twice.")
                }
            } else if person.personName == nil {
                report.add("\(field).personId", "required", "Name the person: their directory id or their name.")
            }
            if let id = person.organizationId, !organizationIds.contains(id) {
                report.add(
                    "\(field).organizationId", "not_participant",
                    "A person's delegation must be one of the activity's organizations.")
            }
        }
        try report.finish()
    }

    private func checkTimes(_ report: inout ValidationReport) {
        guard !timeZone.isEmpty else {
            report.add("timeZone", "required", "Time zone is required (an IANA name such as Asia/Shanghai).")
            return
        }
        guard zone != nil else {
            report.add(
                "timeZone", "unknown_time_zone",
                "\(timeZone.quoted) is not an IANA time zone; use a name such as Europe/Madrid or Asia/Shanghai.")
            return
        }
        switch interval() {
        case .success: break
        case .failure(let error): for e in error.errors { report.add(e.field, e.rule, e.message) }
        }
    }

    /// The instants the activity runs between, worked out in its zone; fails naming the field and the rule
    /// (an unknown zone, a malformed or skipped local time, an end before the start, too long).
    public func interval() -> Result<DateInterval, ValidationError> {
        guard let zone else {
            return .failure(
                ValidationError(
                    field: "timeZone", rule: "unknown_time_zone",
                    message: "\(timeZone.quoted) is not an IANA time zone."))
        }
        let format = allDay ? "YYYY-MM-DD" : "YYYY-MM-DDTHH:MM"
        var errors: [FieldError] = []
        func read(_ text: String, field: String, label: String, isEnd: Bool) -> Date? {
            if text.isEmpty {
                errors.append(FieldError(field: field, rule: "required", message: "\(label) is required."))
                return nil
            }
            let result =
                allDay
                ? ActivityTime.midnight(of: text, in: zone, dayAfter: isEnd)
                : ActivityTime.instant(local: text, in: zone)
            switch result {
            case .success(let date):
                return date
            case .failure(.malformed):
                errors.append(
                    FieldError(
                        field: field, rule: "format",
                        message: "\(label) must be a \(allDay ? "date" : "date and time") written \(format)."))
            case .failure(.skipped):
                errors.append(
                    FieldError(
                        field: field, rule: "skipped_time",
                        message:
                            "\(label) \(text.replacingOccurrences(of: "T", with: " ")) does not exist in \(timeZone): clocks go forward then."
                    ))
            }
            return nil
        }
        let startsAt = read(start, field: "start", label: "Start", isEnd: false)
        let endsAt = read(end, field: "end", label: "End", isEnd: true)
        if let startsAt, let endsAt {
            let calendar = ActivityTime.calendar(zone)
            let years = 1900...2200
            if !years.contains(calendar.component(.year, from: startsAt)) {
                errors.append(
                    FieldError(field: "start", rule: "range", message: "Start must be between 1900 and 2200."))
            } else if endsAt <= startsAt {
                errors.append(
                    FieldError(
                        field: "end", rule: "after_start",
                        message: allDay ? "End must be on or after the first day." : "End must be after the start."))
            } else if endsAt.timeIntervalSince(startsAt) > Self.maxDuration {
                errors.append(
                    FieldError(
                        field: "end", rule: "max_duration",
                        message:
                            "An activity lasts at most \(Int(Self.maxDuration / 86_400)) days; record a long programme as a mission with its parts."
                    ))
            }
        }
        guard errors.isEmpty, let startsAt, let endsAt else { return .failure(ValidationError(errors)) }
        return .success(DateInterval(start: startsAt, end: endsAt))
    }
}

extension ActivityInput {
    /// The input normalized and checked against every rule that needs no database: what the API, the
    /// form and the demo store.
    public func checked() throws(ValidationError) -> ActivityInput {
        let normalized = normalized()
        try normalized.validate()
        return normalized
    }
}
