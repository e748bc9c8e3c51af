import LiaisonCore
import LiaisonStore
import Synchronization
import Testing

/// On PostgreSQL an audit id is taken when a transaction writes and seen when it commits: a long import can
/// commit ids below ones another server has already read. The directory asks for skipped ids again.
@Suite struct MentionDirectoryGapTests {
    /// A directory whose audit trail and records the test writes by hand.
    final class ScriptedStore: MentionStore {
        struct State {
            var entries: [MentionTarget: MentionEntry] = [:]
            var audit: [DirectoryChanges.Entry] = []
        }
        let state = Mutex(State())

        func write(_ entry: MentionEntry, auditId: Int64) {
            state.withLock {
                $0.entries[entry.target] = entry
                $0.audit.append(DirectoryChanges.Entry(auditId: auditId, target: entry.target))
            }
        }

        func mentionEntries(_ kind: MentionKind, afterId: Int64, limit: Int) async throws -> [MentionEntry] {
            state.withLock { state in
                Array(
                    state.entries.values.filter { $0.target.kind == kind && $0.target.id > afterId }
                        .sorted { $0.target.id < $1.target.id }.prefix(limit))
            }
        }

        func mentionEntries(_ targets: [MentionTarget]) async throws -> [MentionEntry] {
            state.withLock { state in targets.compactMap { state.entries[$0] } }
        }

        func directoryChanges(afterAuditId: Int64, alsoAuditIds: [Int64], limit: Int) async throws
            -> DirectoryChanges
        {
            state.withLock { state in
                let visible = state.audit.filter { $0.auditId > afterAuditId || alsoAuditIds.contains($0.auditId) }
                let ids = state.entries.keys
                return DirectoryChanges(
                    entries: Array(visible.sorted { $0.auditId < $1.auditId }.prefix(limit)),
                    highestOrganizationId: ids.filter { $0.kind == .organization }.map(\.id).max() ?? 0,
                    highestPersonId: ids.filter { $0.kind == .person }.map(\.id).max() ?? 0,
                    latestAuditId: state.audit.map(\.auditId).max() ?? 0)
            }
        }
    }

    @Test func anEntryCommittedBelowOnesAlreadyReadIsStillApplied() async throws {
        let store = ScriptedStore()
        store.write(.organization(id: 1, name: "Guangzhou", nativeName: nil, aliases: []), auditId: 1)
        let directory = MentionDirectory(store: store)
        #expect(try await directory.find(in: "Guangzhou").map(\.target) == [.organization(1)])
        // Entry 3 commits first; the transaction that took id 2 commits after the directory read 3.
        store.write(.organization(id: 3, name: "Shenzhen", nativeName: nil, aliases: []), auditId: 3)
        #expect(try await directory.find(in: "Shenzhen").map(\.target) == [.organization(3)])
        store.write(.organization(id: 2, name: "Foshan", nativeName: nil, aliases: []), auditId: 2)
        #expect(try await directory.find(in: "Foshan").map(\.target) == [.organization(2)])
        #expect(await directory.statistics.builds == 1)
    }
}
