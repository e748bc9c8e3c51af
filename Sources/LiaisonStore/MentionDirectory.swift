import LiaisonCore

/// The mention index of one server, kept current with the directory: built on first use from the store a
/// page at a time, then brought up to date before each match from the audit trail, which every server of a
/// cluster writes to, so an edit made through another server is seen too.
public actor MentionDirectory {
    private let store: any MentionStore
    private let pageSize: Int
    private var index: MentionIndex?
    /// The last audit entry applied.
    private var lastAuditId: Int64 = 0
    /// Audit ids skipped over: on PostgreSQL ids are taken when a transaction writes and seen when it
    /// commits, so a long import can commit ids below ones already read. They are asked for again until
    /// they appear or `gapPatience` passes (a rolled-back transaction leaves its ids unused forever).
    private var gaps: [Int64: ContinuousClock.Instant] = [:]
    private var highestOrganizationId: Int64 = 0
    private var highestPersonId: Int64 = 0
    public private(set) var statistics = Statistics()

    /// More audit entries than this since the last look: building afresh is quicker than applying them.
    static let rebuildAfterChanges = 5_000
    static let gapPatience = Duration.seconds(120)
    static let maxGaps = 200

    public struct Statistics: Sendable, Hashable {
        public var builds = 0
        public var lastBuild: Duration = .zero
        public var recordsApplied = 0
        public var records = 0
        public var forms = 0
    }

    public init(store: any MentionStore, pageSize: Int = 10_000) {
        self.store = store
        self.pageSize = pageSize
    }

    /// The mentions of directory records in `text`, against the directory as it is now.
    public func find(in text: String, context: MentionContext = MentionContext()) async throws -> [Mention] {
        try await refresh()
        return index?.find(in: text, context: context) ?? []
    }

    /// The index as the directory is now, to match many texts without a look at the store for each.
    public func currentIndex() async throws -> MentionIndex {
        try await refresh()
        return index ?? MentionIndex()
    }

    /// Builds the index if there is none yet, else applies what changed since the last look. Calls made
    /// while one runs wait for it rather than reading the same changes again.
    public func refresh() async throws {
        if let running = refreshing { return try await running.value }
        let running = Task { try await self.update() }
        refreshing = running
        defer { refreshing = nil }
        try await running.value
    }

    private var refreshing: Task<Void, any Error>?

    private func update() async throws {
        guard index != nil else { return try await build() }
        let changes = try await store.directoryChanges(
            afterAuditId: lastAuditId, alsoAuditIds: gaps.keys.sorted(), limit: Self.rebuildAfterChanges)
        if changes.entries.count >= Self.rebuildAfterChanges { return try await build() }
        var targets: [MentionTarget] = []
        let now = ContinuousClock.now
        for entry in changes.entries {
            gaps[entry.auditId] = nil
            if entry.auditId > lastAuditId + 1 {
                for skipped in (lastAuditId + 1)..<min(entry.auditId, lastAuditId + 1 + Int64(Self.maxGaps)) {
                    gaps[skipped] = now
                }
            }
            lastAuditId = max(lastAuditId, entry.auditId)
            if let target = entry.target, !targets.contains(target) { targets.append(target) }
        }
        gaps = gaps.filter { now - $0.value < Self.gapPatience }
        if gaps.count > Self.maxGaps {
            gaps = Dictionary(uniqueKeysWithValues: gaps.sorted { $0.key > $1.key }.prefix(Self.maxGaps).map { $0 })
        }
        try await apply(targets)
        // Records no entry announced: an import (it brings its own trail, not one entry per record).
        if changes.highestOrganizationId > highestOrganizationId || changes.highestPersonId > highestPersonId {
            try await build()
        }
    }

    /// Reads these records again: organizations first, so a person's organizations are known when the
    /// person is; a record no longer there is removed.
    private func apply(_ targets: [MentionTarget]) async throws {
        guard !targets.isEmpty else { return }
        let ordered = targets.filter { $0.kind == .organization } + targets.filter { $0.kind == .person }
        let entries = try await store.mentionEntries(ordered)
        let found = Set(entries.map(\.target))
        // In place, with no suspension from here on: a copy of a large index would double its memory.
        for entry in entries { index?.upsert(entry) }
        for target in ordered where !found.contains(target) { index?.remove(target) }
        for target in found {
            switch target.kind {
            case .organization: highestOrganizationId = max(highestOrganizationId, target.id)
            case .person: highestPersonId = max(highestPersonId, target.id)
            }
        }
        statistics.recordsApplied += ordered.count
        statistics.records = index?.recordCount ?? 0
        statistics.forms = index?.formCount ?? 0
    }

    /// Reads the whole directory into a new index, then what changed while it was read.
    private func build() async throws {
        let started = ContinuousClock.now
        // The trail's position first: whatever changes while the pages are read is applied after.
        let mark = try await store.directoryChanges(afterAuditId: .max, alsoAuditIds: [], limit: 0)
        var built = MentionIndex()
        var highest: [MentionKind: Int64] = [:]
        for kind in [MentionKind.organization, .person] {
            var after: Int64 = 0
            while true {
                let page = try await store.mentionEntries(kind, afterId: after, limit: pageSize)
                for entry in page { built.upsert(entry) }
                guard let last = page.last, page.count == pageSize else {
                    after = page.last?.target.id ?? after
                    break
                }
                after = last.target.id
            }
            highest[kind] = after
        }
        highestOrganizationId = max(mark.highestOrganizationId, highest[.organization] ?? 0)
        highestPersonId = max(mark.highestPersonId, highest[.person] ?? 0)
        lastAuditId = mark.latestAuditId
        gaps = [:]
        statistics.builds += 1
        statistics.lastBuild = ContinuousClock.now - started
        finish(built)
        try await update()
    }

    private func finish(_ built: MentionIndex) {
        index = built
        statistics.records = built.recordCount
        statistics.forms = built.formCount
    }
}
