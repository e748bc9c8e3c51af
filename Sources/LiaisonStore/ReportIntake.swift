import Foundation
import LiaisonCore

/// What finds the organizations and people a report's text names. People's names are ambiguous, so the
/// finder is told who is in context: the activity's participants and the organizations it found.
public protocol ReportMentionFinder: Sendable {
    func mentions(in text: String, people: Set<Int64>, organizations: Set<Int64>) async throws -> [MentionTarget]
}

/// A finder that finds nothing: links are then only those authors add.
public struct NoMentionFinder: ReportMentionFinder {
    public init() {}

    public func mentions(in text: String, people: Set<Int64>, organizations: Set<Int64>) async throws
        -> [MentionTarget]
    { [] }
}

/// How a report is written or changed, whoever brings it (the pages, the API, the demo): normalized,
/// checked, its mentions found and its `@handles` resolved, then saved in one transaction with what its
/// text makes (links, follow-ups, inbox entries).
public struct ReportIntake: Sendable {
    public let store: any LiaisonStore
    public let finder: any ReportMentionFinder

    public init(store: any LiaisonStore, finder: any ReportMentionFinder) {
        self.store = store
        self.finder = finder
    }

    /// The input as the author set it, normalized. Throws `ValidationError` naming every rule it breaks.
    public func checked(_ input: ReportInput) throws(ValidationError) -> ReportInput { try input.checked() }

    /// The checked input with what the store writes from it: the authors (the one saving, when none are
    /// named), the links its text names, whom its `@handles` and task lines name.
    public func resolved(_ input: ReportInput, by actor: AuditActor) async throws -> ReportInput {
        var input = try checked(input)
        if input.authorAccountIds.isEmpty, let accountId = actor.accountId { input.authorAccountIds = [accountId] }
        var people = Set<Int64>()
        var organizations = Set([input.organizationId].compactMap { $0 })
        if let activityId = input.activityId, let activity = try await store.activity(id: activityId) {
            people.formUnion(activity.input.people.compactMap(\.personId))
            organizations.formUnion(activity.input.organizations.compactMap(\.organizationId))
            if let place = activity.input.placeOrganizationId { organizations.insert(place) }
        }
        let text = input.title + "\n" + input.body
        var found = try await finder.mentions(in: text, people: people, organizations: organizations)
        // A person at an organization the text names is in context too: a second look links them.
        let named = Set(found.filter { $0.kind == .organization }.map(\.id))
        if !named.isSubset(of: organizations) {
            found = try await finder.mentions(in: text, people: people, organizations: organizations.union(named))
        }
        let staff = try await store.accounts().filter { !$0.disabled }
        let handles = StaffHandles(staff.map { (id: $0.id, name: $0.name, email: $0.email) })
        var assignees: [String: Int64] = [:]
        for task in ReportTasks.tasks(in: input.body) {
            if let handle = task.assigneeHandle, let account = handles.account(for: handle) {
                assignees[task.key] = account
            }
        }
        input.resolved = ReportResolution(
            found: found, mentionedAccountIds: handles.accounts(in: input.body), assignees: assignees,
            savedByAccountId: actor.accountId, savedAt: .storedNow())
        return input
    }

    public func create(_ input: ReportInput, by actor: AuditActor) async throws -> Report {
        try await store.createReport(try await resolved(input, by: actor), by: actor)
    }

    /// Replaces the report's fields when `expectedVersion` is current.
    public func update(id: Int64, expectedVersion: Int, _ input: ReportInput, by actor: AuditActor) async throws
        -> Report
    {
        try await store.updateReport(
            id: id, expectedVersion: expectedVersion, try await resolved(input, by: actor), by: actor)
    }

    /// Keeps a link the text made, or adds one, whichever an author asks; saved like any change.
    public func link(_ target: MentionTarget, in report: Report, expectedVersion: Int, by actor: AuditActor)
        async throws -> Report
    {
        var input = report.input
        input.linksRemoved.removeAll { $0 == target }
        if !input.linksAdded.contains(target) { input.linksAdded.append(target) }
        return try await update(id: report.id, expectedVersion: expectedVersion, input, by: actor)
    }

    /// Removes a link; the text will not make it again.
    public func unlink(_ target: MentionTarget, in report: Report, expectedVersion: Int, by actor: AuditActor)
        async throws -> Report
    {
        var input = report.input
        input.linksAdded.removeAll { $0 == target }
        if !input.linksRemoved.contains(target) { input.linksRemoved.append(target) }
        return try await update(id: report.id, expectedVersion: expectedVersion, input, by: actor)
    }
}

extension MentionDirectory: ReportMentionFinder {
    /// The targets of the mentions the directory's index finds, each once, in the order of the text.
    public func mentions(in text: String, people: Set<Int64>, organizations: Set<Int64>) async throws
        -> [MentionTarget]
    {
        var seen = Set<MentionTarget>()
        return try await find(
            in: text, context: MentionContext(participantPeople: people, participantOrganizations: organizations)
        ).compactMap(\.target).filter { seen.insert($0).inserted }
    }
}
