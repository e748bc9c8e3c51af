import Foundation
import LiaisonCore

/// Which prospects a board, a funnel or a list shows.
public struct ProspectQuery: Sendable, Hashable {
    /// Any of these; empty for every stage.
    public var stages: [PipelineStage]
    public var region: String?
    /// An ISO 3166 alpha-2 code.
    public var country: String?
    public var ownerAccountId: Int64?
    public var targetActivityId: Int64?
    /// Those to join by this day ("YYYY-MM-DD") at the latest.
    public var targetBy: String?
    public var organizationId: Int64?
    public var limit: Int
    public var offset: Int

    public static let maxLimit = 100_000
    public static let maxOffset = 1_000_000
    /// A board shows at most this many cards a stage, and says how many more there are.
    public static let boardCardsPerStage = 50

    public init(
        stages: [PipelineStage] = [], region: String? = nil, country: String? = nil, ownerAccountId: Int64? = nil,
        targetActivityId: Int64? = nil, targetBy: String? = nil, organizationId: Int64? = nil, limit: Int = 200,
        offset: Int = 0
    ) {
        self.stages = stages
        self.region = region
        self.country = country
        self.ownerAccountId = ownerAccountId
        self.targetActivityId = targetActivityId
        self.targetBy = targetBy
        self.organizationId = organizationId
        self.limit = limit
        self.offset = offset
    }
}

/// A prospect as a board or a list shows it, with the names it needs.
public struct ProspectSummary: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var organizationId: Int64
    public var organizationName: String
    public var country: String?
    public var region: String?
    public var membershipStatus: MembershipStatus
    public var stage: PipelineStage
    public var stageSince: String
    public var ownerAccountId: Int64?
    public var ownerName: String?
    public var targetDate: String?
    public var targetActivityId: Int64?
    public var targetActivityTitle: String?
    public var likelihood: Int?
    public var nextStep: String?
    public var version: Int

    public init(
        id: Int64, organizationId: Int64, organizationName: String, country: String?, region: String?,
        membershipStatus: MembershipStatus, stage: PipelineStage, stageSince: String, ownerAccountId: Int64?,
        ownerName: String?, targetDate: String?, targetActivityId: Int64?, targetActivityTitle: String?,
        likelihood: Int?, nextStep: String?, version: Int
    ) {
        self.id = id
        self.organizationId = organizationId
        self.organizationName = organizationName
        self.country = country
        self.region = region
        self.membershipStatus = membershipStatus
        self.stage = stage
        self.stageSince = stageSince
        self.ownerAccountId = ownerAccountId
        self.ownerName = ownerName
        self.targetDate = targetDate
        self.targetActivityId = targetActivityId
        self.targetActivityTitle = targetActivityTitle
        self.likelihood = likelihood
        self.nextStep = nextStep
        self.version = version
    }
}

/// A board: the first cards of each stage, and how many each stage holds.
public struct PipelineBoard: Sendable, Hashable {
    public var cards: [PipelineStage: [ProspectSummary]]
    public var counts: [PipelineStage: Int]
}

/// The pipeline's lists, stated once for both engines; a prospect itself is read and written as a
/// `StoredRecord`.
public enum PipelineLists {
    static let stageOrder =
        "CASE p.stage "
        + PipelineStage.allCases.map { "WHEN '\($0.rawValue)' THEN \($0.position)" }.joined(separator: " ")
        + " END"

    static func conditions(_ query: ProspectQuery) -> SQLConditions {
        var conditions = SQLConditions()
        if !query.stages.isEmpty {
            let marks = Array(repeating: "?", count: query.stages.count).joined(separator: ", ")
            conditions.add(SQLFragment("p.stage IN (\(marks))", query.stages.map { .text($0.rawValue) }))
        }
        if let region = query.region { conditions.add("o.region = ?", .text(region)) }
        if let country = query.country { conditions.add("o.country = ?", .text(country)) }
        if let id = query.ownerAccountId { conditions.add("p.owner_account_id = ?", .integer(id)) }
        if let id = query.targetActivityId { conditions.add("p.target_activity_id = ?", .integer(id)) }
        if let day = query.targetBy { conditions.add("p.target_date <= ?", .text(day)) }
        if let id = query.organizationId { conditions.add("p.organization_id = ?", .integer(id)) }
        return conditions
    }

    static let columns = """
        p.id, p.organization_id, o.name AS organization_name, o.country, o.region, o.membership_status, p.stage,
        p.stage_since, p.owner_account_id, a.name AS owner_name, p.target_date, p.target_activity_id,
        act.title AS target_activity_title, p.likelihood, p.next_step, p.version
        """

    static let joins = """
        FROM prospect p JOIN organization o ON o.id = p.organization_id
        LEFT JOIN account a ON a.id = p.owner_account_id LEFT JOIN activity act ON act.id = p.target_activity_id
        """

    /// The order of a stage's cards: the nearest target first, then those with none, then by name.
    static let cardOrder = "CASE WHEN p.target_date IS NULL THEN 1 ELSE 0 END, p.target_date, o.name, p.id"

    /// The prospects `query` asks for, by stage and then in card order.
    public static func select(_ query: ProspectQuery) -> SQLFragment {
        let conditions = conditions(query)
        return SQLFragment(
            """
            SELECT \(columns) \(joins) \(conditions.whereClause)
            ORDER BY \(stageOrder), \(cardOrder) LIMIT ? OFFSET ?
            """,
            conditions.binds + [
                .integer(min(max(query.limit, 1), ProspectQuery.maxLimit)),
                .integer(min(max(query.offset, 0), ProspectQuery.maxOffset)),
            ])
    }

    /// The first `perStage` cards of each stage, in card order.
    public static func board(_ query: ProspectQuery, perStage: Int) -> SQLFragment {
        let conditions = conditions(query)
        return SQLFragment(
            """
            SELECT * FROM (
                SELECT \(columns), ROW_NUMBER() OVER (PARTITION BY p.stage ORDER BY \(cardOrder)) AS card
                \(joins) \(conditions.whereClause)
            ) cards WHERE card <= ? ORDER BY stage, card
            """, conditions.binds + [.integer(perStage)])
    }

    public static func counts(_ query: ProspectQuery) -> SQLFragment {
        let conditions = conditions(query)
        return SQLFragment(
            """
            SELECT p.stage, count(*) AS n FROM prospect p JOIN organization o ON o.id = p.organization_id
            \(conditions.whereClause) GROUP BY p.stage
            """, conditions.binds)
    }

    /// Every move of the prospects `query` asks for, each prospect's in order: what the funnel is made of.
    public static func moves(_ query: ProspectQuery) -> SQLFragment {
        let conditions = conditions(query)
        return SQLFragment(
            """
            SELECT p.id, o.region, p.stage, h.to_stage, h.reached_on
            FROM prospect p JOIN organization o ON o.id = p.organization_id
            JOIN prospect_stage_change h ON h.prospect_id = p.id
            \(conditions.whereClause) ORDER BY p.id, h.id
            """, conditions.binds)
    }

    public static func summary(_ row: some SQLRow) throws -> ProspectSummary {
        ProspectSummary(
            id: try row.integer("id") ?? 0, organizationId: try row.integer("organization_id") ?? 0,
            organizationName: try row.string("organization_name"), country: try row.text("country"),
            region: try row.text("region"),
            membershipStatus: MembershipStatus(rawValue: try row.string("membership_status")) ?? .none,
            stage: PipelineStage(rawValue: try row.string("stage")) ?? .identified,
            stageSince: try row.string("stage_since"), ownerAccountId: try row.integer("owner_account_id"),
            ownerName: try row.text("owner_name"), targetDate: try row.text("target_date"),
            targetActivityId: try row.integer("target_activity_id"),
            targetActivityTitle: try row.text("target_activity_title"), likelihood: try row.int("likelihood"),
            nextStep: try row.text("next_step"), version: try row.int("version") ?? 1)
    }
}

extension LiaisonStore {
    public func prospect(id: Int64) async throws -> Prospect? { try await records(Prospect.self, ids: [id]).first }

    /// The organization's place in the pipeline, if it has one.
    public func prospect(organizationId: Int64) async throws -> Prospect? {
        try await reading { Prospect.reading(organizationId: organizationId, dialect: $0) }
    }

    /// Adds the organization to the pipeline at version 1, its first move kept. Throws `ValidationError` naming
    /// every rule it breaks; `today` ("YYYY-MM-DD", the viewer's) bounds the day a stage was reached.
    public func createProspect(_ input: ProspectInput, today: String? = nil, by actor: AuditActor) async throws
        -> Prospect
    {
        try await createRecord(try Self.checked(input, today: today), by: actor)
    }

    /// Rewrites the prospect when `expectedVersion` is current; a new stage appends its move, and joined makes
    /// the organization a member in the same write. The organization stays the one it was added for.
    public func updateProspect(
        id: Int64, expectedVersion: Int, _ input: ProspectInput, today: String? = nil, by actor: AuditActor
    ) async throws -> Prospect {
        guard let current = try await prospect(id: id) else { throw StoreError.notFound(entity: .prospect, id: id) }
        var input = input
        input.organizationId = current.input.organizationId
        return try await updateRecord(
            Prospect.self, id: id, expectedVersion: expectedVersion, try Self.checked(input, today: today), by: actor)
    }

    private static func checked(_ input: ProspectInput, today: String?) throws(ValidationError) -> ProspectInput {
        let normalized = input.normalized()
        try normalized.validate(today: today ?? LocalTime(Date(), in: .gmt).dayKey)
        return normalized
    }

    public func deleteProspect(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await deleteRecord(Prospect.self, id: id, expectedVersion: expectedVersion, by: actor)
    }

    public func listProspects(_ query: ProspectQuery) async throws -> [ProspectSummary] {
        try await fetch(PipelineLists.select(query)) { try PipelineLists.summary($0) }
    }

    public func pipelineBoard(_ query: ProspectQuery, perStage: Int = ProspectQuery.boardCardsPerStage) async throws
        -> PipelineBoard
    {
        let cards = try await fetch(PipelineLists.board(query, perStage: perStage)) { try PipelineLists.summary($0) }
        let counts = try await fetch(PipelineLists.counts(query)) {
            (PipelineStage(rawValue: try $0.string("stage")) ?? .identified, try $0.int("n") ?? 0)
        }
        return PipelineBoard(
            cards: Dictionary(grouping: cards, by: \.stage),
            counts: Dictionary(counts, uniquingKeysWith: +))
    }

    public func pipelineFunnel(_ query: ProspectQuery) async throws -> PipelineFunnel {
        let rows = try await fetch(PipelineLists.moves(query)) { row in
            (
                id: try row.integer("id") ?? 0, region: try row.text("region") ?? "",
                stage: PipelineStage(rawValue: try row.string("stage")) ?? .identified,
                move: PipelineStage(rawValue: try row.string("to_stage")) ?? .identified,
                day: ICalendar.day(try row.string("reached_on")) ?? 0
            )
        }
        var paths: [PipelineFunnel.Path] = []
        var current: Int64?
        for row in rows {
            if row.id != current {
                paths.append(PipelineFunnel.Path(region: row.region, stage: row.stage, moves: []))
                current = row.id
            }
            paths[paths.count - 1].moves.append((row.move, row.day))
        }
        return PipelineFunnel(paths: paths)
    }
}

extension Prospect {
    /// The organization's place in the pipeline, nil when it is not in it.
    public static func reading(organizationId: Int64, dialect: any SQLDialect) -> SQLPlan<Prospect?> {
        SQLFragment("SELECT id FROM prospect WHERE organization_id = ?", [.integer(organizationId)])
            .rows { try $0.integer(at: 0) ?? 0 }
            .then { loading(ids: $0, dialect: dialect) }.map(\.first)
    }
}
