/// Who took part in the activity a report is about: names of theirs are meant even when the directory
/// holds others of the same name.
public struct MentionContext: Sendable, Hashable {
    public var participantPeople: Set<Int64>
    public var participantOrganizations: Set<Int64>

    public init(participantPeople: Set<Int64> = [], participantOrganizations: Set<Int64> = []) {
        self.participantPeople = participantPeople
        self.participantOrganizations = participantOrganizations
    }

    func includes(_ target: MentionTarget) -> Bool {
        switch target.kind {
        case .organization: participantOrganizations.contains(target.id)
        case .person: participantPeople.contains(target.id)
        }
    }
}

/// A directory name found in a text.
public struct Mention: Sendable, Hashable {
    /// Where the name is in the text, in UTF-8 bytes (`range(in:)` gives string indices).
    public var utf8Range: Range<Int>
    /// The form matched, folded ("guangzhou", "chen guo", "广 州").
    public var form: String
    /// The records the form names, at most `MentionRules.candidateLimit` of them.
    public var candidates: [MentionTarget]
    public var candidateCount: Int
    /// The record the name is linked to; nil when the form names several and nothing tells which.
    public var target: MentionTarget?
    public var reason: MentionReason?

    /// The occurrence's range in `text`, the text it was found in.
    public func range(in text: String) -> Range<String.Index> {
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: utf8Range.lowerBound)
        return lower..<utf8.index(lower, offsetBy: utf8Range.count)
    }
}

/// Why a mention is linked to its record.
public enum MentionReason: String, Sendable, Hashable, Codable {
    /// The directory has one record of this name.
    case unique
    /// Several have it; one of them took part in the activity.
    case participant
    /// Several people have it; one of them holds a position at an organization the report names (or that
    /// took part).
    case organizationMentioned = "organization_mentioned"
}

/// Which names are linked, stated in one place.
public enum MentionRules {
    /// A one-word name in an alphabet needs four letters ("Lyon", "Oslo"; not "Ulm", "UN"): shorter words
    /// are mostly abbreviations and parts of other words. Three will do with a digit in it ("C40", "G20"),
    /// which no common word has.
    public static let minimumLetters = 4
    public static let minimumLettersWithDigit = 3
    /// Hangul or kana syllables carry more: two are a name ("서울").
    public static let minimumSyllables = 2
    /// A single Han character is part of countless words; two make a name ("广州", "陈国"). A one-word name
    /// in Han script is one character, so it is never linked alone.
    public static let minimumHanCharacters = 2
    /// How many records a mention lists when its form names many.
    public static let candidateLimit = 20

    /// Whether a name written as these tokens may be linked: long enough for its script, and not only
    /// common words ("Nice", "Mobile", "Orange" are cities, but most texts mean the word).
    public static func isLinkable(_ tokens: [MentionToken]) -> Bool {
        guard !tokens.isEmpty else { return false }
        if tokens.allSatisfy({ $0.script != .han && isCommonWord($0.text) }) { return false }
        let hasDigit = tokens.contains(where: \.hasDigit)
        if tokens.allSatisfy({ $0.script == .alphabetic }) {
            let letters = tokens.reduce(0) { $0 + $1.letterCount }
            return letters >= (hasDigit ? minimumLettersWithDigit : minimumLetters)
        }
        if tokens.count == 1, tokens[0].script == .syllabic { return tokens[0].letterCount >= minimumSyllables }
        return tokens.count >= minimumHanCharacters || tokens.contains { $0.script == .syllabic }
    }

    public static func isCommonWord(_ folded: String) -> Bool { MentionStopWords.all.contains(folded) }

    /// The forms, as token texts, a record with these names is found by. A name in Han script is found as
    /// written and in pinyin, syllable by syllable ("guang zhou") and joined ("guangzhou"), as search
    /// indexes it; a Hangul or kana name joined too. Forms that break a rule are left out.
    public static func linkableForms(of names: [String]) -> [[String]] {
        var forms: [[String]] = []
        func add(_ tokens: [MentionToken]) {
            let form = tokens.map(\.text)
            if isLinkable(tokens), !forms.contains(form) { forms.append(form) }
        }
        for name in names {
            let tokens = MentionText.tokens(in: name)
            add(tokens)
            guard tokens.contains(where: { $0.script != .alphabetic }) else { continue }
            let syllables = tokens.flatMap { token -> [MentionToken] in
                guard token.script == .han else { return [token] }
                return SearchText.normalize(token.text).split(separator: " ").map {
                    MentionToken(
                        text: String($0), utf8Range: token.utf8Range, script: .alphabetic, letterCount: $0.count,
                        hasDigit: false)
                }
            }
            add(syllables)
            if syllables.count > 1 {
                let joined = syllables.map(\.text).joined()
                add([
                    MentionToken(
                        text: joined, utf8Range: 0..<0, script: .alphabetic, letterCount: joined.count,
                        hasDigit: syllables.contains(where: \.hasDigit))
                ])
            }
        }
        return forms
    }

    /// A form found in a text and the records it names.
    struct Occurrence {
        var utf8Range: Range<Int>
        var form: String
        var candidates: [Candidate]
    }

    struct Candidate {
        var target: MentionTarget
        /// The first organization a person holds a position at now (0 for none), then any others.
        var organization: Int64
        var moreOrganizations: [Int64]

        func worksAt(any organizations: Set<Int64>) -> Bool {
            organizations.contains(organization) || moreOrganizations.contains(where: organizations.contains)
        }
    }

    /// Links each occurrence whose form names one record, or of whose records exactly one took part in the
    /// activity; then, among people sharing a name, the one who holds a position at an organization linked
    /// in the same text or taking part. Organizations sharing a name (two "Springfield"s) are told apart
    /// only by taking part: nothing else in a text says which is meant.
    static func resolve(_ occurrences: [Occurrence], context: MentionContext) -> [Mention] {
        var mentions = occurrences.map { occurrence in
            var mention = Mention(
                utf8Range: occurrence.utf8Range, form: occurrence.form,
                candidates: occurrence.candidates.prefix(candidateLimit).map(\.target),
                candidateCount: occurrence.candidates.count)
            if occurrence.candidates.count == 1 {
                mention.link(occurrence.candidates[0].target, .unique)
            } else if let only = single(occurrence.candidates, where: { context.includes($0.target) }) {
                mention.link(only.target, .participant)
            }
            return mention
        }
        var named = context.participantOrganizations
        for case .some(let target) in mentions.map(\.target) where target.kind == .organization {
            named.insert(target.id)
        }
        guard !named.isEmpty else { return mentions }
        for index in mentions.indices where mentions[index].target == nil {
            let colleague = single(occurrences[index].candidates) {
                $0.target.kind == .person && $0.worksAt(any: named)
            }
            if let colleague { mentions[index].link(colleague.target, .organizationMentioned) }
        }
        return mentions
    }

    /// The one candidate that passes, or nil when none or several do.
    private static func single(_ candidates: [Candidate], where passes: (Candidate) -> Bool) -> Candidate? {
        var found: Candidate?
        for candidate in candidates where passes(candidate) {
            if found != nil { return nil }
            found = candidate
        }
        return found
    }
}

extension Mention {
    init(utf8Range: Range<Int>, form: String, candidates: [MentionTarget], candidateCount: Int) {
        self.init(
            utf8Range: utf8Range, form: form, candidates: candidates, candidateCount: candidateCount, target: nil,
            reason: nil)
    }

    mutating func link(_ target: MentionTarget, _ reason: MentionReason) {
        self.target = target
        self.reason = reason
    }
}
