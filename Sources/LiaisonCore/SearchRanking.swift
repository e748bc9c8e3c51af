import Foundation

/// How well a record's names answer a search: exact before prefix before fuzzy.
public enum MatchQuality: Int, Sendable, Hashable, Comparable, Codable {
    case exact = 0
    case prefix = 1
    case fuzzy = 2

    public static func < (lhs: MatchQuality, rhs: MatchQuality) -> Bool { lhs.rawValue < rhs.rawValue }

    public var label: String {
        switch self {
        case .exact: "exact"
        case .prefix: "prefix"
        case .fuzzy: "fuzzy"
        }
    }
}

/// Ranks search candidates the same way whichever engine found them, from the normalized text both
/// engines index: exact matches first, then every word typed starting a word of the record, then near
/// misses; at equal match members before others, then by name.
public enum SearchRanking {
    /// How `document` (an indexed search text) and `names` (the record's names) answer `terms`, or nil when
    /// they do not match even loosely.
    public static func quality(terms: [String], names: [String], document: String) -> MatchQuality? {
        match(terms: terms, names: names, document: document)?.quality
    }

    /// `quality`, and whether the record's names alone answer as well as its whole document (a match in an
    /// email, a metropolitan area or a practice ranks after one in a name). Each name is folded once.
    public static func match(terms: [String], names: [String], document: String) -> (
        quality: MatchQuality, byName: Bool
    )? {
        guard !terms.isEmpty else { return nil }
        let query = terms.joined(separator: " ")
        let joinedQuery = terms.joined()
        var nameWords: [Substring] = []
        for name in names {
            let normalized = SearchText.normalize(name)
            if normalized == query || normalized.utf8.lazy.filter({ $0 != space }).elementsEqual(joinedQuery.utf8) {
                return (.exact, true)
            }
            let words = normalized.split(separator: " ")
            nameWords += words
            // A name in a syllabic script is indexed joined too ("guangzhou"), as `SearchText.document` does.
            if words.count > 1, !name.utf8.allSatisfy({ $0 < 0x80 }) { nameWords.append(Substring(words.joined())) }
        }
        // The indexed text is ASCII words (SearchText makes it so): compared as bytes, without copies.
        let words = document.utf8.split(separator: space)
        if terms.count == 1, terms[0].count >= 6, terms[0].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            words.contains(where: { $0.elementsEqual(terms[0].utf8) })
        {
            return (.exact, false)
        }
        if terms.allSatisfy({ term in words.contains { $0.starts(with: term.utf8) } }) {
            return (.prefix, terms.allSatisfy { term in nameWords.contains { $0.utf8.starts(with: term.utf8) } })
        }
        if terms.allSatisfy({ term in words.contains { isNear(term, $0) } }) {
            return (.fuzzy, terms.allSatisfy { term in nameWords.contains { isNear(term, $0.utf8) } })
        }
        return nil
    }

    private static let space = UInt8(ascii: " ")

    /// True when `term` is within a typo or two of `word`, or of its start: one edit for terms of 4 to 6
    /// letters, two from 7. Swapping two neighbouring letters is one edit ("Guyiang" for Guiyang), the
    /// commonest slip in a transliterated name.
    public static func isNear(_ term: String, _ word: String) -> Bool {
        isNear(term, word.utf8[...])
    }

    private static func isNear(_ term: String, _ word: Substring.UTF8View) -> Bool {
        let a = Array(term.utf8)
        guard a.count >= 4 else { return false }
        let allowed = a.count >= 7 ? 2 : 1
        let b = Array(word)
        // The cheapest way to turn the term into the word or into any start of it (a prefix typed as you go),
        // counting insertions, deletions, substitutions and swaps of neighbours (optimal string alignment).
        var beforePrevious = Array(0...b.count)
        var previous = beforePrevious
        var current = previous
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
                rowMinimum = min(rowMinimum, current[j])
            }
            // Every later row only grows from this one's smallest cost (a swap too: it adds one to a row
            // whose smallest cost is at most this one's).
            if rowMinimum > allowed { return false }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return (previous.min() ?? Int.max) <= allowed
    }

    /// The first letters fuzzy look-ups start from, most likely first: each term of four letters or more by
    /// its first three, then, one term at a time, by the first three letters it would have with one of its
    /// first four letters dropped or two neighbours among them swapped ("guy" of "Guyiang" also looks under
    /// "gui"). At most `limit` sets, so a long query stays a few bounded look-ups.
    public static func fuzzyPrefixSets(_ terms: [String], limit: Int = 6) -> [[String]] {
        guard terms.contains(where: { $0.count >= 4 }) else { return [] }
        let base = terms.map { $0.count >= 4 ? String($0.prefix(3)) : $0 }
        var sets = [base]
        for (index, term) in terms.enumerated() where term.count >= 4 {
            let head = Array(term.prefix(4))
            var variants: [String] = []
            for drop in 0..<3 {
                var letters = head
                letters.remove(at: drop)
                variants.append(String(letters.prefix(3)))
            }
            for swap in 0..<3 {
                var letters = head
                letters.swapAt(swap, swap + 1)
                variants.append(String(letters.prefix(3)))
            }
            for variant in variants where variant != base[index] {
                var set = base
                set[index] = variant
                if !sets.contains(set) { sets.append(set) }
                if sets.count == limit { return sets }
            }
        }
        return sets
    }
}
