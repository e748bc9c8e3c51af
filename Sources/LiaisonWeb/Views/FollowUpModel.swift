import Foundation
import LiaisonCore
import LiaisonStore

extension FollowUpStatus: Labelled { static var labelPrefix: String { "follow_up_status_" } }
extension FollowUpPriority: Labelled { static var labelPrefix: String { "priority_" } }

/// A follow-up as a list line shows it: due when (overdue marked), its title, who, and what it concerns.
struct FollowUpLine {
    let id: Int64
    let title: String
    let due: String
    let overdue: Bool
    let status: FollowUpStatus
    let statusLabel: String
    let assignee: String?
    let concerns: String
    let version: Int

    init(_ s: FollowUpSummary, today: String, strings t: Strings) {
        id = s.id
        title = s.title
        due = s.dueDate ?? t[.followUpNoDate]
        overdue = s.isOverdue(today: today)
        status = s.status
        statusLabel = t.label(s.status)
        assignee = s.assigneeName
        concerns = (s.organizations.map(\.name) + s.people.map(\.name)).joined(separator: ", ")
        version = s.version
    }
}

struct FollowUpListModel {
    let lines: [FollowUpLine]
    let heading: String
    let filters: [FormField]
    let errors: [FieldError]
    let canEdit: Bool
    /// Where a Done button sends the browser back to: this list, as filtered.
    let back: String

    init(
        items: [FollowUpSummary], today: String, query: FollowUpQuery, statusFilter: String, assigneeFilter: String,
        staff: [StaffAccount], regions: RegionCatalog, errors: [FieldError], canEdit: Bool, strings t: Strings
    ) {
        lines = items.map { FollowUpLine($0, today: today, strings: t) }
        heading = assigneeFilter.isEmpty ? t[.followUpsMine] : t[.followUpsTitle]
        func error(_ name: String) -> String? { errors.first { $0.field == name }?.message }
        var assignee = FormField(name: "assignee", label: t[.fieldAssignee], control: .select)
        assignee.options =
            [FormField.Option(value: "", label: t[.followUpsMine], selected: assigneeFilter.isEmpty)]
            + FormField.choices(
                [("all", t[.anyone])] + staff.map { (String($0.id), $0.name) }, selected: assigneeFilter, blank: nil)
        var status = FormField(name: "status", label: t[.fieldStatus], error: error("status"), control: .select)
        status.options = FormField.choices(
            [("todo", t[.followUpToDo]), ("all", t[.any])] + FollowUpStatus.allCases.map { ($0.rawValue, t.label($0)) },
            selected: statusFilter, blank: nil)
        var region = FormField(name: "region", label: t[.filterRegion], error: error("region"), control: .select)
        region.options = FormField.choices(
            regions.regions.map { ($0.key, $0.name) }, selected: query.region ?? "", blank: t[.any])
        var filters = [assignee, status, region]
        if let organization = query.organizationId {
            filters.append(FormField(name: "organization", label: t[.filterOrganization], value: String(organization)))
        }
        self.filters = filters
        self.errors = errors
        self.canEdit = canEdit
        var parts = URLComponents()
        parts.path = "/follow-ups"
        parts.queryItems = [
            ("assignee", assigneeFilter), ("status", statusFilter), ("region", query.region ?? ""),
            ("organization", query.organizationId.map(String.init) ?? ""),
        ].filter { !$0.1.isEmpty }.map { URLQueryItem(name: $0.0, value: $0.1) }
        back = parts.string ?? "/follow-ups"
    }
}

struct FollowUpShowModel {
    struct Fact {
        let label: String
        let text: String
        let href: String?
    }

    let id: Int64
    let title: String
    let details: String?
    let overdue: Bool
    let status: FollowUpStatus
    let version: Int
    let facts: [Fact]
    let notice: String?
    let history: [AdminPages.AuditRow]

    init(
        followUp: FollowUp, names: FollowUpSummary?, today: String, notice: String?,
        history: [AdminPages.AuditRow], strings t: Strings
    ) {
        let input = followUp.input
        id = followUp.id
        title = input.title
        details = input.details
        overdue = followUp.isOverdue(today: today)
        status = input.status
        version = followUp.version
        var facts = [
            Fact(label: t[.fieldStatus], text: t.label(input.status), href: nil),
            Fact(label: t[.fieldDueDate], text: input.dueDate ?? t[.followUpNoDate], href: nil),
            Fact(label: t[.fieldPriority], text: t.label(input.priority), href: nil),
            Fact(label: t[.fieldAssignee], text: names?.assigneeName ?? t[.followUpNobody], href: nil),
        ]
        for organization in names?.organizations ?? [] {
            facts.append(
                Fact(label: t[.colOrganization], text: organization.name, href: "/organizations/\(organization.id)"))
        }
        for person in names?.people ?? [] {
            facts.append(Fact(label: t[.colName], text: person.name, href: "/people/\(person.id)"))
        }
        if let activity = input.activityId {
            facts.append(
                Fact(
                    label: t[.followUpActivity], text: names?.activityTitle ?? "#\(activity)",
                    href: "/activities/\(activity)"))
        }
        if let report = input.reportId {
            facts.append(
                Fact(label: t[.followUpReport], text: names?.reportTitle ?? "#\(report)", href: "/reports/\(report)"))
        }
        self.facts = facts
        self.notice = notice
        self.history = history
    }
}

struct FollowUpFormModel {
    let heading: String
    let action: String
    let cancel: String
    let conflict: Bool
    let version: String
    let errorSummary: [FieldErrorLink]
    let fields: [FormField]
    let links: [FormField]
    let hidden: [(name: String, value: String)]

    init(
        form: FollowUpForm, heading: String, action: String, cancel: String, conflict: Bool, staff: [StaffAccount],
        strings t: Strings
    ) {
        self.heading = heading
        self.action = action
        self.cancel = cancel
        self.conflict = conflict
        version = form.version
        func field(_ name: String, _ label: StringKey, _ value: String, control: FormField.Control = .text)
            -> FormField
        {
            FormField(name: name, label: t[label], value: value, error: form.errors[name], control: control)
        }
        var title = field("title", .fieldTitle, form.title)
        title.required = true
        var assignee = field("assigneeAccountId", .fieldAssignee, "", control: .select)
        assignee.options = FormField.choices(
            staff.map { (String($0.id), $0.name) }, selected: form.assigneeAccountId, blank: t[.followUpNobody])
        var status = field("status", .fieldStatus, "", control: .select)
        status.options = FormField.choices(
            FollowUpStatus.allCases.map { ($0.rawValue, t.label($0)) }, selected: form.status, blank: nil)
        var priority = field("priority", .fieldPriority, "", control: .select)
        priority.options = FormField.choices(
            FollowUpPriority.allCases.map { ($0.rawValue, t.label($0)) }, selected: form.priority, blank: nil)
        fields = [
            title, field("details", .fieldDetails, form.details, control: .textarea), assignee,
            field("dueDate", .fieldDueDate, form.dueDate, control: .date), status, priority,
        ]
        var organizations = field("organizationIds", .followUpOrganizations, "", control: .checkboxes)
        organizations.options = form.organizations.map { .init(value: String($0.id), label: $0.name, selected: true) }
        var people = field("personIds", .followUpPeople, "", control: .checkboxes)
        people.options = form.people.map { .init(value: String($0.id), label: $0.name, selected: true) }
        links =
            (organizations.options.isEmpty && organizations.error == nil ? [] : [organizations])
            + [field("organizationName", .followUpAddOrganization, form.organizationName)]
            + (people.options.isEmpty && people.error == nil ? [] : [people])
            + [field("personName", .followUpAddPerson, form.personName)]
        hidden =
            [("activityId", form.activityId), ("reportId", form.reportId)]
            + form.organizations.map { ("organizationNames", "\($0.id):\($0.name)") }
            + form.people.map { ("personNames", "\($0.id):\($0.name)") }
        errorSummary =
            (fields + links).compactMap { field in
                field.error.map { FieldErrorLink(id: field.id, message: $0) }
            }
            + ["activityId", "reportId"].compactMap { name in
                form.errors[name].map { FieldErrorLink(id: "f-links", message: $0) }
            }
    }
}
