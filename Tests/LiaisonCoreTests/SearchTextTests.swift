import LiaisonCore
import Testing

@Suite struct SearchTextTests {
    @Test func chineseIsTransliteratedToPinyinWithoutTones() {
        #expect(SearchText.normalize("广州") == "guang zhou")
        #expect(SearchText.normalize("陈国 广州") == "chen guo guang zhou")
    }

    @Test func caseAndAccentsAreFolded() {
        #expect(SearchText.normalize("Agnès") == "agnes")
        #expect(SearchText.normalize("BOGOTÁ") == "bogota")
        #expect(SearchText.normalize("São Paulo") == "sao paulo")
    }

    @Test func punctuationSeparatesWords() {
        #expect(SearchText.normalize("Xi'an") == "xi an")
        #expect(SearchText.normalize("UCLG-ASPAC, Jakarta") == "uclg aspac jakarta")
    }

    @Test func otherScriptsBecomeLatin() {
        #expect(SearchText.normalize("Москва") == "moskva")
        #expect(SearchText.normalize("서울").hasPrefix("seo"))
        #expect(!SearchText.normalize("القاهرة").isEmpty)
    }

    @Test func documentIndexesNativeNamesBySyllableAndJoined() {
        let document = SearchText.document(names: ["Guangzhou", "广州", "Canton"])
        let words = Set(document.split(separator: " "))
        #expect(words == ["guangzhou", "guang", "zhou", "canton"])
    }

    @Test func queryTermsAreNormalizedWords() {
        #expect(SearchText.queryTerms("  Guang  ") == ["guang"])
        #expect(SearchText.queryTerms("广州") == ["guang", "zhou"])
        #expect(SearchText.queryTerms("\"*) OR (") == ["or"])
        #expect(SearchText.queryTerms("").isEmpty)
    }
}
