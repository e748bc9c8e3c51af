import Foundation

/// What marks an organization's coverage for recomputing: every table whose rows feed the coverage rule, and
/// how to reach the organizations a changed row concerns. Both engines' migrations build their triggers from
/// this one list, so they cannot drift apart.
public enum CoverageSchema {
    /// A table whose changes make coverage stale. `organizations` selects the organizations' ids from
    /// `{keys}`, the changed rows' `key` column.
    public struct Source: Sendable {
        public let table: String
        public let key: String
        public let organizations: String
        /// Only updates matter (the row's insertion and deletion show in a child table that has its own trigger).
        public let updatesOnly: Bool

        public func organizations(keys: String) -> String {
            organizations.replacingOccurrences(of: "{keys}", with: keys)
        }
    }

    public static let sources: [Source] = [
        Source(table: "organization", key: "id", organizations: "{keys}", updatesOnly: true),
        Source(table: "organization_role", key: "organization_id", organizations: "{keys}", updatesOnly: false),
        Source(table: "organization_practice", key: "organization_id", organizations: "{keys}", updatesOnly: false),
        Source(table: "person_position", key: "organization_id", organizations: "{keys}", updatesOnly: false),
        Source(
            table: "person_channel", key: "person_id",
            organizations: "SELECT organization_id FROM person_position WHERE person_id IN ({keys})",
            updatesOnly: false),
        Source(table: "activity_organization", key: "organization_id", organizations: "{keys}", updatesOnly: false),
        Source(
            table: "activity", key: "id",
            organizations: "SELECT organization_id FROM activity_organization WHERE activity_id IN ({keys})",
            updatesOnly: true),
        Source(table: "report_link", key: "organization_id", organizations: "{keys}", updatesOnly: false),
        Source(table: "follow_up_organization", key: "organization_id", organizations: "{keys}", updatesOnly: false),
        Source(
            table: "follow_up", key: "id",
            organizations: "SELECT organization_id FROM follow_up_organization WHERE follow_up_id IN ({keys})",
            updatesOnly: true),
    ]

    /// The statement that marks the organizations `ids` selects as stale.
    public static func markStale(_ ids: String) -> String {
        "UPDATE organization_coverage SET due_on = '', generation = generation + 1 WHERE organization_id IN (\(ids))"
    }

    /// Adds the row of every organization that has none, due at once (after a bulk load that set triggers aside).
    public static let addMissingRows = """
        INSERT INTO organization_coverage (organization_id)
        SELECT o.id FROM organization o
        WHERE NOT EXISTS (SELECT 1 FROM organization_coverage c WHERE c.organization_id = o.id)
        """

    /// A day after every real one: a row that no date will change.
    public static let never = "9999-12-31"
}
