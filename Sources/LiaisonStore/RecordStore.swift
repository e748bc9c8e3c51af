import LiaisonCore

/// What an engine does for every `StoredRecord` kind: it runs the kind's plans (`StoredRecord+Plans`), so the
/// per-kind methods of the store (`createOrganization`, `updatePerson`, ...) are stated once, here.
public protocol RecordStore: SharedStatements {
    /// Creates every input in one transaction, all or none; a failure is a `BatchRowError` naming the input.
    /// The engine's own: a batch sets its search indexes' upkeep aside until the end.
    func createRecords<Record: StoredRecord>(_ kind: Record.Type, _ inputs: [Record.Input], by actor: AuditActor)
        async throws -> [Int64]
}

extension LiaisonStore {
    public func organization(id: Int64) async throws -> Organization? {
        try await records(Organization.self, ids: [id]).first
    }

    public func createOrganization(_ input: OrganizationInput, by actor: AuditActor) async throws -> Organization {
        try await createRecord(input, by: actor)
    }

    public func createOrganizations(_ inputs: [OrganizationInput], by actor: AuditActor) async throws -> [Int64] {
        try await createRecords(Organization.self, inputs, by: actor)
    }

    public func updateOrganization(id: Int64, expectedVersion: Int, _ input: OrganizationInput, by actor: AuditActor)
        async throws -> Organization
    {
        try await updateRecord(Organization.self, id: id, expectedVersion: expectedVersion, input, by: actor)
    }

    public func deleteOrganization(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await deleteRecord(Organization.self, id: id, expectedVersion: expectedVersion, by: actor)
    }

    public func person(id: Int64) async throws -> Person? { try await records(Person.self, ids: [id]).first }

    public func people(ids: [Int64]) async throws -> [Person] { try await records(Person.self, ids: ids) }

    public func createPerson(_ input: PersonInput, by actor: AuditActor) async throws -> Person {
        try await createRecord(input, by: actor)
    }

    public func createPeople(_ inputs: [PersonInput], by actor: AuditActor) async throws -> [Int64] {
        try await createRecords(Person.self, inputs, by: actor)
    }

    public func updatePerson(id: Int64, expectedVersion: Int, _ input: PersonInput, by actor: AuditActor)
        async throws -> Person
    {
        try await updateRecord(Person.self, id: id, expectedVersion: expectedVersion, input, by: actor)
    }

    public func deletePerson(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await deleteRecord(Person.self, id: id, expectedVersion: expectedVersion, by: actor)
    }

    public func activity(id: Int64) async throws -> Activity? { try await records(Activity.self, ids: [id]).first }

    public func activities(ids: [Int64]) async throws -> [Activity] { try await records(Activity.self, ids: ids) }

    public func createActivity(_ input: ActivityInput, by actor: AuditActor) async throws -> Activity {
        try await createRecord(input, by: actor)
    }

    public func updateActivity(id: Int64, expectedVersion: Int, _ input: ActivityInput, by actor: AuditActor)
        async throws -> Activity
    {
        try await updateRecord(Activity.self, id: id, expectedVersion: expectedVersion, input, by: actor)
    }

    public func deleteActivity(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await deleteRecord(Activity.self, id: id, expectedVersion: expectedVersion, by: actor)
    }
}

extension LiaisonStore {
    public func mergePeople(keep: Int64, keepVersion: Int, remove: Int64, removeVersion: Int, by actor: AuditActor)
        async throws -> Person
    {
        try Person.checkMerge(keep: keep, remove: remove)
        return try await writing { dialect in
            Person.merging(
                keep: keep, keepVersion: keepVersion, remove: remove, removeVersion: removeVersion, by: actor,
                dialect: dialect)
        }
    }
}

extension Person {
    /// `remove` folded into `keep` and deleted, both entries in the trail. Both rows are locked first, in id
    /// order, so two merges of the same pair cannot deadlock.
    static func merging(
        keep: Int64, keepVersion: Int, remove: Int64, removeVersion: Int, by actor: AuditActor,
        dialect: any SQLDialect
    ) -> SQLPlan<Person> {
        let lock: SQLPlan<Void> =
            dialect.lockAgainstWriters.isEmpty
            ? .value(())
            : .run([
                SQLFragment(
                    "SELECT id FROM person WHERE id IN (?, ?) ORDER BY id \(dialect.lockAgainstWriters)",
                    [.integer(keep), .integer(remove)])
            ])
        return lock.then {
            locking(id: keep, expectedVersion: nil, dialect: dialect)
        }.then { kept in
            locking(id: remove, expectedVersion: nil, dialect: dialect).map { (kept, $0) }
        }.then { pair in
            let (kept, removed) = pair
            try checkMerge(kept: kept, keepVersion: keepVersion, removed: removed, removeVersion: removeVersion)
            return SQLPlan<Void>.run(
                mergeMoves(keep: keep, remove: remove) + [SQLFragment(deleteStatement, [.integer(remove)])]
            )
            .then {
                rewriting(kept, kept.input.merged(with: removed.input), dialect: dialect)
            }.then { (after, _) in
                SQLPlan.sequence(
                    AuditEvent.merge(kept: kept, removed: removed, result: after, by: actor).map {
                        AuditRows.appending($0, dialect: dialect)
                    }
                ).map { _ in after }
            }
        }
    }

    /// Refuses a merge of a person with themselves, before anything is read.
    public static func checkMerge(keep: Int64, remove: Int64) throws(ValidationError) {
        guard keep != remove else {
            throw ValidationError(
                field: "otherId", rule: "not_self", message: "A person cannot be merged with themselves.")
        }
    }

    /// What a merge moves to the kept person before the other is deleted (which would drop them): the links of
    /// reports that name the other, and the follow-ups that concern them. Where a report or a follow-up names
    /// both, the kept person's row stays, taking the other's link state when that says more (added by an author
    /// over found in the text, found over removed).
    public static func mergeMoves(keep: Int64, remove: Int64) -> [SQLFragment] {
        [
            SQLFragment(
                """
                UPDATE report_link SET state = (SELECT r.state FROM report_link r
                    WHERE r.report_id = report_link.report_id AND r.person_id = ?)
                WHERE person_id = ? AND EXISTS (SELECT 1 FROM report_link r
                    WHERE r.report_id = report_link.report_id AND r.person_id = ?
                    AND (r.state = 'added' OR (r.state = 'found' AND report_link.state = 'removed')))
                """, [.integer(remove), .integer(keep), .integer(remove)]),
            SQLFragment(
                """
                UPDATE report_link SET person_id = ? WHERE person_id = ? AND NOT EXISTS (SELECT 1 FROM report_link k
                    WHERE k.report_id = report_link.report_id AND k.person_id = ?)
                """, [.integer(keep), .integer(remove), .integer(keep)]),
            SQLFragment(
                """
                UPDATE follow_up_person SET person_id = ? WHERE person_id = ? AND NOT EXISTS (SELECT 1
                    FROM follow_up_person k WHERE k.follow_up_id = follow_up_person.follow_up_id AND k.person_id = ?)
                """, [.integer(keep), .integer(remove), .integer(keep)]),
        ]
    }

    /// Refuses a merge made from a stale read of either person.
    public static func checkMerge(kept: Person, keepVersion: Int, removed: Person, removeVersion: Int)
        throws(StoreError)
    {
        try kept.check(expectedVersion: keepVersion)
        try removed.check(expectedVersion: removeVersion)
    }
}
