import Foundation
import LiaisonCore
import Testing

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("+86 20 8330 1234", nil, "+862083301234"), ("020-8330-1234", "CN", "+862083301234"),
        ("0086 20 8330 1234", "ES", "+862083301234"), ("(212) 555-0134", "US", "+12125550134"),
        ("1 212 555 0134", "US", "+12125550134"), ("06 12 34 56 78", "FR", "+33612345678"),
        ("06 1234 5678", "IT", "+390612345678"), ("8 495 123-45-67", "RU", "+74951234567"),
    ] as [(String, String?, String)])
    func numbersBecomeE164(text: String, country: String?, expected: String) {
        #expect(PhoneNumber.e164(text, defaultCountry: country) == expected)
    }

    @Test(arguments: [("12345", "CN"), ("call me", "CN"), ("020 8330 1234", nil), ("+1234567890123456", nil)]
        as [(String, String?)])
    func whatCannotBeANumberIsNil(text: String, country: String?) {
        #expect(PhoneNumber.e164(text, defaultCountry: country) == nil)
    }

    @Test func everyCountryWithACallingCodeIsKnown() {
        #expect(PhoneNumber.callingCode(country: "cn") == "86")
        #expect(Country.all.filter { PhoneNumber.callingCode(country: $0.code) == nil }.map(\.code).count <= 3)
    }
}

@Suite struct ContactFormatsTests {
    @Test func emailAddresses() {
        #expect(ContactFormats.isEmail("chen.guo@gz.gov.cn"))
        #expect(ContactFormats.isEmail("agnès@métropole.example"))
        for bad in ["a@b", "a b@x.org", "@x.org", "x@-a.org", String(repeating: "a", count: 65) + "@x.org", "x@y.1"] {
            #expect(!ContactFormats.isEmail(bad), "\(bad)")
        }
        #expect(ContactFormats.normalizedEmail("Chen.Guo@GZ.Gov.CN") == "Chen.Guo@gz.gov.cn")
    }

    @Test func weChatIDs() {
        #expect(ContactFormats.isWeChatID("chenguo_gz"))
        #expect(ContactFormats.isWeChatID("13800138000"))
        #expect(!ContactFormats.isWeChatID("wx1"))
        #expect(!ContactFormats.isWeChatID("1abcdefg"))
        #expect(!ContactFormats.isWeChatID("abc def12"))
    }

    @Test func linkedInAddresses() {
        #expect(ContactFormats.linkedInURL("chen-guo") == "https://www.linkedin.com/in/chen-guo")
        #expect(ContactFormats.linkedInURL("https://www.linkedin.com/in/chen-guo/") == "https://www.linkedin.com/in/chen-guo")
        #expect(ContactFormats.linkedInURL("linkedin.com/company/metropolis") == "https://www.linkedin.com/company/metropolis")
        #expect(ContactFormats.linkedInURL("https://example.com/in/x") == nil)
    }
}

@Suite struct ExportFormatTests {
    @Test func vCardLinesAreEscapedFoldedAndEndInCRLF() {
        var card = VCard(uid: "urn:liaison:person:1", formattedName: "CHEN Guo", familyName: "Chen", givenName: "Guo")
        card.nativeName = "陈国"
        card.nativeLanguage = "zh"
        card.organization = "Guangzhou"
        card.department = "CPC Guangzhou Committee; General Office"
        card.title = String(repeating: "广州市人民政府外事办公室", count: 4)
        card.phones = [.init("+862083301234", type: "work", preferred: true)]
        card.instantMessaging = [.init("weixin:chenguo_gz")]
        card.addresses = [.init("1 Fuqian Road\nGuangzhou")]
        let text = card.serialized()
        #expect(text.hasPrefix("BEGIN:VCARD\r\nVERSION:4.0\r\n"))
        #expect(text.hasSuffix("END:VCARD\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("FN;ALTID=1;PREF=1:CHEN Guo\r\nFN;ALTID=1;LANGUAGE=zh:陈国\r\n"))
        #expect(unfolded.contains("N:Chen;Guo;;;\r\n"))
        #expect(unfolded.contains("ORG:Guangzhou;CPC Guangzhou Committee\\; General Office\r\n"))
        #expect(unfolded.contains("TITLE:" + String(repeating: "广州市人民政府外事办公室", count: 4) + "\r\n"))
        #expect(unfolded.contains("TEL;VALUE=uri;TYPE=work;PREF=1:tel:+862083301234\r\n"))
        #expect(unfolded.contains("IMPP:weixin:chenguo_gz\r\n"))
        #expect(unfolded.contains("ADR;LABEL=\"1 Fuqian Road^nGuangzhou\":;;1 Fuqian Road\\nGuangzhou;;;;\r\n"))
    }

    @Test func csvCellsAreQuotedAndFormulasDisarmed() {
        #expect(CSVWriter.row(["a,b", "say \"hi\"", "line\nbreak", "陈国"]) == "\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",陈国")
        #expect(CSVWriter.row(["=HYPERLINK(\"x\")", "+862083301234", "-1", "@SUM(A1)"])
            == "\"'=HYPERLINK(\"\"x\"\")\",'+862083301234,'-1,'@SUM(A1)")
        let document = CSVWriter.document(header: ["name"], rows: [["Guangzhou"]])
        #expect(document == "\u{FEFF}name\r\nGuangzhou\r\n")
    }
}
