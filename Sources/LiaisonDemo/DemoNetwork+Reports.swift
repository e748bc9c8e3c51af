import Foundation
import LiaisonCore
import LiaisonStore

extension DemoNetwork {
    /// The trip report of the source document on the Guangzhou mission, written by Felip Roca with Agnès
    /// Bickart asked to review it, saved as a colleague would save it: the directory's index links the cities
    /// its text names, its authors add the people they met, and its task lines become its follow-ups (due
    /// days counted from `today`, one of them overdue, so the home page has an overdue count to show); then
    /// Agnès's comment under it. Returns how many reports were written.
    static func seedReports(
        into store: any LiaisonStore, organizations: [String: Int64], people: [String: Int64],
        activities: [String: Int64], today: Date
    ) async throws -> Int {
        let url = URL(fileURLWithPath: Bundle.module.bundlePath).appendingPathComponent("Resources/demo-reports.json")
        let root = try JSONDecoder().decode(DemoReports.self, from: Data(contentsOf: url))
        let names = root.reports.flatMap { $0.authors + $0.reviewers + $0.comments.map(\.author) }
        let staff = try await createStaff(named: Set(names), in: store)
        func actor(_ name: String) -> AuditActor { AuditActor(accountId: staff[name], name: name) }
        let intake = ReportIntake(store: store, finder: MentionDirectory(store: store))
        for entry in root.reports {
            var input = ReportInput(
                title: entry.title, body: dated(entry.body, from: today), status: entry.status,
                authorAccountIds: entry.authors.compactMap { staff[$0] },
                reviewerAccountIds: entry.reviewers.compactMap { staff[$0] },
                activityId: try entry.activity.map { key in
                    guard let id = activities[key] else {
                        throw ValidationError(
                            field: "activityId", rule: "unknown_activity", message: "No demo activity \(key).")
                    }
                    return id
                })
            input.linksAdded = try entry.people.map { name in
                guard let id = people[name] else {
                    throw ValidationError(
                        field: "linksAdded", rule: "unknown_person", message: "No demo person \(name).")
                }
                return MentionTarget(.person, id)
            }
            let report = try await intake.create(input, by: actor(entry.authors.first ?? ""))
            // What the task lines cannot say: the follow-up's details, priority and the organizations it is about.
            let made = try await store.listFollowUps(FollowUpQuery(statuses: [], reportId: report.id))
            for amendment in entry.followUps {
                guard let line = made.first(where: { $0.title == amendment.task }),
                    let followUp = try await store.followUp(id: line.id)
                else {
                    throw ValidationError(
                        field: "followUps", rule: "unknown_task", message: "No task line \(amendment.task).")
                }
                var changed = followUp.input
                changed.details = amendment.details
                changed.priority = amendment.priority ?? changed.priority
                if let named = amendment.organizations {
                    changed.organizationIds = named.compactMap { organizations[$0] }
                }
                _ = try await store.updateFollowUp(
                    id: followUp.id, expectedVersion: followUp.version, changed,
                    by: actor(entry.authors.first ?? ""))
            }
            for comment in entry.comments {
                _ = try await store.createComment(
                    CommentInput(reportId: report.id, body: comment.body), by: actor(comment.author))
            }
        }
        return root.reports.count
    }

    /// The text with each `{today+N}` or `{today-N}` written as the day N days from `today` (YYYY-MM-DD).
    static func dated(_ text: String, from today: Date) -> String {
        text.replacing(/\{today([+-]\d+)\}/) { match in day(Int(match.output.1) ?? 0, from: today) }
    }

    /// The day `offset` days from `today`, in UTC, as YYYY-MM-DD.
    static func day(_ offset: Int, from today: Date) -> String {
        let calendar = ActivityTime.calendar(.utc)
        let date = calendar.date(byAdding: .day, value: offset, to: today) ?? today
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 2026, parts.month ?? 1, parts.day ?? 1)
    }
}

/// The demo reports file: reports naming their activity, staff and people by key and name.
private struct DemoReports: Decodable {
    struct Comment: Decodable {
        var author: String
        var body: String
    }
    struct FollowUp: Decodable {
        /// The title of the task line it came from.
        var task: String
        var details: String?
        var priority: FollowUpPriority?
        var organizations: [String]?
    }
    struct Entry: Decodable {
        var key: String
        var activity: String?
        var title: String
        var authors: [String]
        var reviewers: [String]
        var status: ReportStatus
        var body: String
        /// People the authors met, linked by hand: the text names none of them.
        var people: [String]
        var followUps: [FollowUp]
        var comments: [Comment]
    }
    var reports: [Entry]
}
