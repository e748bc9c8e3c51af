import Foundation
import LiaisonCore
import LiaisonStore

extension DemoNetwork {
    /// The trip report's story in the membership pipeline: Foshan, Dongguan and Zhuhai inclined to join before
    /// the Congress after the November mission, Qingdao met (virtually) at the event, Beijing contacted and
    /// silent. Each moved step by step, so the pages show how it came.
    static func seedPipeline(
        into store: any LiaisonStore, organizations: [String: Int64], activities: [String: Int64]
    ) async throws -> Int {
        let staff = try await createStaff(named: ["Agnès Bickart"], in: store)
        let agnes = AuditActor(accountId: staff["Agnès Bickart"], name: "Agnès Bickart")
        struct Step {
            let stage: PipelineStage
            let day: String
            var activity: String?
            var note: String?
        }
        let congress = activities["congress"]
        let stories: [(name: String, likelihood: Int?, next: String?, target: Int64?, steps: [Step])] = [
            (
                "Foshan", 80, "Send the membership application and the fees", congress,
                [
                    Step(stage: .contacted, day: "2026-09-15", note: "Letter from the Secretary General"),
                    Step(stage: .met, day: "2026-11-10", activity: "foshan"),
                    Step(
                        stage: .intentExpressed, day: "2026-11-11", activity: "event",
                        note: "Very positive; inclined to become a member, probably before the Congress."),
                ]
            ),
            (
                "Dongguan", 70, "Send the programme of the Congress", congress,
                [
                    Step(stage: .contacted, day: "2026-09-15", note: "Letter from the Secretary General"),
                    Step(stage: .met, day: "2026-11-10", activity: "dongguan"),
                    Step(
                        stage: .intentExpressed, day: "2026-11-11", activity: "event",
                        note: "Inclined to become a member before the Congress."),
                ]
            ),
            (
                "Zhuhai", 60, "Follow up on membership after the call", congress,
                [
                    Step(stage: .contacted, day: "2026-10-01"),
                    Step(stage: .met, day: "2026-11-11", activity: "event"),
                    Step(
                        stage: .intentExpressed, day: "2026-11-26", activity: "zhuhai-call",
                        note: "Interested in joining before the Congress."),
                ]
            ),
            (
                "Qingdao", 40, "Propose a call with the international office", nil,
                [
                    Step(stage: .contacted, day: "2026-10-01"),
                    Step(stage: .met, day: "2026-11-11", activity: "event", note: "Joined the event virtually."),
                ]
            ),
            (
                "Beijing", 10, "Try the municipal foreign affairs office", nil,
                [Step(stage: .contacted, day: "2026-09-01", note: "No answer to two letters.")]
            ),
        ]
        var created = 0
        for story in stories {
            guard let organizationId = organizations[story.name], let first = story.steps.first else { continue }
            var input = ProspectInput(
                organizationId: organizationId, stage: first.stage, ownerAccountId: agnes.accountId,
                targetDate: story.target == nil ? nil : "2027-06-14", targetActivityId: story.target,
                likelihood: story.likelihood, nextStep: story.next, stageNote: first.note,
                stageActivityId: first.activity.flatMap { activities[$0] }, stageDate: first.day)
            var prospect = try await store.createProspect(input, by: agnes)
            for step in story.steps.dropFirst() {
                input.stage = step.stage
                input.stageDate = step.day
                input.stageNote = step.note
                input.stageActivityId = step.activity.flatMap { activities[$0] }
                prospect = try await store.updateProspect(
                    id: prospect.id, expectedVersion: prospect.version, input, by: agnes)
            }
            created += 1
        }
        return created
    }
}
