import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

extension OrganizationSummary {
    /// Reads a directory row selected with `columns`.
    init(row: Row) {
        self.init(
            id: row["id"], kind: OrganizationKind(rawValue: row["kind"]) ?? .city, name: row["name"],
            nativeName: row["native_name"], country: row["country"], region: row["region"],
            population: row["population"],
            membershipStatus: MembershipStatus(rawValue: row["membership_status"]) ?? .none,
            memberSince: row["member_since"], paying: row["paying"], focalPoint: row["focal_point"],
            updatedAt: row["updated_at"]
        )
    }
}
