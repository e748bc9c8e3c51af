import Foundation
import LiaisonCore

extension LiaisonStore {
    /// The coverage facts of each of these organizations that exists, with the normalized text of its
    /// practices (each word preceded by a space, for word-prefix matching): one statement per fact for the
    /// whole set, all in one trip to the database.
    func coverageFacts(ids: [Int64], now: Date) async throws -> [Int64: (facts: CoverageFacts, practiceText: String)] {
        guard !ids.isEmpty else { return [:] }
        return try await reading { _ in CoverageFacts.reading(ids: ids, now: now) }
    }
}

extension CoverageFacts {
    /// The facts of `reading(ids:now:)` as they are gathered, statement by statement.
    private struct Gathered {
        var facts: [Int64: CoverageFacts] = [:]
        var practiceTexts: [Int64: [String]] = [:]

        /// Each row of `statement` (`organization_id`, `n`, `detail`) applied to the facts of its organization.
        func adding(_ statement: SQLFragment, _ apply: @escaping (inout CoverageFacts, Int, String?) -> Void)
            -> SQLPlan<Gathered>
        {
            statement.rows {
                (try $0.integer("organization_id") ?? 0, try $0.int("n") ?? 0, try $0.text("detail"))
            }.map { rows in
                var next = self
                for (id, n, detail) in rows where next.facts[id] != nil { apply(&next.facts[id]!, n, detail) }
                return next
            }
        }
    }

    /// The coverage facts of each of `ids` that exists, with its practices' normalized text, as a plan: the
    /// profile first, then one statement per fact for the whole set.
    public static func reading(ids: [Int64], now: Date) -> SQLPlan<
        [Int64: (facts: CoverageFacts, practiceText: String)]
    > {
        let marks = ids.map { _ in "?" }.joined(separator: ", ")
        let binds = ids.map { SQLBind.integer($0) }
        let profiles = SQLFragment(
            """
            SELECT o.id, o.population, o.latitude, o.longitude, o.website, o.native_name,
                coalesce(a.name, o.focal_point) AS focal
            FROM organization o LEFT JOIN account a ON a.id = o.focal_point_account_id WHERE o.id IN (\(marks))
            """, binds
        ).rows { row in
            var fact = CoverageFacts()
            fact.hasPopulation = try row.integer("population") != nil
            fact.hasCoordinates = try row.real("latitude") != nil && row.real("longitude") != nil
            fact.hasWebsite = !(try row.text("website") ?? "").isEmpty
            fact.hasNativeName = !(try row.text("native_name") ?? "").isEmpty
            fact.focalPoint = try row.text("focal").flatMap { $0.isEmpty ? nil : $0 }
            return (try row.integer("id") ?? 0, fact)
        }
        func statement(_ sql: String, _ extra: [SQLBind] = []) -> SQLFragment { SQLFragment(sql, extra + binds) }
        return profiles.then { rows -> SQLPlan<Gathered> in
            let gathered = Gathered(facts: Dictionary(rows, uniquingKeysWith: { first, _ in first }))
            guard !gathered.facts.isEmpty else { return .value(gathered) }
            return gathered.adding(
                statement(
                    """
                    SELECT organization_id, count(*) AS n, NULL AS detail FROM organization_role
                    WHERE organization_id IN (\(marks)) GROUP BY organization_id
                    """)
            ) { fact, n, _ in fact.governanceRoles = n }
            .then {
                $0.adding(
                    statement(
                        """
                        SELECT organization_id, count(DISTINCT person_id) AS n, NULL AS detail FROM person_position
                        WHERE end_date IS NULL AND organization_id IN (\(marks)) GROUP BY organization_id
                        """)
                ) { fact, n, _ in fact.people = n }
            }
            .then {
                $0.adding(
                    statement(
                        """
                        SELECT pp.organization_id, count(*) AS n, min(a.name) AS detail
                        FROM person_position pp JOIN person_channel ch ON ch.person_id = pp.person_id
                        LEFT JOIN account a ON a.id = ch.held_by_account_id
                        WHERE pp.end_date IS NULL AND pp.organization_id IN (\(marks)) GROUP BY pp.organization_id
                        """)
                ) { fact, n, holder in
                    fact.channels = n
                    fact.channelHolder = holder
                }
            }
            .then {
                $0.adding(
                    statement(
                        """
                        SELECT fo.organization_id, count(*) AS n, min(f.due_date) AS detail
                        FROM follow_up_organization fo JOIN follow_up f ON f.id = fo.follow_up_id
                        WHERE f.status IN ('open', 'waiting') AND f.due_date IS NOT NULL
                            AND fo.organization_id IN (\(marks))
                        GROUP BY fo.organization_id
                        """)
                ) { fact, _, due in fact.earliestOpenDue = due }
            }
            // An interaction: a past activity it confirmed or attended, or a report that mentions it.
            .then { gathered in
                SQLFragment(
                    """
                    SELECT ao.organization_id, max(a.starts_at) AS last
                    FROM activity_organization ao JOIN activity a ON a.id = ao.activity_id
                    WHERE ao.status IN ('confirmed', 'attended') AND a.starts_at <= ? AND ao.organization_id IN (\(marks))
                    GROUP BY ao.organization_id
                    UNION ALL
                    SELECT l.organization_id, max(r.created_at) AS last
                    FROM report_link l JOIN report r ON r.id = l.report_id
                    WHERE l.state IN ('found', 'added') AND l.organization_id IN (\(marks))
                    GROUP BY l.organization_id
                    """, [.date(now)] + binds + binds
                ).rows { (try $0.integer(at: 0) ?? 0, try $0.date(at: 1)) }.map { rows in
                    var next = gathered
                    for (id, last) in rows {
                        guard let last else { continue }
                        let day = CoverageDays.day(last)
                        if let known = next.facts[id]?.lastInteraction, known >= day { continue }
                        next.facts[id]?.lastInteraction = day
                    }
                    return next
                }
            }
            .then { gathered in
                statement(
                    """
                    SELECT organization_id, title, description FROM organization_practice
                    WHERE organization_id IN (\(marks)) ORDER BY organization_id, position
                    """
                ).rows {
                    (
                        try $0.integer("organization_id") ?? 0,
                        PracticeText.normalized(title: try $0.string("title"), description: try $0.text("description"))
                    )
                }.map { rows in
                    var next = gathered
                    for (id, text) in rows where next.facts[id] != nil {
                        next.facts[id]?.practices += 1
                        next.practiceTexts[id, default: []].append(text)
                    }
                    return next
                }
            }
        }.map { gathered in
            gathered.facts.reduce(into: [:]) { result, entry in
                result[entry.key] = (entry.value, gathered.practiceTexts[entry.key]?.joined() ?? "")
            }
        }
    }
}

/// A practice's words as the practices search matches them: normalized as every search is, each word preceded
/// by a space, so that " term" finds a word starting with the term.
public enum PracticeText {
    public static func normalized(title: String, description: String?) -> String {
        let words = SearchText.normalize(title + " " + (description ?? "")).split(separator: " ")
        return words.map { " " + $0 }.joined()
    }

    /// Whether each term starts a word of `text` (as `normalized` wrote it).
    public static func matches(_ text: String, terms: [String]) -> Bool {
        terms.allSatisfy { text.contains(" " + $0) }
    }
}
