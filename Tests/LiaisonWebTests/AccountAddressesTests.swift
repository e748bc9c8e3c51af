import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import Testing

@testable import LiaisonWeb

/// Addresses a person copies elsewhere: a new calendar feed's, once, in a box to copy from; the two-factor
/// set-up's `otpauth://` address beside a QR code drawn on the server.
@Suite struct AccountAddressesTests {
    func count(_ text: String, in page: String) -> Int { page.components(separatedBy: text).count - 1 }

    @Test func aNewFeedAddressIsShownOnceInAReadOnlyBox() async throws {
        try await withTestApp { app in
            let made = try await app.submit(
                "/account/feeds", [("scope", "mine"), ("password", TestApp.password)])
            #expect(made.status == .ok)
            let page = made.text
            #expect(count("/feeds/calendar/lcf_", in: page) == 1)
            #expect(count("it is not shown again", in: page) == 1)
            #expect(page.contains("id=\"new-feed-url\" type=\"text\" readonly"))
            #expect(page.contains("data-copy-label=\"Copy\""))
        }
    }

    @Test func twoFactorSetUpShowsTheAddressAsAQRCode() async throws {
        try await withTestApp { app in
            let page = try await app.get("/account").text
            let start = try #require(page.range(of: "<code id=\"totp-secret-url\">"))
            let url = String(page[start.upperBound...].prefix { $0 != "<" }).replacingOccurrences(
                of: "&amp;", with: "&")
            #expect(url.hasPrefix("otpauth://totp/"))
            let code = try QRCode(url)
            #expect(
                page.contains(
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(code.size + 8) \(code.size + 8)\""))
            #expect(page.contains("aria-label=\"QR code of the address below, for an authenticator app\""))
            #expect(page.contains(QRCodeView(code: code, label: "").path))
            let dark = code.modules.joined().filter { $0 }.count
            #expect(count("h1v1h-1z", in: page) == dark)
        }
    }
}
