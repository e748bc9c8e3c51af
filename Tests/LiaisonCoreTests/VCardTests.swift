import Foundation
import LiaisonCore
import Testing

@Suite struct VCardTests {
    /// A card with every property, as a person's export would give it.
    static let sample = VCard(
        uid: "urn:uuid:6f1c3d2a-8b4e-4c1a-9f0e-2d7b5a3c1e90", formattedName: "CHEN Guo", nativeName: "陈国",
        nativeLanguage: "zh", familyName: "Chen", givenName: "Guo", honorificPrefix: "Dr.",
        organization: "Guangzhou Municipal People's Government", department: "Foreign Affairs Office",
        title: "Director", emails: [.init("chen.guo@gz.gov.cn", type: "work", preferred: true)],
        phones: [.init("+862083301234", type: "work", preferred: true), .init("+8613800138000", type: "mobile")],
        instantMessaging: [.init("weixin:chenguo_gz", preferred: true), .init("whatsapp:+8613800138000")],
        urls: [.init("https://www.linkedin.com/in/chen-guo", type: "linkedin")],
        addresses: [.init("1 Fuqian Road\nYuexiu District, Guangzhou", type: "work")], languages: ["zh", "en"],
        note: "Met at the UCLG congress; prefers WeChat.", revision: Date(timeIntervalSince1970: 1_795_428_900))

    /// The text with folded lines joined again, as a reader sees it (RFC 6350 3.2).
    func unfolded(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n ", with: "")
    }

    /// The physical lines as bytes, without their CRLF.
    func physicalLines(_ text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = [[]]
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                lines.append([])
                index += 2
            } else {
                lines[lines.count - 1].append(bytes[index])
                index += 1
            }
        }
        return lines
    }

    @Test func aSampleCardHasEveryPropertyInItsForm() {
        let expected = [
            "BEGIN:VCARD",
            "VERSION:4.0",
            "UID:urn:uuid:6f1c3d2a-8b4e-4c1a-9f0e-2d7b5a3c1e90",
            "FN;ALTID=1;PREF=1:CHEN Guo",
            "FN;ALTID=1;LANGUAGE=zh:陈国",
            "N:Chen;Guo;;Dr.;",
            "ORG:Guangzhou Municipal People's Government;Foreign Affairs Office",
            "TITLE:Director",
            "EMAIL;TYPE=work;PREF=1:chen.guo@gz.gov.cn",
            "TEL;VALUE=uri;TYPE=work;PREF=1:tel:+862083301234",
            "TEL;VALUE=uri;TYPE=cell:tel:+8613800138000",
            "IMPP;PREF=1:weixin:chenguo_gz",
            "IMPP:whatsapp:+8613800138000",
            "URL;TYPE=linkedin:https://www.linkedin.com/in/chen-guo",
            "ADR;TYPE=work;LABEL=\"1 Fuqian Road^nYuexiu District, Guangzhou\""
                + ":;;1 Fuqian Road\\nYuexiu District\\, Guangzhou;;;;",
            "LANG;PREF=1:zh",
            "LANG:en",
            "NOTE:Met at the UCLG congress\\; prefers WeChat.",
            "REV:20261123T101500Z",
            "END:VCARD",
        ]
        #expect(unfolded(Self.sample.serialized()) == expected.map { $0 + "\r\n" }.joined())
    }

    @Test func aCardWithOnlyTheRequiredFields() {
        let card = VCard(uid: "urn:uuid:1", formattedName: "Guo")
        let lines = ["BEGIN:VCARD", "VERSION:4.0", "UID:urn:uuid:1", "FN:Guo", "N:;;;;", "END:VCARD"]
        #expect(card.serialized() == lines.map { $0 + "\r\n" }.joined())
    }

    @Test func everyLineEndsInCRLF() {
        let bytes = Array(Self.sample.serialized().utf8)
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D) }
            if byte == 0x0D { #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A) }
        }
    }

    @Test func textValuesAreEscaped() {
        var card = VCard(uid: "urn:uuid:1", formattedName: "Chen, Guo; \\ the second\nline\r\nthird\rfourth")
        card.familyName = "Chen;Guo"
        card.givenName = "Guo,Jr"
        card.note = "tab\tstays, bell\u{7} goes"
        let text = card.serialized()
        #expect(text.contains("\r\nFN:Chen\\, Guo\\; \\\\ the second\\nline\\nthird\\nfourth\r\n"))
        #expect(text.contains("\r\nN:Chen\\;Guo;Guo\\,Jr;;;\r\n"))
        #expect(text.contains("\r\nNOTE:tab\tstays\\, bell goes\r\n"))
    }

    @Test func nothingTypedCanEndALineOrStartAProperty() {
        var card = VCard(uid: "urn:uuid:1\r\nEND:VCARD", formattedName: "Guo\r\nEND:VCARD")
        card.urls = [.init("https://example.org/a b\nEMAIL:x@y.org")]
        card.addresses = [.init("\"Quoted\" ^ street\r\nCity")]
        card.phones = [.init("+862083301234", type: "Beijing office; mobile")]
        card.languages = ["zh\nEND:VCARD", "en"]
        let text = unfolded(card.serialized())
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.filter { $0 == "END:VCARD" }.count == 1)
        #expect(!lines.contains { $0.hasPrefix("EMAIL") })
        #expect(text.contains("\r\nUID:urn:uuid:1%0D%0AEND:VCARD\r\n"))
        #expect(text.contains("\r\nFN:Guo\\nEND:VCARD\r\n"))
        #expect(text.contains("\r\nURL:https://example.org/a%20b%0AEMAIL:x@y.org\r\n"))
        #expect(text.contains("\r\nADR;LABEL=\"^'Quoted^' ^^ street^nCity\":;;\"Quoted\" ^ street\\nCity;;;;\r\n"))
        #expect(text.contains("\r\nTEL;VALUE=uri:tel:+862083301234\r\n"))
        #expect(text.contains("\r\nLANG;PREF=1:en\r\n"))
    }

    @Test func typesBecomeRFC6350Types() {
        var card = VCard(uid: "urn:uuid:1", formattedName: "Guo")
        card.phones = [
            .init("+8613800138000", type: "Mobile"), .init("+862083301235", type: "fax"),
            .init("+862083301234", type: "office"),
        ]
        card.emails = [.init("guo@example.org", type: "personal")]
        let text = card.serialized()
        #expect(text.contains("\r\nTEL;VALUE=uri;TYPE=cell:tel:+8613800138000\r\n"))
        #expect(text.contains("\r\nTEL;VALUE=uri;TYPE=fax:tel:+862083301235\r\n"))
        #expect(text.contains("\r\nTEL;VALUE=uri;TYPE=work:tel:+862083301234\r\n"))
        #expect(text.contains("\r\nEMAIL;TYPE=home:guo@example.org\r\n"))
    }

    @Test func aNativeNameWithoutLanguageAndAnOrganizationWithoutDepartment() {
        var card = VCard(uid: "urn:uuid:1", formattedName: "CHEN Guo", nativeName: "陈国")
        card.organization = "Guangzhou"
        let text = card.serialized()
        #expect(text.contains("\r\nFN;ALTID=1;PREF=1:CHEN Guo\r\nFN;ALTID=1:陈国\r\n"))
        #expect(text.contains("\r\nORG:Guangzhou\r\n"))
        card.organization = nil
        card.department = "Foreign Affairs Office"
        #expect(!card.serialized().contains("ORG"))
    }

    @Test func longLinesFoldAt75OctetsBetweenCharacters() {
        // "TITLE:a" and 3-octet characters: the 23rd character would end on octet 76, so the break comes before it.
        let title = "a" + String(repeating: "广州市人民政府外事办公室", count: 6) + "😀 end"
        var card = VCard(uid: "urn:uuid:1", formattedName: "Guo")
        card.title = title
        let text = card.serialized()
        let lines = physicalLines(text)
        #expect(lines.count > 7)
        for line in lines {
            #expect(line.count <= 75)
            #expect(Array(String(decoding: line, as: UTF8.self).utf8) == line, "a UTF-8 sequence was cut")
        }
        let titleLines = text.components(separatedBy: "\r\n").drop { !$0.hasPrefix("TITLE:") }
            .prefix { $0.hasPrefix("TITLE:") || $0.hasPrefix(" ") }
        #expect(titleLines.first?.utf8.count == 73)
        #expect(titleLines.dropFirst().allSatisfy { $0.hasPrefix(" ") && !$0.hasPrefix("  ") })
        #expect(titleLines.dropFirst().dropLast().allSatisfy { $0.utf8.count >= 73 })
        #expect(unfolded(text).contains("\r\nTITLE:\(title)\r\n"))
    }

    @Test func aLineOf75OctetsIsNotFolded() {
        var card = VCard(uid: "urn:uuid:1", formattedName: "Guo")
        card.note = String(repeating: "a", count: 70)
        #expect(card.serialized().contains("\r\nNOTE:\(String(repeating: "a", count: 70))\r\n"))
        card.note = String(repeating: "a", count: 71)
        #expect(card.serialized().contains("\r\nNOTE:\(String(repeating: "a", count: 70))\r\n a\r\n"))
    }

    /// A person's card is known by the kind of record and its id, which is never given to another person: it
    /// cannot be taken for the record of another kind with the same number (an activity's calendar UID is
    /// "activity-5@host"), and stays the same from one export to the next.
    @Test func aPersonsCardIsKnownByKindAndId() {
        let at = Date(timeIntervalSince1970: 1_795_428_900)
        let person = Person(
            id: 5, input: PersonInput(givenName: "Guo", familyName: "Chen"), version: 3, createdAt: at, updatedAt: at)
        #expect(person.vCard.uid == "urn:liaison:person:5")
        #expect(person.vCard.serialized().contains("\r\nUID:urn:liaison:person:5\r\n"))
    }

    @Test func aFileHoldsTheCardsOneAfterAnother() {
        let other = VCard(uid: "urn:uuid:2", formattedName: "Agnès")
        let file = VCard.file([Self.sample, other])
        #expect(file == Self.sample.serialized() + other.serialized())
        #expect(file.components(separatedBy: "BEGIN:VCARD\r\n").count == 3)
        #expect(VCard.file([]).isEmpty)
    }
}
