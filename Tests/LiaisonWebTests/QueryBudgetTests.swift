import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonSQLite
import LiaisonStore
import LiaisonSynthetic
import LiaisonTestSupport
import Synchronization
import Testing

/// The statements SQLite ran, as it ran them (arguments written in).
final class StatementLog: Sendable {
    private let statements = Mutex<[String]>([])

    func record(_ sql: String) { statements.withLock { $0.append(sql) } }

    /// The reads `body` made: SELECT statements, in order, without those SQLite runs for itself (reading
    /// the schema on a new connection, the full-text index's configuration).
    func reads(during body: () async throws -> Void) async throws -> [String] {
        statements.withLock { $0.removeAll() }
        try await body()
        return statements.withLock { $0 }.filter {
            $0.uppercased().hasPrefix("SELECT") && !$0.contains("FROM sqlite_master") && !$0.contains("FROM 'main'.")
        }
    }
}

/// Runs `body` against the app on a SQLite file filled with a small synthetic network whose statements are
/// logged; `plans` reads query plans on a connection of its own.
func withSyntheticApp(
    organizations: Int = 80, people: Int = 2_000, activities: Int = 1_000,
    _ body: @escaping @Sendable (TestApp, StatementLog, DatabaseQueue) async throws -> Void
) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("test.sqlite").path
    let log = StatementLog()
    let store = try SQLiteStore.open(path: path, observingStatements: log.record)
    _ = try await SyntheticNetwork.seed(
        into: store, SyntheticOptions(organizations: organizations, people: people, activities: activities, seed: 11),
        storeName: "test")
    let plans = try DatabaseQueue(path: path)
    try await runTestApp(store: store) { app in
        // The first request of a session records that it was seen; the pages measured come after it.
        _ = try await app.get("/organizations")
        try await body(app, log, plans)
    }
}

/// Lists count what matches up to `PersonQuery.countLimit` and then say "more than", still paging on.
@Suite struct LargeListTests {
    @Test func aListOfMoreThanTenThousandPeopleSaysSoAndStillPages() async throws {
        try await withSyntheticApp(organizations: 50, people: 10_060) { app, _, _ in
            let first = try await app.get("/people").text
            #expect(first.contains("More than 10,000 people"))
            #expect(first.contains("Page 1<") || first.contains("Page 1 "), "no page count when the total is not known")
            #expect(!first.contains("Page 1 of"))
            #expect(first.contains("page=2"))

            let api = try await app.get("/api/v1/people?perPage=10").json()
            #expect(api["total"] as? Int == 10_000)
            #expect(api["totalIsLowerBound"] as? Bool == true)

            // Past the people counted, pages go on while they are full.
            let beyond = try await app.get("/people?page=201").text
            #expect(beyond.contains("page=202"))
            let last = try await app.get("/people?page=202").text
            #expect(!last.contains("page=203"))

            let narrow = try await app.get("/api/v1/people?country=FR&perPage=10").json()
            #expect(narrow["totalIsLowerBound"] as? Bool == false)
        }
    }
}

/// Pages make the same number of queries whatever the number of rows they show: no query per row.
@Suite struct QueryCountTests {
    @Test func pagesAndAPIListsReadTheSameNumberOfTimesForFiveRowsAsForFifty() async throws {
        try await withSyntheticApp { app, log, _ in
            for path in [
                "/organizations?perPage=", "/organizations?region=europe&sort=-population&perPage=",
                "/people?perPage=", "/people?channel=email&perPage=", "/api/v1/organizations?perPage=",
                "/api/v1/people?perPage=",
            ] {
                var counts: [Int] = []
                for perPage in [5, 50] {
                    let reads = try await log.reads {
                        let response = try await app.get(path + "\(perPage)")
                        #expect(response.status == .ok, "\(path)\(perPage)")
                    }
                    counts.append(reads.count)
                }
                #expect(counts[0] == counts[1], "\(path): \(counts[0]) reads for 5 rows, \(counts[1]) for 50")
            }
        }
    }

    @Test func calendarPagesAndActivityPagesReadAsOftenForFewAsForMany() async throws {
        try await withSyntheticApp { app, log, _ in
            // A staff member's quiet week against everyone's month: a handful of activities against a hundred.
            let quiet = try await log.reads { _ = try await app.get("/calendar?view=week&date=2026-03-04&staff=3") }
            let busy = try await log.reads { _ = try await app.get("/calendar?view=month&date=2026-03-01") }
            #expect(quiet.count == busy.count, "\(quiet.count) reads for a quiet week, \(busy.count) for a busy month")
            // An activity with one organization and one with many read as often.
            let all = try await app.store.listActivities(ActivityQuery(limit: 1_000))
            let details = try await app.store.activities(ids: all.map(\.id))
            let small = try #require(
                details.first { $0.kind == .bilateralMeeting && $0.organizations.count == 1 && $0.people.isEmpty })
            let large = try #require(
                details.filter { $0.kind == .event }.max { $0.organizations.count < $1.organizations.count })
            #expect(large.organizations.count > 10)
            let few = try await log.reads { _ = try await app.get("/activities/\(small.id)") }
            let many = try await log.reads { _ = try await app.get("/activities/\(large.id)") }
            #expect(few.count == many.count, "\(few.count) reads for one organization, \(many.count) for many")
        }
    }

    @Test func theHomePageReadsAsOftenForABusyWeekAndManyOrganizationsAsForOne() async throws {
        try await withSyntheticApp { app, log, _ in
            let editor = app.editor.account.id
            func follow(_ index: Int) async throws {
                let organization = try await app.store.createOrganization(
                    OrganizationInput(name: "Followed \(index)", country: "FR", focalPointAccountId: editor))
                var input = organization.input
                input.population = index
                _ = try await app.store.updateOrganization(id: organization.id, expectedVersion: 1, input)
                _ = try await app.store.createActivity(
                    HomePagesTests.ongoing("Call \(index)", staff: [editor]), by: .system)
            }
            try await follow(0)
            let quiet = try await log.reads { _ = try await app.get("/", as: .editor) }
            for index in 1..<60 { try await follow(index) }
            let busy = try await log.reads {
                let page = try await app.get("/", as: .editor)
                #expect(page.status == .ok)
                #expect(page.text.contains("Followed 59"))
            }
            #expect(
                quiet.count == busy.count, "\(quiet.count) reads for a quiet home page, \(busy.count) for a busy one")
        }
    }

    @Test func anOrganizationPageReadsAsOftenWithAHundredPeopleAsWithNone() async throws {
        try await withSyntheticApp { app, log, database in
            let (fewest, most) = try await database.read { db in
                let counts = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT o.id, count(pp.person_id) AS n FROM organization o
                        LEFT JOIN person_position pp ON pp.organization_id = o.id GROUP BY o.id ORDER BY n, o.id
                        """)
                let first = counts.first!
                let last = counts.last!
                return ((first["id"] as Int64, first["n"] as Int), (last["id"] as Int64, last["n"] as Int))
            }
            #expect(most.1 - fewest.1 >= 20, "the network should hold organizations of very different sizes")
            var counts: [Int] = []
            for id in [fewest.0, most.0] {
                let reads = try await log.reads {
                    let response = try await app.get("/organizations/\(id)")
                    #expect(response.status == .ok)
                }
                counts.append(reads.count)
            }
            #expect(counts[0] == counts[1], "\(counts[0]) reads for \(fewest.1) people, \(counts[1]) for \(most.1)")
        }
    }

    @Test func aPersonPageReadsAsOftenWithManyChannelsAndPositionsAsWithFew() async throws {
        try await withSyntheticApp { app, log, database in
            let (fewest, most) = try await database.read { db in
                let ids = try Int64.fetchAll(
                    db,
                    sql: """
                        SELECT p.id FROM person p ORDER BY
                            (SELECT count(*) FROM person_channel WHERE person_id = p.id)
                            + (SELECT count(*) FROM person_position WHERE person_id = p.id)
                            + (SELECT count(*) FROM person_language WHERE person_id = p.id), p.id
                        """)
                return (ids.first!, ids.last!)
            }
            var counts: [Int] = []
            for id in [fewest, most] {
                for path in ["/people/\(id)", "/api/v1/people/\(id)", "/people/\(id)/edit"] {
                    let reads = try await log.reads {
                        let response = try await app.get(path)
                        #expect(response.status == .ok, "\(path)")
                    }
                    counts.append(reads.count)
                }
            }
            #expect(counts[0..<3] == counts[3..<6], "reads per page, fewest then most rows: \(counts)")
        }
    }
}

/// Every filter and sort the pages offer is answered through an index: the main pages' queries, read back
/// with `EXPLAIN QUERY PLAN`, never scan the people or organizations tables.
@Suite struct QueryPlanTests {
    /// Every filter and sort of the directory, the people list, search, and the record pages.
    static let walk = [
        "/organizations", "/organizations?q=guang", "/organizations?status=member", "/organizations?kind=city",
        "/organizations?country=CN", "/organizations?region=europe", "/organizations?paying=true",
        "/organizations?sort=-name", "/organizations?sort=-population", "/organizations?sort=memberSince",
        "/organizations?sort=-updatedAt", "/organizations?region=asia-pacific&status=member&sort=-population",
        "/organizations?page=3&perPage=10", "/people", "/people?q=chen", "/people?organization=5",
        "/people?country=CN", "/people?position=mayor", "/people?language=zh", "/people?channel=wechat",
        "/people?heldBy=1", "/people?page=4&perPage=10", "/search?q=chen", "/api/v1/search?q=gu",
        "/api/v1/search?q=%E9%99%88", "/organizations/5", "/people/7", "/api/v1/organizations?q=a&sort=-population",
        "/api/v1/people?q=li&country=KR", "/calendar?view=month&date=2026-03-01",
        "/calendar?view=week&date=2026-03-04&staff=1", "/calendar?view=agenda&date=2026-03-01&kind=event,call",
        "/calendar?view=month&date=2026-03-01&region=europe", "/calendar?view=month&date=2026-03-01&organization=5",
        "/activities/5", "/api/v1/activities?from=2026-03-01&to=2026-04-01&person=7",
        "/api/v1/activities?mission=3", "/activities/new", "/", "/organizations?focalPoint=1&sort=-updatedAt",
        "/organizations?ids=1,5,9",
    ]

    @Test func theMainQueriesUseIndexes() async throws {
        try await withSyntheticApp { app, log, database in
            var statements: [String] = []
            for path in Self.walk {
                statements += try await log.reads {
                    let response = try await app.get(path)
                    #expect(response.status == .ok, "\(path)")
                }
            }
            // The duplicate check a new person's form makes, by email and by name at an organization.
            let known = try #require(try await app.store.person(id: 7))
            statements += try await log.reads {
                _ = try await app.store.likelyDuplicates(of: known.input, excluding: nil)
            }
            #expect(statements.count > Self.walk.count * 4)
            for sql in Set(statements).sorted() {
                let plan = try await database.read { db in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
                }
                let problems = Self.fullScans(plan: plan, of: sql)
                #expect(problems.isEmpty, "\(problems) in\n\(sql)\n\(plan.joined(separator: "\n"))")
            }
        }
    }
}

extension QueryPlanTests {
    /// Tables that grow with the network; the staff, settings and sessions stay small or are read by key.
    static let growingTables: Set<String> = [
        "organization", "organization_role", "organization_practice", "organization_affiliation", "person",
        "person_language", "person_position", "person_channel", "audit", "activity", "activity_organization",
        "activity_person", "activity_staff",
    ]

    /// The plan lines that read a growing table whole: a scan without an index, or a walk of every person's
    /// index entry in a statement with no LIMIT to stop it (a count of everyone).
    static func fullScans(plan: [String], of sql: String) -> [String] {
        let tables = aliases(in: sql)
        return plan.filter { line in
            guard line.hasPrefix("SCAN "), let name = line.split(separator: " ").dropFirst().first else { return false }
            let table = tables[String(name)] ?? String(name)
            guard growingTables.contains(table) else { return false }
            if !line.contains(" INDEX ") { return true }
            return table == "person" && !sql.contains("LIMIT")
        }
    }

    /// The table each name in a FROM or JOIN stands for: `person p` makes `p` mean person.
    static func aliases(in sql: String) -> [String: String] {
        let words = sql.split(whereSeparator: { $0.isWhitespace || $0 == "(" || $0 == ")" || $0 == "," }).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        var names: [String: String] = [:]
        for (index, word) in words.enumerated() where ["FROM", "JOIN"].contains(word.uppercased()) {
            guard index + 1 < words.count else { continue }
            let table = words[index + 1]
            names[table] = table
            if index + 2 < words.count {
                let alias =
                    words[index + 2].uppercased() == "AS" && index + 3 < words.count
                    ? words[index + 3] : words[index + 2]
                if !["ON", "WHERE", "JOIN", "LEFT", "ORDER", "GROUP", "LIMIT", "UNION", "USING"].contains(
                    alias.uppercased())
                {
                    names[alias] = table
                }
            }
        }
        return names
    }
}
