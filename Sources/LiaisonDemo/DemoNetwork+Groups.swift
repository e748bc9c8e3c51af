import Foundation
import LiaisonCore
import LiaisonStore

extension DemoNetwork {
    /// The thematic working groups the trip report asks for (transport, logistics, sanitation, solid waste),
    /// led and joined by members, and the interests the Chinese cities expressed during the November mission.
    static func seedGroups(
        into store: any LiaisonStore, organizations: [String: Int64], activities: [String: Int64]
    ) async throws -> Int {
        let agnes = AuditActor(accountId: nil, name: "Agnès Bickart")
        let groups: [(name: String, theme: String, description: String, members: [(String, GroupRole)])] = [
            (
                "Urban mobility", "Transport",
                "Public transport, cycling and the metropolitan commute: peer exchanges between metros.",
                [("Barcelona", .lead), ("Guangzhou", .member), ("Shenzhen", .member), ("Lisbon", .observer)]
            ),
            (
                "Ports and logistics", "Logistics", "Port cities and the last mile of urban freight.",
                [("Ningbo", .lead), ("Gothenburg", .member), ("Xiamen", .member)]
            ),
            (
                "Water and sanitation", "Sanitation", "Access to sanitation in growing cities.",
                [("Vienna", .lead), ("Chengdu", .member)]
            ),
            (
                "Solid waste", "Solid waste", "Collection, recycling and landfills: the circular city.",
                [("Guangzhou", .lead), ("Turin Metropolitan City", .member), ("Hangzhou", .member)]
            ),
        ]
        var created = 0
        var groupIds: [String: Int64] = [:]
        for group in groups {
            let members = group.members.compactMap { name, role in
                organizations[name].map { GroupMember(organizationId: $0, role: role, joinedOn: "2025-06-01") }
            }
            let stored = try await store.createWorkingGroup(
                WorkingGroupInput(
                    name: group.name, theme: group.theme, description: group.description, members: members,
                    activityIds: group.theme == "Solid waste" ? [activities["workshop"]].compactMap { $0 } : []),
                by: agnes)
            groupIds[group.theme] = stored.id
            created += 1
        }
        let interests: [(String, String, String, String?, String)] = [
            ("Foshan", "Solid waste", "2026-11-10", "foshan", "Asked about the recycling programme of Guangzhou."),
            ("Foshan", "Transport", "2026-11-11", "event", "Interested in the metro exchange."),
            ("Dongguan", "Logistics", "2026-11-10", "dongguan", "A manufacturing hub: urban freight is a priority."),
            ("Dongguan", "Solid waste", "2026-11-11", "event", "Wants to join the next call of the group."),
            ("Zhuhai", "Transport", "2026-11-26", "zhuhai-call", "Cross-border commuting with Macao."),
            ("Qingdao", "Sanitation", "2026-11-11", "event", "Said so when joining virtually."),
        ]
        for (name, theme, day, activity, note) in interests {
            guard let organizationId = organizations[name] else { continue }
            _ = try await store.createInterest(
                InterestInput(
                    organizationId: organizationId, theme: theme, workingGroupId: groupIds[theme], expressedOn: day,
                    activityId: activity.flatMap { activities[$0] }, note: note), by: agnes)
        }
        return created
    }
}
