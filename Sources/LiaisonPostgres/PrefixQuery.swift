import LiaisonStore

/// The words of a search as a tsquery in which every term must be the start of an indexed word, as the
/// SQLite engine's FTS5 prefix queries. Terms are ASCII letters and digits only (`SearchText` guarantees
/// it), and the query is bound as a parameter.
func prefixQuery(_ terms: [String]) -> String {
    // Words keep their first two to six letters as lexemes of their own (see migration 006): such a term is
    // an exact look-up; a single letter or a longer term is a prefix match. Terms are ASCII letters and
    // digits (SearchText makes them so), safe to quote.
    terms.map { (2...6).contains($0.count) ? "'\($0)'" : "\($0):*" }.joined(separator: " & ")
}
