import Foundation
import LiaisonCore
import LiaisonStore

/// What the follow-up form holds, as typed: read from a stored follow-up, from what the page it was opened
/// from proposes, or from the form sent back. Its field names are the input's, so the store's errors land
/// beside their fields.
struct FollowUpForm {
    var title = ""
    var details = ""
    var assigneeAccountId = ""
    var dueDate = ""
    var status = FollowUpStatus.open.rawValue
    var priority = FollowUpPriority.normal.rawValue
    /// The organizations and people linked (ticked boxes), and one more of each typed by name.
    var organizations: [LinkedName] = []
    var organizationName = ""
    var people: [LinkedName] = []
    var personName = ""
    var activityId = ""
    var reportId = ""
    var version = ""
    var errors: [String: String] = [:]

    init() {}

    init(_ followUp: FollowUp, names: FollowUpSummary?) {
        let input = followUp.input
        title = input.title
        details = input.details ?? ""
        assigneeAccountId = input.assigneeAccountId.map(String.init) ?? ""
        dueDate = input.dueDate ?? ""
        status = input.status.rawValue
        priority = input.priority.rawValue
        organizations = names?.organizations ?? input.organizationIds.map { LinkedName(id: $0, name: "#\($0)") }
        people = names?.people ?? input.personIds.map { LinkedName(id: $0, name: "#\($0)") }
        activityId = input.activityId.map(String.init) ?? ""
        reportId = input.reportId.map(String.init) ?? ""
        version = String(followUp.version)
    }

    /// The form as sent: the boxes ticked keep their names through hidden `organizationNames` fields.
    init(form: FormData) {
        title = form["title"]
        details = form["details"]
        assigneeAccountId = form["assigneeAccountId"]
        dueDate = form["dueDate"]
        status = form["status"]
        priority = form["priority"]
        organizations = Self.links(ids: form.all("organizationIds"), names: form.all("organizationNames"))
        organizationName = form["organizationName"].trimmingCharacters(in: .whitespaces)
        people = Self.links(ids: form.all("personIds"), names: form.all("personNames"))
        personName = form["personName"].trimmingCharacters(in: .whitespaces)
        activityId = form["activityId"]
        reportId = form["reportId"]
        version = form["version"]
    }

    /// Pairs of "id:name" carried by the form; an id whose box was not ticked is left out.
    private static func links(ids: [String], names: [String]) -> [LinkedName] {
        var known: [Int64: String] = [:]
        for pair in names {
            let parts = pair.split(separator: ":", maxSplits: 1)
            if parts.count == 2, let id = Int64(parts[0]) { known[id] = String(parts[1]) }
        }
        return ids.prefix(FollowUpInput.maxLinks + 1).compactMap { raw in
            Int64(raw).map { LinkedName(id: $0, name: known[$0] ?? "#\($0)") }
        }
    }

    /// The input the form says, or nil with `errors` set for what cannot even be read (a status not offered,
    /// an id that is not a number). The store checks the rest.
    mutating func input(strings t: Strings) -> FollowUpInput? {
        func id(_ field: String, _ text: String) -> Int64? { errors.recordId(field, text, strings: t) }
        let input = FollowUpInput(
            title: title, details: details, assigneeAccountId: id("assigneeAccountId", assigneeAccountId),
            dueDate: dueDate, status: FollowUpStatus(rawValue: status) ?? .open,
            priority: FollowUpPriority(rawValue: priority) ?? .normal, organizationIds: organizations.map(\.id),
            personIds: people.map(\.id), activityId: id("activityId", activityId), reportId: id("reportId", reportId))
        if FollowUpStatus(rawValue: status) == nil { errors["status"] = t[.errorFollowUpStatus] }
        if FollowUpPriority(rawValue: priority) == nil { errors["priority"] = t[.errorFollowUpPriority] }
        return errors.isEmpty ? input : nil
    }

    /// Puts each error beside its field: `organizationIds[2]` beside the organizations.
    mutating func addErrors(_ list: [FieldError]) {
        for error in list {
            errors.add(error.message, beside: String(error.field.prefix { $0 != "[" }))
        }
    }
}
