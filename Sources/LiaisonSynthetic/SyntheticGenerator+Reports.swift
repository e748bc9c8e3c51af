import Foundation
import LiaisonCore
import LiaisonStore

/// Reports of a synthetic network: trip reports on its missions, meetings and events (or notes on an
/// organization), a few hundred words naming the organizations and people met, with the links a save would
/// make from them, task lines that are follow-ups of the staff they name, colleagues' comments, and the
/// inbox entries of the assignments. Rows as the app itself would store them (the same search text, task
/// keys and once-keys).
extension SyntheticGenerator {
    private static let report = table("report")
    private static let author = table("report_author")
    private static let reviewer = table("report_reviewer")
    private static let link = table("report_link")
    private static let comment = table("comment")
    private static let followUp = table("follow_up")
    private static let followUpOrganization = table("follow_up_organization")
    private static let notification = table("notification")

    private static let sentences = [
        "The delegation presented its programme for the coming year and asked about training exchanges.",
        "We discussed cooperation on urban mobility, housing and climate adaptation.",
        "Their international office was very positive and inclined to take part in the working groups.",
        "The mayor's office asked for the Congress programme and the registration of a delegation.",
        "Several cities shared their experience of international work with other networks.",
        "The coffee break and the visit afterwards gave time to meet in person and exchange contacts.",
        "There is interest in knowing more about membership and the concrete opportunities it brings.",
        "Only with time will we know the results, but the energy in the room was positive and receptive.",
        "We should propose a working group on transport, logistics, sanitation or solid waste.",
        "They would like to host a regional meeting and asked for our support with the agenda.",
    ]
    private static let tasks = [
        "follow up with %@ on membership", "send %@ the invitation to the Congress",
        "request the e-mail contacts of the delegation of %@", "share the training offer with %@",
        "ask %@ for the programme of the regional meeting",
    ]
    private static let remarks = [
        "Complementing: they also asked about the Clearing House.", "Agreed, and I will call their office.",
        "Please correct: the visit was on the second day.", "I have the WeChat details of most attendees.",
    ]

    /// The handle each staff member is named by in a text (`@agnes`), and the account it names.
    private static let handles: [(handle: String, account: Int64)] = {
        let staff = staffNames.prefix(staffCount).enumerated().map {
            (id: Int64($0.offset + 1), name: $0.element, email: "staff\($0.offset + 1)@liaison.example")
        }
        let resolver = StaffHandles(staff)
        return staff.compactMap { account in
            let first = SearchText.normalize(account.name).split(separator: " ").first.map(String.init) ?? ""
            return resolver.account(for: first).map { (first, $0) }
        }
    }()

    /// The reports numbered `from ..< from + count` (ids from 1); a follow-up, comment and inbox entry takes
    /// the next id of its own, counted in `counters`.
    mutating func reports(from: Int, count: Int, counters: inout ReportCounters) -> Batch {
        var reports: [[TransferValue]] = []
        var authors: [[TransferValue]] = []
        var reviewers: [[TransferValue]] = []
        var links: [[TransferValue]] = []
        var comments: [[TransferValue]] = []
        var followUps: [[TransferValue]] = []
        var followUpOrganizations: [[TransferValue]] = []
        var notifications: [[TransferValue]] = []
        for index in from..<(from + count) where !organizations.isEmpty {
            let id = Int64(index + 1)
            let on = reportable.isEmpty ? nil : reportable[random.below(reportable.count)]
            let host = on?.host.map { organizations[$0] } ?? organizations[random.below(organizations.count)]
            var named = [host]
            for _ in 0..<(1 + random.below(5)) {
                let other = organizations[random.below(organizations.count)]
                if !named.contains(where: { $0.id == other.id }) { named.append(other) }
            }
            let written = instant(options.organizations + options.people + index)
            let writer = Self.handles[random.below(Self.handles.count)]

            var body = ""
            var met: [(id: Int64, name: String)] = []
            for (number, organization) in named.enumerated() {
                body +=
                    number == 0
                    ? "We met the delegation of \(organization.name)" : "\(organization.name) also took part"
                if met.count < 4,
                    let person = peopleAt[organization.id]?.first(where: { p in !met.contains { $0.id == p.id } })
                {
                    body += ", with \(person.name)"
                    met.append(person)
                }
                body += ". "
                for _ in 0..<(2 + random.below(4)) { body += random.pick(Self.sentences) + " " }
                body += "\n\n"
            }
            body += "## Follow-ups\n\n"
            var lines: [(text: String, organization: OrganizationFacts)] = []
            var keys = Set<String>()
            for _ in 0..<(1 + random.below(3)) {
                let organization = random.pick(named)
                let task = String(format: random.pick(Self.tasks), organization.name)
                // A report's task lines are told apart by their words: the same words twice are one task.
                guard keys.insert(ReportTask.key(task)).inserted else { continue }
                let due = ActivityTime.localText(
                    base.addingTimeInterval(Double(random.below(540)) * 86_400), in: .utc, dayOnly: true)
                let done = random.chance(30)
                lines.append(
                    ("- [\(done ? "x" : " ")] \(task) @\(random.pick(Self.handles).handle) due \(due)", organization))
            }
            body += lines.map(\.text).joined(separator: "\n")
            let title = on.map { "Report: \($0.title)" } ?? "Note on \(host.name)"
            // On an activity, or a note on its host.
            let activity: TransferValue = on.map { .integer($0.id) } ?? .null
            let noteOn: TransferValue = on == nil ? .integer(host.id) : .null
            let status: TransferValue = .text(random.chance(90) ? "shared" : "draft")
            let search: TransferValue = .text(ReportRow.searchDocument(ReportInput(title: title, body: body)))
            reports.append(
                Self.report.row([
                    "id": .integer(id), "title": .text(title), "body": .text(body), "status": status,
                    "activity_id": activity, "organization_id": noteOn, "search_text": search,
                    "version": .integer(1), "created_at": written, "updated_at": written,
                    "created_by": .integer(writer.account),
                ]))
            authors.append([.integer(id), .integer(0), .integer(writer.account)])
            if random.chance(40) {
                let second = random.pick(Self.handles).account
                if second != writer.account { authors.append([.integer(id), .integer(1), .integer(second)]) }
            }
            if random.chance(30) {
                reviewers.append([.integer(id), .integer(0), .integer(random.pick(Self.handles).account)])
            }
            for organization in named {
                links.append([.integer(id), .integer(organization.id), .null, .text(organization.name), .text("found")])
            }
            for person in met {
                links.append([.integer(id), .null, .integer(person.id), .text(person.name), .text("found")])
            }
            for task in ReportTasks.tasks(in: body) {
                counters.followUps += 1
                let followUpId = counters.followUps
                let assignee = task.assigneeHandle.flatMap { handle in
                    Self.handles.first { $0.handle == handle }?.account
                }
                let assigned: TransferValue = assignee.map(TransferValue.integer) ?? .null
                let due: TransferValue = task.dueDate.map(TransferValue.text) ?? .null
                let state: TransferValue = .text(task.done ? "done" : "open")
                followUps.append(
                    Self.followUp.row([
                        "id": .integer(followUpId), "title": .text(task.title), "assignee_account_id": assigned,
                        "due_date": due, "status": state, "priority": .text("normal"), "activity_id": activity,
                        "report_id": .integer(id), "version": .integer(1), "created_at": written,
                        "updated_at": written, "task_key": .text(task.key), "created_by": .integer(writer.account),
                    ]))
                if let organization = lines.first(where: { $0.text.contains(task.title) })?.organization {
                    followUpOrganizations.append([.integer(followUpId), .integer(0), .integer(organization.id)])
                }
                if let assignee, assignee != writer.account {
                    counters.notifications += 1
                    let read: TransferValue = random.chance(50) ? written : .null
                    notifications.append(
                        Self.notification.row([
                            "id": .integer(counters.notifications), "account_id": .integer(assignee),
                            "reason": .text("follow_up_assigned"), "subject": .text("follow_up"),
                            "subject_id": .integer(followUpId), "title": .text(task.title),
                            "actor_account_id": .integer(writer.account), "created_at": written,
                            "read_at": read,
                            "once_key": .text(NotificationRows.assignedKey(followUp: followUpId, assignee: assignee)),
                            // Entries of the past, mailed long ago: a server started on the network sends none.
                            "mailed_at": written, "mail_attempts": .integer(1),
                        ]))
                }
            }
            for number in 0..<random.below(4) {
                counters.comments += 1
                let by = random.pick(Self.handles)
                let text = random.pick(Self.remarks) + (random.chance(30) ? " @\(writer.handle)" : "")
                let at = instant(options.organizations + options.people + index + number + 1)
                comments.append(
                    Self.comment.row([
                        "id": .integer(counters.comments), "report_id": .integer(id),
                        "author_account_id": .integer(by.account), "body": .text(text), "version": .integer(1),
                        "created_at": at, "updated_at": at,
                    ]))
            }
        }
        return [
            (Self.report, reports), (Self.author, authors), (Self.reviewer, reviewers), (Self.link, links),
            (Self.comment, comments), (Self.followUp, followUps), (Self.followUpOrganization, followUpOrganizations),
            (Self.notification, notifications),
        ]
    }
}

/// The ids given so far to what reports bring with them.
struct ReportCounters {
    var followUps: Int64 = 0
    var comments: Int64 = 0
    var notifications: Int64 = 0
}

extension TransferTable {
    /// A row of this table from its values by column name; a column not named is NULL.
    func row(_ values: [String: TransferValue]) -> [TransferValue] {
        columnNames.map { values[$0] ?? .null }
    }
}
