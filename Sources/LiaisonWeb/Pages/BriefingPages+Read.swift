import Foundation
import LiaisonCore
import LiaisonStore

/// What a pack reads, in one trip to the database: a call per fact per city cost a transaction each
/// (about 180 of them for 20 cities), where one transaction runs the same statements back to back.
struct BriefingRead: Sendable {
    var settings = WorkspaceSettings()
    var cities: [City] = []

    /// What one city's page shows besides the organization itself.
    struct City: Sendable {
        var people: [Person] = []
        var activities: [ActivitySummary] = []
        var reports: [ReportSummary] = []
        var followUps: [FollowUpSummary] = []
        var prospect: Prospect?
        var engagement = OrganizationEngagement()
    }

    /// The facts of each of `ids`, in that order; interactions are those begun before `now`.
    static func reading(ids: [Int64], now: Date, latest: Int, dialect: any SQLDialect) -> SQLPlan<BriefingRead> {
        SQLPlan.value(BriefingRead())
            .reading(\.settings) { _ in WorkspaceSettings.reading(lock: "") }
            .reading(\.cities) { _ in
                SQLPlan<City>.sequence(ids.map { city(id: $0, now: now, latest: latest, dialect: dialect) })
            }
    }

    private static func city(id: Int64, now: Date, latest: Int, dialect: any SQLDialect) -> SQLPlan<City> {
        SQLPlan.value(City())
            .reading(\.people) { _ in
                PersonAtOrganization.reading(organizationId: id).then { positions in
                    Person.loading(ids: positions.filter(\.position.isCurrent).map(\.personId), dialect: dialect)
                }
            }
            .reading(\.activities) { _ in
                ActivitySummary.listing(
                    ActivityQuery(to: now, organizationId: id, newestFirst: true, limit: latest), dialect: dialect)
            }
            .reading(\.reports) { _ in
                ReportQueries.list(ReportQuery(organizationId: id, limit: latest), dialect: dialect)
                    .rows { try ReportSummary(row: $0) }
            }
            .reading(\.followUps) { _ in FollowUpSummary.listing(FollowUpQuery(organizationId: id, limit: latest)) }
            .reading(\.prospect) { _ in Prospect.reading(organizationId: id, dialect: dialect) }
            .reading(\.engagement) { _ in OrganizationEngagement.reading(organizationId: id) }
    }
}
