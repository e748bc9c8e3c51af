import Foundation
import LiaisonCore
import LiaisonStore

/// The membership pipeline of a synthetic network: organizations spread over the ids, each moved step by step
/// from where it entered to where it stands (fewer at each step forward, some declined), by a member of staff.
extension SyntheticGenerator {
    private static let prospect = table("prospect")
    private static let stageChange = table("prospect_stage_change")

    /// Prospects 1 ... `count`, one an organization, with their moves.
    mutating func prospects(count: Int) -> Batch {
        var prospects: [[TransferValue]] = []
        var changes: [[TransferValue]] = []
        let count = min(count, organizations.count)
        let step = max(1, organizations.count / max(count, 1))
        let forward = PipelineStage.forward
        var changeId: Int64 = 1
        for index in 0..<count {
            let id = Int64(index + 1)
            let organization = organizations[(index * step) % organizations.count]
            // Each step forward is reached by about two in three of those at the step before.
            var reached = random.below(2)
            while reached + 1 < forward.count, random.chance(62) { reached += 1 }
            var stages = Array(forward[random.below(2)...max(reached, 1)])
            if random.chance(12) { stages.append(.declined) }
            let owner = Int64(1 + random.below(Self.staffCount))
            var day = Int((base.timeIntervalSince1970 - 3 * 365 * 86_400) / 86_400) + random.below(900)
            var from: PipelineStage?
            for stage in stages {
                let parts = LocalTime.date(day)
                let reachedOn = String(format: "%04d-%02d-%02d", parts.year, parts.month, parts.day)
                changes.append([
                    .integer(changeId), .integer(id), from.map { .text($0.rawValue) } ?? .null, .text(stage.rawValue),
                    .text(reachedOn), .instant(Date(timeIntervalSince1970: Double(day) * 86_400 + 36_000)),
                    .integer(owner), .text("Staff \(owner)"), .null, .null,
                ])
                changeId += 1
                from = stage
                day += 7 + random.below(120)
            }
            let last = changes[changes.count - 1]
            let target = random.chance(40) ? TransferValue.text("2027-06-14") : .null
            prospects.append([
                .integer(id), .integer(organization.id), .text(from?.rawValue ?? "identified"), last[4],
                .integer(owner), target, .null, .integer(Int64(random.below(11) * 10)),
                random.chance(70) ? .text("Call the international office") : .null, .integer(Int64(stages.count)),
                instant(index), instant(index),
            ])
        }
        return [(Self.prospect, prospects), (Self.stageChange, changes)]
    }
}
