import LiaisonCore
import Testing

@Suite struct MentionIndexTests {
    static let guangzhou = MentionEntry.organization(
        id: 1, name: "Guangzhou", nativeName: "广州", aliases: ["Canton"])
    static let government = MentionEntry.organization(
        id: 2, name: "Guangzhou Municipal Government", nativeName: "广州市人民政府", aliases: [])
    static let chenGuo = MentionEntry.person(
        id: 10, givenName: "Guo", familyName: "Chen", nativeName: "陈国", organizationIds: [1])

    static let directory = MentionIndex(entries: [guangzhou, government, chenGuo])

    /// What each mention is linked to, by the text it covers.
    static func links(_ text: String, in index: MentionIndex = directory, context: MentionContext = .init())
        -> [String: MentionTarget?]
    {
        var links: [String: MentionTarget?] = [:]
        for mention in index.find(in: text, context: context) {
            links[String(text[mention.range(in: text)])] = mention.target
        }
        return links
    }

    @Test func organizationsAreFoundByNameNativeNameAndAlias() {
        #expect(Self.links("We landed in Guangzhou.") == ["Guangzhou": .organization(1)])
        #expect(Self.links("抵达广州。") == ["广州": .organization(1)])
        #expect(Self.links("Old maps say Canton") == ["Canton": .organization(1)])
        #expect(Self.links("guang zhou, by its syllables") == ["guang zhou": .organization(1)])
    }

    @Test func peopleAreFoundByFullNameInEitherOrderAndNativeScript() {
        #expect(Self.links("Met CHEN Guo today") == ["CHEN Guo": .person(10)])
        #expect(Self.links("Met Guo Chen today") == ["Guo Chen": .person(10)])
        #expect(Self.links("会见陈国先生") == ["陈国": .person(10)])
        #expect(Self.links("Chenguo, written as one word") == ["Chenguo": .person(10)])
    }

    @Test func theLongestNameStartingAtAWordWins() {
        let text = "The Guangzhou Municipal Government hosted us"
        let mentions = Self.directory.find(in: text)
        #expect(mentions.count == 1)
        #expect(mentions.first.map { String(text[$0.range(in: text)]) } == "Guangzhou Municipal Government")
        #expect(mentions.first?.target == .organization(2))
        #expect(Self.links("广州市人民政府的邀请") == ["广州市人民政府": .organization(2)])
    }

    @Test func rangesAreUTF8OffsetsIntoTheOriginalText() {
        let text = "Réunion à 广州 avec CHEN Guo"
        let mentions = Self.directory.find(in: text)
        #expect(mentions.map(\.utf8Range) == [12..<18, 24..<32])
        #expect(mentions.map(\.form) == ["广 州", "chen guo"])
    }

    @Test func punctuationAndLineBreaksBetweenTheWordsOfANameStillMatch() {
        #expect(Self.links("signed by CHEN,\nGuo") == ["CHEN,\nGuo": .person(10)])
        #expect(
            Self.links("Guangzhou\nMunicipal -- Government") == ["Guangzhou\nMunicipal -- Government": .organization(2)]
        )
    }

    @Test func aNameInsideALongerWordIsNotMatched() {
        #expect(Self.links("Foshanese and Guangzhouese cuisine").isEmpty)
    }

    @Test func accentsAndCaseAreFolded() {
        let index = MentionIndex(entries: [.organization(id: 5, name: "Bogotá", nativeName: nil, aliases: [])])
        #expect(Self.links("BOGOTA and bogotá", in: index).count == 2)
    }

    @Test func namesThatAreCommonWordsAreNotLinked() {
        let index = MentionIndex(entries: [
            .organization(id: 1, name: "Nice", nativeName: nil, aliases: []),
            .organization(id: 2, name: "Mobile", nativeName: nil, aliases: []),
            .organization(id: 3, name: "Nice Côte d'Azur", nativeName: nil, aliases: []),
        ])
        #expect(Self.links("A nice visit to Mobile", in: index).isEmpty)
        #expect(Self.links("Nice Côte d'Azur signed", in: index) == ["Nice Côte d'Azur": .organization(3)])
        #expect(MentionRules.isCommonWord("orange"))
        #expect(MentionRules.isCommonWord("ciudad"))
        #expect(!MentionRules.isCommonWord("lyon"))
    }

    @Test func shortLatinNamesAreNotLinkedUnlessTheyHaveADigit() {
        let index = MentionIndex(entries: [
            .organization(id: 1, name: "Ulm", nativeName: nil, aliases: ["UN"]),
            .organization(id: 2, name: "Lyon", nativeName: nil, aliases: []),
            .organization(id: 3, name: "C40", nativeName: nil, aliases: []),
        ])
        #expect(Self.links("Ulm, UN, Lyon and C40", in: index) == ["Lyon": .organization(2), "C40": .organization(3)])
    }

    @Test func aTwoCharacterHanNameIsLinkedAndAOneCharacterOneIsNot() {
        let index = MentionIndex(entries: [
            .person(id: 1, givenName: "", familyName: "Wang", nativeName: "王", organizationIds: []),
            .person(id: 2, givenName: "Li", familyName: "Na", nativeName: "李娜", organizationIds: []),
        ])
        #expect(Self.links("王先生和李娜", in: index) == ["李娜": .person(2)])
    }

    @Test func syllabicNamesNeedTwoSyllables() {
        let seoul = MentionToken(text: "seoul", utf8Range: 0..<6, script: .syllabic, letterCount: 2, hasDigit: false)
        var one = seoul
        one.letterCount = 1
        #expect(MentionRules.isLinkable([seoul]))
        #expect(!MentionRules.isLinkable([one]))
        let index = MentionIndex(entries: [.organization(id: 7, name: "Seoul", nativeName: "서울", aliases: [])])
        #expect(Self.links("서울 방문", in: index) == ["서울": .organization(7)])
    }

    @Test func anAmbiguousPersonIsLinkedOnlyWhenAParticipantOrAtAMentionedOrganization() {
        let index = MentionIndex(entries: [
            Self.guangzhou,
            .person(id: 20, givenName: "Wei", familyName: "Zhang", nativeName: "张伟", organizationIds: [1]),
            .person(id: 21, givenName: "Wei", familyName: "Zhang", nativeName: "张伟", organizationIds: [99]),
        ])
        let alone = index.find(in: "Zhang Wei spoke")
        #expect(alone.first?.target == nil)
        #expect(alone.first?.candidateCount == 2)
        #expect(
            Self.links("Zhang Wei spoke", in: index, context: MentionContext(participantPeople: [21]))
                == ["Zhang Wei": .person(21)])
        let atGuangzhou = index.find(in: "张伟 of Guangzhou spoke")
        #expect(atGuangzhou.map(\.target) == [.person(20), .organization(1)])
        #expect(atGuangzhou.first?.reason == .organizationMentioned)
        #expect(
            Self.links("Zhang Wei spoke", in: index, context: MentionContext(participantOrganizations: [99]))
                == ["Zhang Wei": .person(21)])
    }

    @Test func organizationsOfTheSameNameAreLinkedOnlyWhenOneTookPart() {
        let index = MentionIndex(entries: [
            .organization(id: 1, name: "Springfield", nativeName: nil, aliases: []),
            .organization(id: 2, name: "Springfield", nativeName: nil, aliases: []),
        ])
        #expect(Self.links("Springfield", in: index) == ["Springfield": MentionTarget?.none])
        #expect(
            Self.links("Springfield", in: index, context: MentionContext(participantOrganizations: [2]))
                == ["Springfield": .organization(2)])
    }

    @Test func recordsAreAddedRenamedAndRemovedWithoutARebuild() {
        var index = Self.directory
        index.upsert(.organization(id: 3, name: "Foshan", nativeName: "佛山", aliases: []))
        #expect(Self.links("Foshan", in: index) == ["Foshan": .organization(3)])
        index.upsert(.organization(id: 3, name: "Foshan City", nativeName: nil, aliases: []))
        #expect(Self.links("佛山 and Foshan City", in: index) == ["Foshan City": .organization(3)])
        index.remove(.organization(3))
        #expect(Self.links("Foshan City", in: index).isEmpty)
        #expect(index.recordCount == 3)
        #expect(!index.contains(.organization(3)))
        // A second Chen Guo makes the name ambiguous; removing them makes it unique again.
        index.upsert(.person(id: 11, givenName: "Guo", familyName: "Chen", nativeName: nil, organizationIds: []))
        #expect(Self.links("Chen Guo", in: index) == ["Chen Guo": MentionTarget?.none])
        index.remove(.person(11))
        #expect(Self.links("Chen Guo", in: index) == ["Chen Guo": .person(10)])
    }

    @Test func tokensKeepTheirPlaceInTheOriginalText() {
        let tokens = MentionText.tokens(in: "Agnès, 广州!")
        #expect(tokens.map(\.text) == ["agnes", "广", "州"])
        #expect(tokens.map(\.utf8Range) == [0..<6, 8..<11, 11..<14])
        #expect(tokens.map(\.script) == [.alphabetic, .han, .han])
    }
}
