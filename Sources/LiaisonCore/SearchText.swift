import Foundation
import Synchronization

/// Turns names in any script into the one form both storage engines index and query: Latin letters,
/// lowercase, no accents ("广州" → "guang zhou", "Agnès" → "agnes").
public enum SearchText {
    private static let toLatin = StringTransform("Any-Latin; Latin-ASCII; Lower")

    /// The text folded to lowercase ASCII words separated by single spaces; punctuation becomes a space.
    public static func normalize(_ text: String) -> String {
        // Most names are plain ASCII; skipping ICU for them keeps bulk indexing fast.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return foldASCII(text) }
        // ICU's transliteration is the costliest step of a search (ranking folds every candidate's names):
        // names repeat, so their folded forms are kept, up to a bound.
        if let known = transliterated.withLock({ $0[text] }) { return known }
        let latin = text.applyingTransform(toLatin, reverse: false) ?? text.lowercased()
        let folded = words(in: latin).joined(separator: " ")
        transliterated.withLock { cache in
            if cache.count >= 50_000 { cache.removeAll(keepingCapacity: true) }
            cache[text] = folded
        }
        return folded
    }

    private static let transliterated = Mutex<[String: String]>([:])

    /// The document indexed for a record with these names. A name in a syllabic script is indexed both
    /// syllable by syllable ("guang zhou") and joined ("guangzhou"), so either way of typing it matches.
    public static func document(names: [String]) -> String {
        var seen = Set<String>()
        var terms: [String] = []
        for name in names {
            let normalized = normalize(name)
            var forms = normalized.split(separator: " ").map(String.init)
            if !name.utf8.allSatisfy({ $0 < 0x80 }), forms.count > 1 {
                forms.append(forms.joined())
            }
            for form in forms where seen.insert(form).inserted {
                terms.append(form)
            }
        }
        return terms.joined(separator: " ")
    }

    /// The words of a query, each to be matched as a prefix of an indexed word. A query that looks like a
    /// phone number ("+86 20 8330") is one term of its digits, matched against the numbers' digits.
    public static func queryTerms(_ query: String) -> [String] {
        if let digits = phoneDigits(query) { return [digits] }
        return Array(normalize(query).split(separator: " ").map(String.init).prefix(8))
    }

    /// The indexed forms of a phone number in E.164: its digits with and without the country code, so
    /// "+86 20 8330" and "20 8330" both find "+862083301234".
    public static func phoneTerms(_ e164: String) -> [String] {
        let digits = String(e164.filter(\.isASCII).filter(\.isNumber))
        guard !digits.isEmpty else { return [] }
        for length in 1...3 where digits.count > length && callingCodes.contains(String(digits.prefix(length))) {
            return [digits, String(digits.dropFirst(length))]
        }
        return [digits]
    }

    /// The digits of a query made only of digits and the characters phone numbers are written with.
    private static func phoneDigits(_ query: String) -> String? {
        let allowed = Set("+0123456789 ()-./")
        guard query.allSatisfy(allowed.contains) else { return nil }
        var digits = query.filter(\.isNumber)
        guard digits.count >= 4 else { return nil }
        if query.trimmingCharacters(in: .whitespaces).hasPrefix("00") { digits.removeFirst(2) }
        return String(digits)
    }

    private static let callingCodes = Set(Country.all.compactMap { PhoneNumber.callingCode(country: $0.code) })

    /// A key for sorting names alphabetically whatever their script.
    public static func sortKey(_ name: String) -> String {
        normalize(name)
    }

    /// `normalize` for ASCII text, byte by byte: letters lowercased, digits kept, anything else a single
    /// space between words. The search box folds every candidate's names with it, so it must be cheap.
    private static func foldASCII(_ text: String) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            let folded: UInt8
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): folded = byte
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): folded = byte + 32
            default:
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace {
                bytes.append(UInt8(ascii: " "))
                pendingSpace = false
            }
            bytes.append(folded)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func words(in text: String) -> [Substring] {
        text.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }
}
