import LiaisonCore
import Testing

@Suite struct ContactFormatsTests {
    @Test(arguments: [
        "chen.guo@gz.gov.cn", "a@x.org", "first+tag@sub.example.co.uk", "agnès@métropole.example", "用户@例子.广告",
        "info@xn--fiqs8s.xn--fiqs8s", "x@a-b.org", "x@123.example", String(repeating: "a", count: 64) + "@x.org",
    ])
    func emailAddressesPeopleHave(address: String) {
        #expect(ContactFormats.isEmail(address))
    }

    @Test(arguments: [
        "", "a@b", "a b@x.org", "@x.org", "x@-a.org", "x@a-.org", "x@", "x@.org", "x@a..org", "x@x.org.", "a@b@x.org",
        "x@y.1", "x@y.c", "x@y.c0m", "x@exa_mple.org", "x@exa mple.org", "a\tb@x.org", "a\u{0}b@x.org",
        "chen.guo@gz.gov.cn ", String(repeating: "a", count: 65) + "@x.org",
    ])
    func whatIsNoEmailAddress(address: String) {
        #expect(!ContactFormats.isEmail(address))
    }

    @Test func emailLengthsAreCountedInOctets() {
        let label = String(repeating: "a", count: 60)
        let longest = String(repeating: "b", count: 64) + "@" + [label, label, label, "abcdef"].joined(separator: ".")
        #expect(longest.utf8.count == 254)
        #expect(ContactFormats.isEmail(longest))
        #expect(!ContactFormats.isEmail(longest + "r"))
        // 22 Chinese characters are 66 octets, past the local part's 64.
        #expect(ContactFormats.isEmail(String(repeating: "陈", count: 21) + "@x.org"))
        #expect(!ContactFormats.isEmail(String(repeating: "陈", count: 22) + "@x.org"))
    }

    @Test func normalizedEmailLowercasesTheDomainOnly() {
        #expect(ContactFormats.normalizedEmail("Chen.Guo@GZ.Gov.CN") == "Chen.Guo@gz.gov.cn")
        #expect(ContactFormats.normalizedEmail("Agnès@MÉTROPOLE.Example") == "Agnès@métropole.example")
        #expect(ContactFormats.normalizedEmail("no address") == "no address")
    }

    @Test(arguments: ["chenguo_gz", "wxid-2024", "Abcdef", "a12345", String(repeating: "a", count: 20)])
    func weChatIDs(id: String) {
        #expect(ContactFormats.isWeChatID(id))
    }

    @Test func aPhoneNumberServesAsAWeChatID() {
        #expect(ContactFormats.isWeChatID("13800138000"))
        #expect(ContactFormats.isWeChatID("+8613800138000"))
        #expect(ContactFormats.isWeChatID("123456"))
        #expect(!ContactFormats.isWeChatID("12345"))
        #expect(!ContactFormats.isWeChatID("+12345"))
        #expect(!ContactFormats.isWeChatID(String(repeating: "1", count: 21)))
        #expect(!ContactFormats.isWeChatID("+86 138 0013 8000"))
    }

    @Test(arguments: [
        "wx1", "abcde", "1abcdef", "_abcdef", "-abcdef", "abc def12", "abc.def", "chen@guo", "陈国陈国陈国",
        "àbcdefg", String(repeating: "a", count: 21), "",
    ])
    func whatIsNoWeChatID(id: String) {
        #expect(!ContactFormats.isWeChatID(id))
    }

    @Test(arguments: [
        "chen-guo", "linkedin.com/in/chen-guo", "https://www.linkedin.com/in/chen-guo/",
        "http://linkedin.com/in/chen-guo", "www.linkedin.com/in/chen-guo", "https://cn.linkedin.com/in/chen-guo",
        "HTTPS://WWW.LINKEDIN.COM/in/chen-guo",
        "https://www.linkedin.com/in/chen-guo?utm_source=share&utm_medium=member_desktop",
        "https://www.linkedin.com/in/chen-guo/#experience", "  https://www.linkedin.com/in/chen-guo  ",
    ])
    func linkedInProfiles(text: String) {
        #expect(ContactFormats.linkedInURL(text) == "https://www.linkedin.com/in/chen-guo")
    }

    @Test func linkedInHandlesInAnyScript() {
        #expect(ContactFormats.linkedInURL("陈国-广州") == "https://www.linkedin.com/in/陈国-广州")
        #expect(
            ContactFormats.linkedInURL("https://www.linkedin.com/in/%E9%99%88%E5%9B%BD-gz")
                == "https://www.linkedin.com/in/陈国-gz")
    }

    @Test func linkedInCompanyPages() {
        #expect(
            ContactFormats.linkedInURL("linkedin.com/company/metropolis")
                == "https://www.linkedin.com/company/metropolis")
        #expect(
            ContactFormats.linkedInURL("https://www.linkedin.com/company/uclg/about/")
                == "https://www.linkedin.com/company/uclg")
        #expect(ContactFormats.linkedInURL("linkedin.com/company/hp") == "https://www.linkedin.com/company/hp")
    }

    @Test(arguments: [
        "https://example.com/in/x", "https://example.com/in/chen-guo", "https://evil-linkedin.com/in/chen-guo",
        "https://linkedin.com.evil.example/in/chen-guo", "https://linkedin.com@evil.example/in/chen-guo",
        "https://www.linkedin.com/feed/chen-guo", "https://www.linkedin.com/in/", "https://www.linkedin.com/",
        "linkedin.com", "ab", "chen guo", "chen_guo", "chen.guo", "", String(repeating: "a", count: 101),
        "https://www.linkedin.com/in/chen%20guo", "https://www.linkedin.com/in/50%",
    ])
    func whatIsNoLinkedInPage(text: String) {
        #expect(ContactFormats.linkedInURL(text) == nil)
    }
}
