/// The words of a text as mention matching sees them: folded the way `SearchText.normalize` folds names
/// (lowercase ASCII, accents dropped, punctuation and line breaks between words), each keeping where it
/// stands in the original text so an occurrence can become a link.
public struct MentionToken: Sendable, Hashable {
    /// The folded word ("agnes", "guangzhou"), or a Han character as written ("广").
    public var text: String
    /// Where the word is in the original text, in UTF-8 bytes.
    public var utf8Range: Range<Int>
    public var script: MentionScript
    /// How many letters the word has: folded ASCII letters for an alphabet, characters for syllables.
    public var letterCount: Int
    public var hasDigit: Bool

    public init(text: String, utf8Range: Range<Int>, script: MentionScript, letterCount: Int, hasDigit: Bool) {
        self.text = text
        self.utf8Range = utf8Range
        self.script = script
        self.letterCount = letterCount
        self.hasDigit = hasDigit
    }
}

/// How much one character of a word says, which decides how short a name may be and still be linked.
public enum MentionScript: Sendable, Hashable {
    /// Latin, Cyrillic, Greek, Arabic...: a letter is a sound.
    case alphabetic
    /// Hangul and kana: a character is a syllable.
    case syllabic
    /// A Han character: a syllable with a meaning, its own token since Chinese and Japanese use no spaces.
    case han
}

public enum MentionText {
    /// The tokens of `text`, in order. A Han character is a token of its own and stays as written: matched by
    /// transliteration, homophones would link ("光州" Gwangju and "广州" Guangzhou are both "guang zhou").
    /// Any other word is folded with `SearchText.normalize`, which may split it ("d'Azur" → "d", "azur").
    public static func tokens(in text: String) -> [MentionToken] {
        var tokens: [MentionToken] = []
        var wordStart = 0
        var wordScalars = String.UnicodeScalarView()
        var wordIsASCII = true
        var wordScript = MentionScript.alphabetic
        var offset = 0

        func flushWord() {
            guard !wordScalars.isEmpty else { return }
            let range = wordStart..<offset
            if wordIsASCII {
                let folded = String(wordScalars).lowercased()
                tokens.append(token(folded, range: range, script: .alphabetic, letters: folded.count))
            } else if wordScript == .alphabetic, let folded = foldLatin(wordScalars) {
                tokens.append(token(folded, range: range, script: .alphabetic, letters: folded.count))
            } else {
                let letters = wordScalars.count(where: { $0.properties.isAlphabetic })
                for part in SearchText.normalize(String(wordScalars)).split(separator: " ") {
                    let count = wordScript == .syllabic ? letters : part.count
                    tokens.append(token(String(part), range: range, script: wordScript, letters: count))
                }
            }
            wordScalars.removeAll(keepingCapacity: true)
            wordIsASCII = true
            wordScript = .alphabetic
        }

        for scalar in text.unicodeScalars {
            let width = UTF8.width(scalar)
            defer { offset += width }
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                let isWordByte =
                    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                if isWordByte {
                    if wordScalars.isEmpty { wordStart = offset }
                    wordScalars.append(scalar)
                } else {
                    flushWord()
                }
                continue
            }
            if isHan(scalar) {
                flushWord()
                tokens.append(token(String(scalar), range: offset..<(offset + width), script: .han, letters: 1))
                continue
            }
            let properties = scalar.properties
            guard properties.isAlphabetic || properties.numericType != nil || isMark(scalar) else {
                flushWord()
                continue
            }
            if wordScalars.isEmpty { wordStart = offset }
            wordScalars.append(scalar)
            wordIsASCII = false
            if isSyllabic(scalar) { wordScript = .syllabic }
        }
        flushWord()
        return tokens
    }

    /// A word in Latin letters with accents folded letter by letter ("Agnès" → "agnes"), as ICU folds it
    /// but without a transliteration per word: reports in French or Spanish are full of accented words.
    /// Nil when a letter is not Latin.
    private static func foldLatin(_ word: String.UnicodeScalarView) -> String? {
        var folded = ""
        for scalar in word {
            if scalar.isASCII {
                let isUpper = scalar.value >= 0x41 && scalar.value <= 0x5A
                folded.unicodeScalars.append(isUpper ? Unicode.Scalar(scalar.value + 32)! : scalar)
            } else if let letter = latinLetters[scalar.value] {
                folded += letter
            } else {
                return nil
            }
        }
        return folded
    }

    /// Latin-1, Latin Extended A and B and Additional, and combining accents, each folded once by
    /// `SearchText.normalize` (so the same as search folds them: "ß" → "ss", "Ø" → "o", an accent → "").
    private static let latinLetters: [UInt32: String] = {
        var letters: [UInt32: String] = [:]
        for value in Array(0x00C0...0x024F) + Array(0x0300...0x036F) + Array(0x1E00...0x1EFF) {
            guard let scalar = Unicode.Scalar(value), value != 0x00D7, value != 0x00F7 else { continue }
            letters[UInt32(value)] = SearchText.normalize(String(scalar)).filter { $0 != " " }
        }
        return letters
    }()

    private static func token(_ text: String, range: Range<Int>, script: MentionScript, letters: Int) -> MentionToken {
        MentionToken(
            text: text, utf8Range: range, script: script, letterCount: letters,
            hasDigit: script != .han && text.utf8.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    }

    /// CJK unified ideographs, their extensions and compatibility forms.
    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: true
        default: false
        }
    }

    /// Hangul and kana.
    private static func isSyllabic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x11FF, 0x3040...0x30FF, 0x3130...0x318F, 0xAC00...0xD7AF, 0xFF66...0xFF9F: true
        default: false
        }
    }

    /// Combining accents stay inside their word ("e" + "\u{301}").
    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}
