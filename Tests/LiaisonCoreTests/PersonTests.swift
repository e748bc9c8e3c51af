import Foundation
import LiaisonCore
import Testing

extension PersonInput {
    /// The head of the Guangzhou delegation, as the news item names him.
    static let chenGuo = PersonInput(
        givenName: "Guo", familyName: "Chen", nameOrder: .familyFirst, nativeName: "陈国", honorific: "Mr.",
        languages: ["zh"],
        positions: [Position(organizationId: 1, title: "Secretary General", department: "CPC Guangzhou Committee")],
        channels: [
            Channel(kind: .wechat, value: "chenguo_gz", preferred: true),
            Channel(kind: .email, value: "chen.guo@GZ.example.cn"),
        ])
}

@Suite struct PersonTests {
    @Test func familyNameFirstIsShownInCapitals() {
        #expect(PersonInput.chenGuo.displayName == "CHEN Guo")
        #expect(PersonInput(givenName: "Agnès", familyName: "Bickart").displayName == "Agnès Bickart")
        #expect(PersonInput(givenName: "", familyName: "Madonna").displayName == "Madonna")
    }

    @Test func normalizingDialsNationalNumbersFromTheOrganizationsCountry() {
        var input = PersonInput.chenGuo
        input.channels = [
            Channel(kind: .phone, value: " 020-8330-1234 "), Channel(kind: .email, value: "Chen.Guo@GZ.Example.CN"),
            Channel(kind: .linkedin, value: "linkedin.com/in/chen-guo/"),
        ]
        let normalized = input.normalized(defaultCountry: "CN")
        #expect(
            normalized.channels.map(\.value) == [
                "+862083301234", "Chen.Guo@gz.example.cn", "https://www.linkedin.com/in/chen-guo",
            ])
        #expect(throws: Never.self) { try normalized.validate(currentYear: 2026) }
    }

    @Test func everyBrokenRuleIsNamedWithItsField() {
        let input = PersonInput(
            languages: ["zh", "xx"],
            consentDate: "2026-13-01",
            positions: [Position(title: "", startDate: "2020", endDate: "2019")],
            channels: [
                Channel(kind: .email, value: "not-an-address", preferred: true),
                Channel(kind: .phone, value: "8330 1234", preferred: true),
                Channel(kind: .wechat, value: "1x"),
            ]
        ).normalized(defaultCountry: nil)
        #expect {
            try input.validate(currentYear: 2026)
        } throws: { error in
            let fields = Set((error as? ValidationError)?.errors.map { "\($0.field) \($0.rule)" } ?? [])
            return fields.isSuperset(of: [
                "familyName required", "languages[1] unknown_language", "consentDate date",
                "positions[0].title required", "positions[0].organizationId required", "positions[0].endDate order",
                "channels[0].value email", "channels[1].value phone", "channels[2].value wechat_id",
                "channels one_preferred",
            ])
        }
    }

    @Test func theSearchDocumentHoldsBothScriptsAndTheContacts() {
        let words = Set(PersonInput.chenGuo.normalized().searchDocument.split(separator: " ").map(String.init))
        #expect(words.isSuperset(of: ["chen", "guo", "chenguo", "gz", "example"]))
        var input = PersonInput.chenGuo
        input.channels = [Channel(kind: .phone, value: "+862083301234")]
        let phone = Set(input.searchDocument.split(separator: " ").map(String.init))
        #expect(phone.isSuperset(of: ["862083301234", "2083301234"]))
    }

    @Test func mergingKeepsEveryPositionAndChannelOnce() {
        var other = PersonInput(
            givenName: "Guo", familyName: "Chen", nativeName: nil, languages: ["en"], notes: "Met in Brussels.",
            positions: [
                Position(organizationId: 1, title: "Secretary General", department: "CPC Guangzhou Committee"),
                Position(organizationId: 1, title: "Deputy Secretary General", startDate: "2016", endDate: "2020"),
            ],
            channels: [
                Channel(kind: .email, value: "chen.guo@GZ.example.cn", heldByAccountId: 7),
                Channel(kind: .phone, value: "+862083301234", preferred: true),
            ])
        other.metAt = "Congress"
        let merged = PersonInput.chenGuo.merged(with: other)
        #expect(merged.positions.map(\.title) == ["Secretary General", "Deputy Secretary General"])
        #expect(merged.channels.map(\.value) == ["chenguo_gz", "chen.guo@GZ.example.cn", "+862083301234"])
        #expect(merged.channels.filter(\.preferred).count == 1)
        #expect(merged.channels[1].heldByAccountId == 7)
        #expect(merged.languages == ["zh", "en"])
        #expect(merged.nativeName == "陈国")
        #expect(merged.metAt == "Congress")
        #expect(merged.notes == "Met in Brussels.")
    }

    @Test func partialDatesCompareByWhatTheyMayMean() {
        #expect(PartialDate("2019") != nil)
        #expect(PartialDate("2019-02-29") == nil)
        #expect(PartialDate("2020-02-29") != nil)
        #expect(PartialDate("19") == nil)
        #expect(PartialDate("2019-1") == nil)
        let ok = PersonInput(
            familyName: "X", positions: [Position(organizationId: 1, title: "T", startDate: "2019-05", endDate: "2019")]
        )
        #expect(throws: Never.self) { try ok.validate(currentYear: 2026) }
    }
}

@Suite struct SearchRankingTests {
    let document = SearchText.document(names: ["Guangzhou", "广州", "Canton"])

    @Test func exactBeforePrefixBeforeFuzzy() {
        let names = ["Guangzhou", "广州", "Canton"]
        #expect(SearchRanking.quality(terms: ["guangzhou"], names: names, document: document) == .exact)
        #expect(SearchRanking.quality(terms: ["guang", "zhou"], names: names, document: document) == .exact)
        #expect(SearchRanking.quality(terms: ["guang"], names: names, document: document) == .prefix)
        #expect(SearchRanking.quality(terms: ["guangzou"], names: names, document: document) == .fuzzy)
        #expect(SearchRanking.quality(terms: ["paris"], names: names, document: document) == nil)
    }

    @Test func aMatchInTheNamesIsToldFromOneInTheOtherWords() {
        let names = ["Guangzhou", "广州"]
        let document = OrganizationInput.searchDocument(
            name: "Guangzhou", nativeName: "广州", aliases: [], metroArea: "Greater Bay Area",
            practices: [Practice(title: "Guangzhou Award")])
        #expect(SearchRanking.match(terms: ["guang"], names: names, document: document)! == (.prefix, true))
        #expect(SearchRanking.match(terms: ["bay"], names: names, document: document)! == (.prefix, false))
        #expect(SearchRanking.match(terms: ["guangzou"], names: names, document: document)! == (.fuzzy, true))
        #expect(SearchRanking.match(terms: ["awrad"], names: names, document: document)! == (.fuzzy, false))
        #expect(SearchRanking.match(terms: ["guangzhou"], names: names, document: document)! == (.exact, true))
    }

    @Test func aSwapOfNeighbouringLettersIsOneTypo() {
        #expect(SearchRanking.isNear("guyiang", "guiyang"))
        #expect(SearchRanking.isNear("guiyagn", "guiyang"))
        // Six letters allow one edit: a swap is one, two substitutions are not.
        #expect(SearchRanking.isNear("gulin", "guilin"))
        #expect(SearchRanking.isNear("fohsan", "foshan"))
        #expect(!SearchRanking.isNear("fxhsan", "foshan"))
        #expect(!SearchRanking.isNear("paris", "guiyang"))
    }

    @Test func fuzzyLookUpsAlsoStartFromTheFirstLettersATypoWouldHaveMoved() {
        let sets = SearchRanking.fuzzyPrefixSets(["guyiang"])
        #expect(sets.first == ["guy"])
        #expect(sets.contains(["gui"]))
        #expect(sets.count <= 6)
        #expect(SearchRanking.fuzzyPrefixSets(["li", "na"]).isEmpty)
        // Short terms are kept whole, one long term varied at a time.
        #expect(SearchRanking.fuzzyPrefixSets(["li", "guyiang"]).allSatisfy { $0[0] == "li" })
        #expect(SearchRanking.fuzzyPrefixSets(["guyiang", "fohsan", "dongguan"], limit: 4).count == 4)
    }

    @Test func phoneLikeQueriesAreOneTermOfDigits() {
        #expect(SearchText.queryTerms("+86 20 8330") == ["86208330"])
        #expect(SearchText.queryTerms("0086 (20) 8330") == ["86208330"])
        #expect(SearchText.queryTerms("陈国") == ["chen", "guo"])
    }
}
