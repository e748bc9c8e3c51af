extension MentionTarget {
    public static func organization(_ id: Int64) -> MentionTarget { MentionTarget(.organization, id) }
    public static func person(_ id: Int64) -> MentionTarget { MentionTarget(.person, id) }
}

/// One record of the directory as the mention index knows it: the names it may be written by, and for a
/// person the organizations they hold a position at now (a report naming the organization tells which
/// of several people of the same name it means).
public struct MentionEntry: Sendable, Hashable {
    public var target: MentionTarget
    public var names: [String]
    public var organizationIds: [Int64]

    public init(target: MentionTarget, names: [String], organizationIds: [Int64] = []) {
        self.target = target
        self.names = names
        self.organizationIds = organizationIds
    }

    /// An organization by its name, its name in its own script and its aliases.
    public static func organization(id: Int64, name: String, nativeName: String?, aliases: [String]) -> MentionEntry {
        MentionEntry(target: .organization(id), names: [name] + [nativeName].compactMap { $0 } + aliases)
    }

    /// A person by their full name in either order ("Guo Chen", "Chen Guo") and in their own script.
    public static func person(
        id: Int64, givenName: String, familyName: String, nativeName: String?, organizationIds: [Int64]
    ) -> MentionEntry {
        let full = givenName.isEmpty ? [familyName] : ["\(givenName) \(familyName)", "\(familyName) \(givenName)"]
        return MentionEntry(
            target: .person(id), names: full + [nativeName].compactMap { $0 }, organizationIds: organizationIds)
    }
}

/// Finds every name of the directory in a text in one pass: a trie over interned word ids holds every
/// linkable form of every name, and the text is walked once, the longest form starting at each word winning.
/// Records are added, replaced and removed one at a time, so a long-lived index follows the directory.
public struct MentionIndex: Sendable {
    private var tokenIds: [String: Int32] = [:]
    /// Edges of the trie, keyed by `parent << 32 | token`: one flat table instead of a table per node.
    private var edges: [UInt64: Int32] = [:]
    /// Per node: the first posting of the records one of whose forms ends here, or -1.
    private var nodeHead: [Int32] = [-1]

    /// A posting says "this record has a form ending at this node"; postings at a node are chained.
    private var postingRecord: [Int32] = []
    private var postingNode: [Int32] = []
    private var postingNext: [Int32] = []

    /// Per record slot: the target as a key (`key(_:)`), where its postings start and how many (a record's
    /// postings are contiguous), and its first current organization (more in `moreOrganizations`).
    private var slotKey: [Int64] = []
    private var slotFirstPosting: [Int32] = []
    private var slotPostingCount: [UInt8] = []
    private var slotOrganization: [Int64] = []
    private var moreOrganizations: [Int32: [Int64]] = [:]
    private var slotByKey: [Int64: Int32] = [:]
    private var freeSlots: [Int32] = []
    /// Postings of replaced or removed records, unlinked but still taking room until the next rebuild.
    public private(set) var unusedPostings = 0

    public init() {}

    public init(entries: some Sequence<MentionEntry>) {
        for entry in entries { upsert(entry) }
    }

    /// How many records the index holds.
    public var recordCount: Int { slotByKey.count }
    /// How many name forms it holds, and the trie nodes they take.
    public var formCount: Int { postingRecord.count - unusedPostings }
    public var nodeCount: Int { nodeHead.count }

    public func contains(_ target: MentionTarget) -> Bool { slotByKey[Self.key(target)] != nil }

    /// Adds the record, or replaces what the index knew of it.
    public mutating func upsert(_ entry: MentionEntry) {
        remove(entry.target)
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = Int32(slotKey.count)
            slotKey.append(0)
            slotFirstPosting.append(0)
            slotPostingCount.append(0)
            slotOrganization.append(0)
        }
        slotKey[Int(slot)] = Self.key(entry.target)
        slotByKey[Self.key(entry.target)] = slot
        slotOrganization[Int(slot)] = entry.organizationIds.first ?? 0
        if entry.organizationIds.count > 1 { moreOrganizations[slot] = Array(entry.organizationIds.dropFirst()) }

        var nodes: [Int32] = []
        for form in MentionRules.linkableForms(of: entry.names) {
            let node = insertPath(form)
            if !nodes.contains(node) { nodes.append(node) }
        }
        slotFirstPosting[Int(slot)] = Int32(postingRecord.count)
        slotPostingCount[Int(slot)] = UInt8(min(nodes.count, Int(UInt8.max)))
        for node in nodes.prefix(Int(UInt8.max)) {
            postingRecord.append(slot)
            postingNode.append(node)
            postingNext.append(nodeHead[Int(node)])
            nodeHead[Int(node)] = Int32(postingRecord.count - 1)
        }
    }

    /// Forgets the record; nothing happens when the index does not hold it.
    public mutating func remove(_ target: MentionTarget) {
        guard let slot = slotByKey.removeValue(forKey: Self.key(target)) else { return }
        let first = Int(slotFirstPosting[Int(slot)])
        for posting in first..<(first + Int(slotPostingCount[Int(slot)])) {
            unlink(Int32(posting))
        }
        unusedPostings += Int(slotPostingCount[Int(slot)])
        slotPostingCount[Int(slot)] = 0
        slotOrganization[Int(slot)] = 0
        moreOrganizations[slot] = nil
        freeSlots.append(slot)
    }

    private mutating func unlink(_ posting: Int32) {
        let node = Int(postingNode[Int(posting)])
        if nodeHead[node] == posting {
            nodeHead[node] = postingNext[Int(posting)]
            return
        }
        var previous = nodeHead[node]
        while previous >= 0 {
            let next = postingNext[Int(previous)]
            if next == posting {
                postingNext[Int(previous)] = postingNext[Int(posting)]
                return
            }
            previous = next
        }
    }

    private mutating func insertPath(_ form: [String]) -> Int32 {
        var node: Int32 = 0
        for word in form {
            let token = intern(word)
            let key = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: token))
            if let child = edges[key] {
                node = child
            } else {
                let child = Int32(nodeHead.count)
                nodeHead.append(-1)
                edges[key] = child
                node = child
            }
        }
        return node
    }

    /// A target as one integer, half the room of the struct in the tables with a million people.
    private static func key(_ target: MentionTarget) -> Int64 {
        target.id << 1 | (target.kind == .person ? 1 : 0)
    }

    private static func target(_ key: Int64) -> MentionTarget {
        MentionTarget(key & 1 == 1 ? .person : .organization, key >> 1)
    }

    private mutating func intern(_ word: String) -> Int32 {
        if let id = tokenIds[word] { return id }
        let id = Int32(tokenIds.count)
        tokenIds[word] = id
        return id
    }

    // MARK: - Finding

    /// Every form of a directory name in `text`, leftmost-longest ("Guangzhou Municipal Government" rather
    /// than "Guangzhou" in it), each with the records it may name and the one it is linked to, if any, by
    /// `MentionRules.resolve`.
    public func find(in text: String, context: MentionContext = MentionContext()) -> [Mention] {
        let tokens = MentionText.tokens(in: text)
        let ids = tokens.map { tokenIds[$0.text] ?? -1 }
        var found: [MentionRules.Occurrence] = []
        var start = 0
        while start < ids.count {
            var node: Int32 = 0
            var longest: (end: Int, node: Int32)?
            var end = start
            while end < ids.count, ids[end] >= 0 {
                let key = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: ids[end]))
                guard let child = edges[key] else { break }
                node = child
                end += 1
                if nodeHead[Int(node)] >= 0 { longest = (end, node) }
            }
            guard let longest else {
                start += 1
                continue
            }
            found.append(
                MentionRules.Occurrence(
                    utf8Range: tokens[start].utf8Range.lowerBound..<tokens[longest.end - 1].utf8Range.upperBound,
                    form: tokens[start..<longest.end].map(\.text).joined(separator: " "),
                    candidates: candidates(at: longest.node)))
            start = longest.end
        }
        return MentionRules.resolve(found, context: context)
    }

    /// The records with a form ending at `node`, each with its current organizations.
    private func candidates(at node: Int32) -> [MentionRules.Candidate] {
        var result: [MentionRules.Candidate] = []
        var posting = nodeHead[Int(node)]
        while posting >= 0 {
            let slot = postingRecord[Int(posting)]
            // A record has one posting per node (`upsert` merges its forms that end at the same node). A common
            // name has hundreds of candidates: none allocates unless it holds several positions.
            let more = moreOrganizations.isEmpty ? [] : moreOrganizations[slot] ?? []
            result.append(
                MentionRules.Candidate(
                    target: Self.target(slotKey[Int(slot)]), organization: slotOrganization[Int(slot)],
                    moreOrganizations: more))
            posting = postingNext[Int(posting)]
        }
        return result
    }
}
