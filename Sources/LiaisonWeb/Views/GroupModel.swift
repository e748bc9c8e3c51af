import Foundation
import LiaisonCore
import LiaisonStore

extension GroupRole: Labelled { static var labelPrefix: String { "group_role_" } }

/// What the working-group form holds, as typed: the group's fields, a row per member (role, day joined,
/// representatives by name, a box to remove it), organizations to add by name, and its activities.
struct GroupForm {
    struct MemberRow {
        var organizationId: Int64
        var name: String
        var role: String
        var joinedOn: String
        /// Names separated by ";", as the directory shows them.
        var representatives: String
        var remove = false
    }

    var name = ""
    var theme = ""
    var description = ""
    var members: [MemberRow] = []
    var addOrganizations = ""
    var addRole = GroupRole.member.rawValue
    var activities: [LinkedName] = []
    var addActivityId = ""
    var version = ""
    var errors: [String: String] = [:]

    /// The most rows a form sends; more is refused rather than read.
    static let maxRows = WorkingGroupInput.maxMembers

    init() {}

    init(_ group: WorkingGroup, names: [Int64: String], people: [Int64: String], activityTitles: [Int64: String]) {
        name = group.input.name
        theme = group.input.theme
        description = group.input.description ?? ""
        members = group.input.members.map { member in
            MemberRow(
                organizationId: member.organizationId,
                name: names[member.organizationId] ?? "#\(member.organizationId)",
                role: member.role.rawValue, joinedOn: member.joinedOn ?? "",
                representatives: member.representativeIds.map { people[$0] ?? "#\($0)" }.joined(separator: "; "))
        }
        activities = group.input.activityIds.map { LinkedName(id: $0, name: activityTitles[$0] ?? "#\($0)") }
        version = String(group.version)
    }

    init(form: FormData) {
        name = form["name"]
        theme = form["theme"]
        description = form["description"]
        let ids = form.all("memberIds").prefix(Self.maxRows + 1)
        members = ids.enumerated().compactMap { index, raw in
            guard let id = Int64(raw) else { return nil }
            return MemberRow(
                organizationId: id, name: form["memberName.\(index)"], role: form["memberRole.\(index)"],
                joinedOn: form["memberJoined.\(index)"], representatives: form["memberRepresentatives.\(index)"],
                remove: !form["memberRemove.\(index)"].isEmpty)
        }
        addOrganizations = form["addOrganizations"]
        addRole = form["addRole"]
        let kept = Set(form.all("activityIds"))
        activities = form.all("activityNames").compactMap { pair in
            let parts = pair.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let id = Int64(parts[0]), kept.contains(String(id)) else { return nil }
            return LinkedName(id: id, name: String(parts[1]))
        }
        addActivityId = form["addActivityId"]
        version = form["version"]
    }

    var organizationNamesToAdd: [String] {
        addOrganizations.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    mutating func addErrors(_ list: [FieldError]) {
        for error in list {
            // "members[2].joinedOn" lands beside row 2's day; the rest beside its field.
            var field = error.field
            if field.hasPrefix("members["), let close = field.firstIndex(of: "]") {
                let index = field[field.index(field.startIndex, offsetBy: 8)..<close]
                let rest = field[field.index(after: close)...]
                field =
                    rest.hasSuffix("joinedOn")
                    ? "memberJoined.\(index)"
                    : rest.hasSuffix("representativeIds") ? "memberRepresentatives.\(index)" : "addOrganizations"
            } else if field.hasPrefix("activityIds") {
                field = "addActivityId"
            }
            errors.add(error.message, beside: field)
        }
    }
}

struct GroupFormModel {
    let heading: String
    let action: String
    let cancel: String
    let conflict: Bool
    let version: String
    let fields: [FormField]
    /// Per member: its name, then its fields.
    let members: [(name: String, fields: [FormField])]
    let adding: [FormField]
    let activities: [FormField]
    let hidden: [(name: String, value: String)]
    let errorSummary: [FieldErrorLink]
    let themes: [String]

    init(
        form: GroupForm, heading: String, action: String, cancel: String, conflict: Bool,
        recentActivities: [ActivitySummary], themes: [String], strings t: Strings
    ) {
        self.heading = heading
        self.action = action
        self.cancel = cancel
        self.conflict = conflict
        self.themes = themes
        version = form.version
        func field(_ name: String, _ label: String, _ value: String, control: FormField.Control = .text) -> FormField {
            FormField(name: name, label: label, value: value, error: form.errors[name], control: control)
        }
        var name = field("name", t[.fieldGroupName], form.name)
        name.required = true
        var theme = field("theme", t[.fieldTheme], form.theme)
        theme.required = true
        theme.list = "themes"
        theme.hint = t[.hintTheme]
        fields = [name, theme, field("description", t[.fieldDescription], form.description, control: .textarea)]
        let roles = GroupRole.allCases.map { ($0.rawValue, t.label($0)) }
        members = form.members.enumerated().map { index, member in
            var role = field("memberRole.\(index)", t[.fieldGroupRole], "", control: .select)
            role.options = FormField.choices(roles, selected: member.role, blank: nil)
            role.row = member.name
            var joined = field("memberJoined.\(index)", t[.fieldJoinedOn], member.joinedOn, control: .date)
            joined.row = member.name
            var representatives = field(
                "memberRepresentatives.\(index)", t[.fieldRepresentatives], member.representatives)
            representatives.row = member.name
            representatives.hint = t[.hintRepresentatives]
            var remove = field("memberRemove.\(index)", t[.groupRemoveMember], "1", control: .checkbox)
            remove.checked = member.remove
            remove.row = member.name
            return (member.name, [role, joined, representatives, remove])
        }
        var add = field("addOrganizations", t[.groupAddOrganizations], form.addOrganizations, control: .textarea)
        add.hint = t[.hintOneNamePerLine]
        var addRole = field("addRole", t[.fieldGroupRole], "", control: .select)
        addRole.options = FormField.choices(roles, selected: form.addRole, blank: nil)
        adding = [add, addRole]
        var kept = field("activityIds", t[.groupActivities], "", control: .checkboxes)
        kept.options = form.activities.map { .init(value: String($0.id), label: $0.name, selected: true) }
        var addActivity = field("addActivityId", t[.groupAddActivity], "", control: .select)
        addActivity.options = FormField.choices(
            recentActivities.map { (String($0.id), "\($0.title) (\($0.start.prefix(10)))") },
            selected: form.addActivityId, blank: t[.pipelineNoActivity])
        activities = (kept.options.isEmpty ? [] : [kept]) + [addActivity]
        hidden =
            form.members.enumerated().flatMap { index, member in
                [("memberIds", String(member.organizationId)), ("memberName.\(index)", member.name)]
            } + form.activities.map { ("activityNames", "\($0.id):\($0.name)") }
        errorSummary = (fields + members.flatMap(\.fields) + adding + activities).compactMap { field in
            field.error.map { FieldErrorLink(id: field.id, message: $0) }
        }
    }
}

/// What the interest form holds, as typed.
struct InterestForm {
    var organizationId = ""
    var organizationName = ""
    var theme = ""
    var workingGroupId = ""
    var expressedOn = ""
    var activityId = ""
    var reportId = ""
    var note = ""
    var version = ""
    var errors: [String: String] = [:]

    init() {}

    init(_ interest: Interest) {
        let input = interest.input
        organizationId = String(input.organizationId)
        organizationName = interest.organizationName
        theme = input.theme
        workingGroupId = input.workingGroupId.map(String.init) ?? ""
        expressedOn = input.expressedOn ?? ""
        activityId = input.activityId.map(String.init) ?? ""
        reportId = input.reportId.map(String.init) ?? ""
        note = input.note ?? ""
        version = String(interest.version)
    }

    init(form: FormData) {
        organizationId = form["organizationId"]
        organizationName = form["organizationName"]
        theme = form["theme"]
        workingGroupId = form["workingGroupId"]
        expressedOn = form["expressedOn"]
        activityId = form["activityId"]
        reportId = form["reportId"]
        note = form["note"]
        version = form["version"]
    }

    mutating func input(strings t: Strings) -> InterestInput? {
        func id(_ field: String, _ text: String) -> Int64? { errors.recordId(field, text, strings: t) }
        let input = InterestInput(
            organizationId: id("organizationId", organizationId) ?? 0, theme: theme,
            workingGroupId: id("workingGroupId", workingGroupId), expressedOn: expressedOn,
            activityId: id("activityId", activityId), reportId: id("reportId", reportId), note: note)
        return errors.isEmpty ? input : nil
    }

    mutating func addErrors(_ list: [FieldError]) {
        for error in list {
            errors.add(error.message, beside: error.field)
        }
    }
}
