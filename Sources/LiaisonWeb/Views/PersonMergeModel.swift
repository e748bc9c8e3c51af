import LiaisonCore

/// What the merge page shows: the person kept, what was searched for, and the records that could be folded
/// into it, each with its current post and first ways to reach it so that the same person can be told apart.
struct PersonMergeModel {
    struct Candidate {
        let id: Int64
        let name: String
        let nativeName: String?
        let version: Int
        let position: Position?
        /// The first three of its channels' values.
        let contacts: [String]
    }

    let id: Int64
    let name: String
    let version: Int
    let query: String
    let candidates: [Candidate]

    init(person: Person, candidates: [Person], query: String) {
        id = person.id
        name = person.displayName
        version = person.version
        self.query = query
        self.candidates = candidates.map { other in
            Candidate(
                id: other.id, name: other.displayName, nativeName: other.nativeName, version: other.version,
                position: other.currentPositions.first, contacts: other.channels.prefix(3).map(\.value))
        }
    }
}
